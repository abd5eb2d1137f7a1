from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Punktforslag")

    def ready(self):
        from kkr.models import AuditEntry
        from proposals.models import Proposal, ProposalAttachment

        # A proposal's history labels a change as the proposal's form labels the field.
        AuditEntry.changed_models[AuditEntry.Area.PROPOSAL] = lambda entry: (
            ProposalAttachment if entry.attachment_id else Proposal
        )
