"""Minutes: attendance, decisions, and the way from draft to published.

Draft → sent (to the members, with a date) → approved, when a later meeting's minutes-approval item
(1.1 "Godkendelse af referat", known by its role) is decided with the approval chosen (the minutes it
lists are the sent ones of earlier meetings) → published.
Minutes are written against the published agenda version they decide on (`Minutes.version`), and name
items by their id in it. Only draft minutes take writes; sent minutes lock the meeting's agenda
(agendas.services.check_agenda_editable). Errors are ValidationErrors with a Danish message the forms
show as they are."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agendas.content import AgendaContent, ItemEntry, SectionEntry
from agendas.models import AgendaItem, Meeting
from documents.services import request_document
from kkr import audit, subscriptions
from kkr.models import Audience, AuditEntry, Membership, Person
from minutes.models import Attendance, Decision, ItemAbsence, Minutes
from proposals.services import mark_decided

Status = Minutes.Status
STANDARD_DECISIONS = ["Godkendt.", "Taget til efterretning.", "Drøftet."]


def _day(value: datetime.date) -> str:
    return date_format(value, "d-m-Y")


def _record(minutes, summary, *, by=None, item_id=None, **changes) -> AuditEntry:
    """Log a change to the minutes in the council's audit trail."""
    meeting = minutes.meeting
    return audit.record(
        meeting.council,
        AuditEntry.Area.MINUTES,
        summary,
        by=by,
        meeting=meeting,
        item_id=item_id,
        changes=changes,
    )


def minutes_for(meeting: Meeting) -> Minutes:
    """The meeting's minutes, begun on its published agenda: minutes decide on a version, so a meeting
    whose agenda was never published has none."""
    minutes = Minutes.objects.filter(meeting=meeting).select_related("version").first()
    if minutes is not None and minutes.version_id is not None:
        return minutes
    if meeting.published_version_id is None:
        raise ValidationError(
            _(
                "Dagsordenen er ikke offentliggjort. Referatet skrives til den offentliggjorte "
                "dagsorden, så offentliggør dagsordenen først."
            )
        )
    if minutes is None:
        minutes, _created = Minutes.objects.get_or_create(
            meeting=meeting, defaults={"version_id": meeting.published_version_id}
        )
    if minutes.version_id is None:  # begun before minutes recorded their version
        minutes.version_id = meeting.published_version_id
        minutes.save(update_fields=["version"])
    return minutes


def content_of(minutes: Minutes) -> AgendaContent:
    """The agenda the minutes decide on, as it was published."""
    if minutes.version_id is None:
        return AgendaContent.for_readers(minutes.meeting)
    return AgendaContent.from_version(minutes.version)


def find_item(minutes: Minutes, item_id: int) -> tuple[SectionEntry, ItemEntry]:
    """The item as the minutes' version has it (by its id, the same in every version)."""
    for section, entry in content_of(minutes).items():
        if entry.pk == item_id:
            return section, entry
    raise ValidationError(_("Punktet findes ikke på den dagsorden, referatet skrives til."))


def check_writable(minutes: Minutes) -> None:
    """Only a draft can be written to. Reads the status under a row lock, so a write and a send never
    cross."""
    minutes.status = Minutes.objects.select_for_update().values_list("status", flat=True).get(pk=minutes.pk)
    if minutes.status == Status.SENT:
        raise ValidationError(
            _("Referatet er udsendt og kan ikke længere ændres. Træk udsendelsen tilbage for at rette det.")
        )
    if minutes.status in (Status.APPROVED, Status.PUBLISHED):
        raise ValidationError(_("Referatet er godkendt og kan ikke længere ændres."))


def closed_flags_differ(minutes: Minutes) -> list[str]:
    """The numbers of the items whose closed flag in the working agenda differs from the version the
    minutes decide on."""
    closed = dict(
        AgendaItem.objects.filter(section__meeting=minutes.meeting_id).values_list("pk", "is_closed")
    )
    return [
        f"{section.position}.{entry.position}"
        for section, entry in content_of(minutes).items()
        if entry.pk in closed and closed[entry.pk] != entry.is_closed
    ]


def closed_to_public(content: AgendaContent) -> set[int]:
    """The items whose decision the public may not read: closed in the version the minutes decide on,
    or in the working agenda since (the stricter of the two flags)."""
    closed = {item.pk for _section, item in content.items() if item.hidden or item.is_closed}
    closed |= set(
        AgendaItem.objects.filter(section__meeting=content.meeting, is_closed=True).values_list(
            "pk", flat=True
        )
    )
    return closed


