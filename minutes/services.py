"""Minutes: attendance, decisions, and the way from draft to published.

Draft → sent (to the members, with a date) → approved, when a later meeting's item 1.1 "Godkendelse af
referat" is decided "Godkendt" (the minutes it lists are the sent ones of earlier meetings) → published.
Errors are ValidationErrors with a Danish message the forms show as they are."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agendas.models import AgendaItem, AuditEntry, Meeting, RenderedDocument
from agendas.services import record, request_document
from kkr.models import Membership, Person
from minutes.models import Attendance, Decision, Minutes

Status = Minutes.Status
APPROVAL_ITEM_TITLE = "godkendelse af referat"
STANDARD_DECISIONS = ["Godkendt.", "Taget til efterretning.", "Drøftet."]


def _day(value: datetime.date) -> str:
    return date_format(value, "d-m-Y")


def _record(minutes, summary, *, by=None, item=None, **changes):
    return record(minutes.meeting, AuditEntry.Action.UPDATE, summary, by=by, item=item, changes=changes)


def minutes_for(meeting: Meeting) -> Minutes:
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    return minutes


def _check_editable(minutes):
    if minutes.status in (Status.APPROVED, Status.PUBLISHED):
        raise ValidationError(_("Referatet er godkendt og kan ikke længere ændres."))


# Attendance


@dataclass
class Seat:
    """A member of the council on the meeting day, with their personal substitute if they have one."""

    membership: Membership
    substitute: Membership | None


def council_seats(meeting: Meeting) -> list[Seat]:
    rows = list(
        Membership.objects.current(meeting.date)
        .filter(council=meeting.council_id)
        .select_related("person")
        .order_by("person__name")
    )
    substitutes = {r.substitute_for_id: r for r in rows if r.role == Membership.Role.SUBSTITUTE}
    order = list(Membership.Role.values)
    members = sorted(
        (r for r in rows if r.role != Membership.Role.SUBSTITUTE), key=lambda r: order.index(r.role)
    )
    return [Seat(m, substitutes.get(m.person_id)) for m in members]


def check_substitute(meeting: Meeting, substitute: Person, member: Person):
    """A substitute can only stand in for the member they are the personal substitute of."""
    stands_in = (
        Membership.objects.current(meeting.date)
        .filter(council=meeting.council_id, person=substitute, substitute_for=member)
        .exists()
    )
    if not stands_in:
        raise ValidationError(
            _("%(substitute)s er ikke personlig stedfortræder for %(member)s den %(date)s.")
            % {"substitute": substitute.name, "member": member.name, "date": _day(meeting.date)}
        )


@transaction.atomic
def record_attendance(minutes: Minutes, statuses: dict, *, guests: str = "", by=None) -> None:
    """statuses: {member Person: (status, substitute Person or None)} for the council's members, status
    "present", "absent" or "substitute" (absent, and the substitute came in their place). The whole
    list replaces the earlier one; nothing is saved if one entry breaks the rules."""
    _check_editable(minutes)
    meeting = minutes.meeting
    rows = []
    for member, (status, substitute) in statuses.items():
        if status == Attendance.Status.SUBSTITUTE:
            if substitute is None:
                raise ValidationError(
                    _("%(member)s har ingen personlig stedfortræder at melde fremmødt.")
                    % {"member": member.name}
                )
            check_substitute(meeting, substitute, member)
            rows.append(Attendance(minutes=minutes, person=member, status=Attendance.Status.ABSENT))
            rows.append(Attendance(minutes=minutes, person=substitute, status=status, substitute_for=member))
        else:
            rows.append(Attendance(minutes=minutes, person=member, status=status))
    minutes.attendance.all().delete()
    Attendance.objects.bulk_create(rows)
    minutes.guests = guests.strip()
    minutes.save(update_fields=["guests"])
    _record(minutes, _("Fremmøde registreret i referatet"), by=by)


@dataclass
class AttendanceLists:
    present: list  # Attendance rows, members and substitutes who came
    absent: list
    substitutes: list
    guests: list


def attendance_lists(minutes: Minutes) -> AttendanceLists:
    rows = list(minutes.attendance.select_related("person", "substitute_for"))
    return AttendanceLists(
        present=[r for r in rows if r.status != Attendance.Status.ABSENT],
        absent=[r for r in rows if r.status == Attendance.Status.ABSENT],
        substitutes=[r for r in rows if r.status == Attendance.Status.SUBSTITUTE],
        guests=minutes.guest_list,
    )


# Decisions and approval


def is_approval_item(item) -> bool:
    return item.title.strip().lower().startswith(APPROVAL_ITEM_TITLE)


@transaction.atomic
def save_decision(minutes: Minutes, item: AgendaItem, text: str, *, by=None) -> list[Minutes]:
    """Save the decision on an item. On item 1.1 a decision that begins "Godkendt" approves the sent
    minutes of the council's earlier meetings (and a changed decision takes that back). Returns the
    minutes approved by this save."""
    _check_editable(minutes)
    text = "\n".join(line.rstrip() for line in text.strip().splitlines())
    decision, created = Decision.objects.get_or_create(minutes=minutes, item=item, defaults={"text": text})
    old = "" if created else decision.text
    if not created and old != text:
        decision.text = text
        decision.save(update_fields=["text", "updated_at"])
    if old != text:
        summary = _("Beslutning for punkt %(number)s %(title)s") % {
            "number": item.number,
            "title": item.title,
        }
        _record(minutes, summary, by=by, item=item, decision=[old, text])
    if is_approval_item(item):
        return _sync_approvals(minutes.meeting, approves=text.lower().startswith("godkendt"), by=by)
    return []


def _sync_approvals(meeting: Meeting, *, approves: bool, by=None) -> list[Minutes]:
    approved_here = Minutes.objects.filter(approved_at=meeting, status=Status.APPROVED)
    if not approves:
        for earlier in approved_here:
            earlier.status, earlier.approved_on, earlier.approved_at = Status.SENT, None, None
            earlier.save(update_fields=["status", "approved_on", "approved_at"])
        return []
    pending = Minutes.objects.filter(
        meeting__council=meeting.council_id, meeting__date__lt=meeting.date, status=Status.SENT
    ).select_related("meeting")
    approved = []
    for earlier in pending:
        earlier.status, earlier.approved_on, earlier.approved_at = Status.APPROVED, meeting.date, meeting
        earlier.save(update_fields=["status", "approved_on", "approved_at"])
        _record(
            earlier,
            _("Referatet godkendt på mødet %(date)s, punkt 1.1") % {"date": _day(meeting.date)},
            by=by,
        )
        approved.append(earlier)
    return approved


@transaction.atomic
def send_minutes(minutes: Minutes, *, sent_on: datetime.date, by=None) -> Minutes:
    """Mark the minutes as sent to the members on a date; every item needs its decision first."""
    _check_editable(minutes)
    decided = set(minutes.decisions.exclude(text="").values_list("item_id", flat=True))
    items = AgendaItem.objects.filter(section__meeting=minutes.meeting).select_related("section")
    missing = [
        item.number.rstrip(".")
        for item in items.order_by("section__position", "position")
        if item.pk not in decided
    ]
    if missing:
        raise ValidationError(
            _("Disse punkter mangler en beslutning: %(numbers)s.") % {"numbers": ", ".join(missing)}
        )
    if not minutes.attendance.exists():
        raise ValidationError(_("Registrér fremmødet, før referatet udsendes."))
    minutes.status, minutes.sent_on = Status.SENT, sent_on
    minutes.save(update_fields=["status", "sent_on"])
    _record(minutes, _("Referatet udsendt %(date)s") % {"date": _day(sent_on)}, by=by)
    return minutes


@transaction.atomic
def publish_minutes(minutes: Minutes, *, by=None, render: bool = True) -> Minutes:
    """Publish approved minutes for everyone to read (closed items' decisions for members only), and
    render their PDFs."""
    if minutes.status != Status.APPROVED:
        raise ValidationError(_("Kun et godkendt referat kan offentliggøres."))
    minutes.status, minutes.published_at = Status.PUBLISHED, timezone.now()
    minutes.save(update_fields=["status", "published_at"])
    Meeting.objects.filter(pk=minutes.meeting_id).update(revision=F("revision") + 1)  # the page links them
    _record(minutes, _("Referatet offentliggjort"), by=by)
    if render:
        for audience in RenderedDocument.Audience.values:
            transaction.on_commit(
                lambda audience=audience: request_document(
                    minutes.meeting, RenderedDocument.Kind.MINUTES, audience
                )
            )
    return minutes


def can_read(minutes: Minutes | None, *, secretary: bool, member: bool) -> bool:
    """Published minutes are for everyone; sent and approved ones for the members; drafts for the
    secretariat."""
    if minutes is None:
        return False
    if minutes.status == Status.PUBLISHED or secretary:
        return True
    return member and minutes.status in (Status.SENT, Status.APPROVED)
