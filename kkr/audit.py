"""The portal's one audit trail: every change to a council's agendas, minutes and register is written
by `record`, and each history page reads its own part of it (kkr.models.AuditEntry)."""

from kkr.models import AuditEntry, Council, Person

Area = AuditEntry.Area
Action = AuditEntry.Action


def record(
    council: Council,
    area: str,
    summary: str,
    *,
    action: str = Action.UPDATE,
    by=None,
    meeting=None,
    item_id: int | None = None,
    attachment_id: int | None = None,
    proposal_id: int | None = None,
    person: Person | None = None,
    changes: dict | None = None,
    snapshot: dict | None = None,
) -> AuditEntry:
    """Log one change to the council's `area`, made by the user `by` (none or anonymous: the system).
    The meeting, item, attachment and proposal are kept as ids, so the entry outlives them."""
    return AuditEntry.objects.create(
        council=council,
        area=area,
        action=action,
        summary=summary[: AuditEntry._meta.get_field("summary").max_length],
        meeting_id=meeting.pk if meeting is not None else None,
        item_id=item_id,
        attachment_id=attachment_id,
        proposal_id=proposal_id,
        person=person,
        changes=changes or {},
        snapshot=snapshot,
        user=by if by is not None and by.is_authenticated else None,
    )