def _check_closed_flags(minutes: Minutes) -> None:
    numbers = closed_flags_differ(minutes)
    if numbers:
        raise ValidationError(
            _(
                "Punkt %(numbers)s er lukket eller åbnet i dagsordenen, efter den blev offentliggjort, "
                "så referatet ville vise punktet anderledes end dagsordenen. Offentliggør dagsordenen "
                "igen, eller sæt punktet tilbage, som det var offentliggjort."
            )
            % {"numbers": ", ".join(numbers)}
        )


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
    check_writable(minutes)
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
    """The item whose decision can approve earlier minutes (an AgendaItem or a version's ItemEntry)."""
    return item.role == AgendaItem.Role.MINUTES_APPROVAL


@dataclass
class ApprovalChoice:
    """The choice on the approval item's decision form: the minutes it approves (sent ones of earlier
    meetings, and those approved here and not yet published), and whether it is made."""

    minutes: list[Minutes]

    @property
    def is_made(self) -> bool:
        return any(m.status == Status.APPROVED for m in self.minutes)

    @property
    def label(self) -> str:
        dates = [_day(m.meeting.date) for m in self.minutes]
        joined = dates[0] if len(dates) == 1 else ", ".join(dates[:-1]) + _(" og ") + dates[-1]
        return ngettext(
            "Referatet af mødet den %(dates)s godkendes",
            "Referaterne af møderne den %(dates)s godkendes",
            len(dates),
        ) % {"dates": joined}


def approval_choice(meeting: Meeting) -> ApprovalChoice:
    earlier = Minutes.objects.filter(meeting__council=meeting.council_id, meeting__date__lt=meeting.date)
    rows = earlier.filter(Q(status=Status.SENT) | Q(status=Status.APPROVED, approved_at=meeting))
    return ApprovalChoice(list(rows.select_related("meeting").order_by("meeting__date")))


@transaction.atomic
def save_decision(
    minutes: Minutes, item, text: str, *, approves: bool | None = None, by=None
) -> list[Minutes]:
    """Save the decision on an item (an AgendaItem or the version's ItemEntry: the same id). On the
    approval item, `approves` is the choice in the decision form: True approves the sent minutes of the
    council's earlier meetings, False takes back an approval given here, None leaves them as they are.
    The text is free: it approves nothing by itself. Returns the minutes approved by this save."""
    check_writable(minutes)
    section, entry = find_item(minutes, item.pk)
    if approves is not None and not is_approval_item(entry):
        raise ValidationError(_("Kun punktet om godkendelse af referat kan godkende referater."))
    text = "\n".join(line.rstrip() for line in text.strip().splitlines())
    decision, created = Decision.objects.get_or_create(
        minutes=minutes, item_id=entry.pk, defaults={"text": text}
    )
    old = "" if created else decision.text
    if not created and old != text:
        decision.text = text
        decision.save(update_fields=["text", "updated_at"])
    if old != text:
        summary = _("Beslutning for punkt %(number)s %(title)s") % {
            "number": f"{section.position}.{entry.position}.",
            "title": entry.title,
        }
        _record(minutes, summary, by=by, item_id=entry.pk, decision=[old, text])
    if approves is None:
        return []
    number = f"{section.position}.{entry.position}"
    return _sync_approvals(minutes.meeting, approves=approves, number=number, by=by)


@transaction.atomic
def add_absence(minutes: Minutes, item, person: Person, reason: str, *, by=None) -> ItemAbsence:
    """Record that a person took no part in an item (left the meeting, or was disqualified)."""
    check_writable(minutes)
    section, entry = find_item(minutes, item.pk)
    absence, _created = ItemAbsence.objects.update_or_create(
        minutes=minutes, item_id=entry.pk, person=person, defaults={"reason": reason}
    )
    summary = _("%(name)s deltog ikke i punkt %(number)s (%(reason)s)") % {
        "name": person.name,
        "number": f"{section.position}.{entry.position}.",
        "reason": absence.get_reason_display(),
    }
    _record(minutes, summary, by=by, item_id=entry.pk)
    return absence


@transaction.atomic
def remove_absence(minutes: Minutes, absence: ItemAbsence, *, by=None) -> None:
    check_writable(minutes)
    if absence.minutes_id != minutes.pk:
        raise ValidationError(_("Fraværet hører til et andet referat."))
    absence.delete()
    _record(
        minutes,
        _("Fravær under punkt fjernet: %(name)s") % {"name": absence.person.name},
        by=by,
        item_id=absence.item_id,
    )


