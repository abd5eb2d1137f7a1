from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = _("Referater")

    def ready(self):
        from documents import registry
        from kkr.models import AuditEntry
        from minutes import pdf
        from minutes.models import Decision

        registry.register(pdf.MINUTES)
        # What the minutes' history shows as changed is a decision on an item ("decision": [old, new]).
        AuditEntry.changed_models[AuditEntry.Area.MINUTES] = lambda entry: Decision
