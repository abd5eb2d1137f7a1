from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendasConfig(AppConfig):
    name = "agendas"
    verbose_name = _("Møder og dagsordener")

    def ready(self):
        from agendas import pdf
        from agendas.models import AgendaItem, Attachment, Meeting
        from documents import registry
        from kkr.models import AuditEntry

        registry.register(pdf.AGENDA)
        registry.register(pdf.PACK)
        # The agenda's history labels a change as the edit form of what changed labels it.
        AuditEntry.changed_models[AuditEntry.Area.AGENDA] = lambda entry: (
            Attachment if entry.attachment_id else AgendaItem if entry.item_id else Meeting
        )