def _sync_approvals(meeting: Meeting, *, approves: bool, number: str, by=None) -> list[Minutes]:
    approved_here = Minutes.objects.filter(approved_at=meeting, status=Status.APPROVED)
    if not approves:
        for earlier in approved_here:
            earlier.status, earlier.approved_on, earlier.approved_at = Status.SENT, None, None
            earlier.save(update_fields=["status", "approved_on", "approved_at"])
            _record(
                earlier,
                _("Godkendelsen på mødet %(date)s, punkt %(number)s, taget tilbage")
                % {"date": _day(meeting.date), "number": number},
                by=by,
            )
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
            _("Referatet godkendt på mødet %(date)s, punkt %(number)s")
            % {"date": _day(meeting.date), "number": number},
            by=by,
        )
        approved.append(earlier)
    return approved


@transaction.atomic
def send_minutes(minutes: Minutes, *, sent_on: datetime.date, by=None) -> Minutes:
    """Mark the minutes as sent to the members on a date; every item needs its decision first."""
    check_writable(minutes)
    decided = set(minutes.decisions.exclude(text="").values_list("item_id", flat=True))
    missing = [
        f"{section.position}.{entry.position}"
        for section, entry in content_of(minutes).items()
        if entry.pk not in decided
    ]
    if missing:
        raise ValidationError(
            _("Disse punkter mangler en beslutning: %(numbers)s.") % {"numbers": ", ".join(missing)}
        )
    if not minutes.attendance.exists():
        raise ValidationError(_("Registrér fremmødet, før referatet udsendes."))
    _check_closed_flags(minutes)  # sending locks the agenda: after that they could not be mended
    minutes.status, minutes.sent_on = Status.SENT, sent_on
    minutes.save(update_fields=["status", "sent_on"])
    _record(minutes, _("Referatet udsendt %(date)s") % {"date": _day(sent_on)}, by=by)
    return minutes


@transaction.atomic
def unsend_minutes(minutes: Minutes, *, by=None) -> Minutes:
    """Take sent minutes back to a draft, to correct them or the agenda, until they are approved."""
    status = Minutes.objects.select_for_update().values_list("status", flat=True).get(pk=minutes.pk)
    if status != Status.SENT:
        raise ValidationError(_("Kun et udsendt referat, der ikke er godkendt, kan trækkes tilbage."))
    minutes.status, minutes.sent_on = Status.DRAFT, None
    minutes.save(update_fields=["status", "sent_on"])
    _record(minutes, _("Udsendelsen af referatet trukket tilbage"), by=by)
    return minutes


@transaction.atomic
def publish_minutes(minutes: Minutes, *, by=None, render: bool = True, notify: bool = True) -> Minutes:
    """Publish approved minutes for everyone to read (closed items' decisions for members only), render
    their PDFs, tell the council's subscribers, and mark the proposals decided on here as decided."""
    if minutes.status != Status.APPROVED:
        raise ValidationError(_("Kun et godkendt referat kan offentliggøres."))
    _check_closed_flags(minutes)
    minutes.status, minutes.published_at = Status.PUBLISHED, timezone.now()
    minutes.save(update_fields=["status", "published_at"])
    Meeting.objects.filter(pk=minutes.meeting_id).update(revision=F("revision") + 1)  # the page links them
    _record(minutes, _("Referatet offentliggjort"), by=by)
    # The proposals placed on the meeting whose items are now decided in public minutes are decided.
    mark_decided(minutes.meeting, by=by)
    if render:
        for audience in Audience.values:
            transaction.on_commit(lambda audience=audience: request_document("minutes", minutes, audience))
    if notify:
        notify_subscribers(minutes)
    return minutes


def notify_subscribers(minutes: Minutes) -> int:
    """Queue an e-mail about published minutes to each confirmed subscriber of the council's minutes
    (kkr.subscriptions): the items as the public reads them, with the decisions of the open ones; a
    closed item is its number and title. Returns how many it goes to."""
    meeting = minutes.meeting
    content = content_of(minutes).for_audience(Audience.PUBLIC)
    closed = closed_to_public(content)
    label = _("Beslutning:")
    decisions = {
        decision.item_id: f"{label} {decision.text}".splitlines()
        for decision in minutes.decisions.all()
        if decision.item_id not in closed and decision.text
    }
    url = settings.SITE_URL + reverse("minutes:minutes", args=[meeting.council.slug, meeting.date])
    context = {"meeting": meeting, "content": content, "decisions": decisions, "url": url}
    subject = render_to_string("minutes/email/subscribers_subject.txt", context).strip()
    body = render_to_string("minutes/email/subscribers.txt", context)
    council = meeting.council
    return subscriptions.notify_subscribers(council, subscriptions.MINUTES, subject=subject, body=body)
