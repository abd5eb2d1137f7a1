from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = _("Referater")

    def ready(self):
        from kkr.models import AuditEntry
        from minutes.models import Decision

        # What the minutes' history shows as changed is a decision on an item ("decision": [old, new]).
        AuditEntry.changed_models[AuditEntry.Area.MINUTES] = lambda entry: Decision
