"""Operations on agendas that keep numbering, files and constraints consistent."""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _

from agendas import pdf, search
from agendas.content import AgendaContent
from agendas.models import (
    AgendaItem,
    AgendaSection,
    AgendaVersion,
    Attachment,
    Meeting,
    PlannedItem,
)
from documents.services import request_document
from kkr import audit, subscriptions
from kkr.lib.files import save_once
from kkr.lib.pdfcheck import inspect_pdf
from kkr.lib.richtext import sanitize
from kkr.mail import queue_mail
from kkr.models import Audience, AuditEntry, Membership
from minutes.models import Minutes

# Positions are rewritten in two steps because unique (parent, position) is checked row by row:
# first every sibling moves out of the way by this offset, then each gets its final place.
_POSITION_OFFSET = 10000


def agenda_lock(meeting_id: int) -> str:
    """Why the meeting's agenda can no longer change, or "": once the minutes are sent, they and the
    published agenda are the record, and the agenda is locked."""
    status = Minutes.objects.filter(meeting=meeting_id).values_list("status", flat=True).first()
    if status == Minutes.Status.SENT:
        return _(
            "Referatet er udsendt, så dagsordenen kan ikke længere ændres. Træk udsendelsen af "
            "referatet tilbage, hvis dagsordenen skal rettes."
        )
    if status in (Minutes.Status.APPROVED, Minutes.Status.PUBLISHED):
        return _(
            "Referatet er godkendt, så dagsordenen kan ikke længere ændres. En rettelse må behandles "
            "på et senere møde."
        )
    return ""


def check_agenda_editable(meeting_id: int) -> None:
    lock = agenda_lock(meeting_id)
    if lock:
        raise ValidationError(lock)


def _renumber(queryset, ordered_pks):
    queryset.update(position=F("position") + _POSITION_OFFSET)
    for position, pk in enumerate(ordered_pks, start=1):
        queryset.filter(pk=pk).update(position=position)


@transaction.atomic
def add_item(section: AgendaSection, **fields) -> AgendaItem:
    """Append a new item at the end of the section."""
    check_agenda_editable(section.meeting_id)
    last = section.items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(section=section, position=last + 1, **fields)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def move_item(item: AgendaItem, section: AgendaSection, position: int) -> AgendaItem:
    """Move the item to the given 1-based position in a section (the same or another one of the
    meeting), and renumber every item it passed."""
    check_agenda_editable(item.section.meeting_id)
    if section.meeting_id != item.section.meeting_id:
        raise ValidationError(_("Et punkt kan kun flyttes inden for sit eget møde."))
    old_section = item.section
    target = [pk for pk in section.items.order_by("position").values_list("pk", flat=True) if pk != item.pk]
    position = max(1, min(position, len(target) + 1))
    target.insert(position - 1, item.pk)
    if old_section.pk != section.pk:
        # Park the item outside both sections' ranges before it changes section.
        AgendaItem.objects.filter(pk=item.pk).update(section=section, position=2 * _POSITION_OFFSET)
        remaining = old_section.items.order_by("position").values_list("pk", flat=True)
        _renumber(old_section.items.all(), list(remaining))
    _renumber(section.items.all(), target)
    item.refresh_from_db()
    return item


@transaction.atomic
def delete_item(item: AgendaItem) -> None:
    """Delete the item and close the gap it leaves in the numbering."""
    check_agenda_editable(item.section.meeting_id)
    section = item.section
    item.delete()
    _renumber(section.items.all(), list(section.items.order_by("position").values_list("pk", flat=True)))


def store_pdf(attachment, data: bytes) -> None:
    """Validate an uploaded PDF and store it by content hash as the file of `attachment` (unsaved: an
    agenda item's Attachment, or a proposal's, whose `file` field is stored the same way), setting its
    sha256 and page_count. Raises ValidationError with a Danish message for a file that is refused."""
    attachment.page_count = inspect_pdf(
        data, settings.ATTACHMENT_MAX_BYTES, settings.ATTACHMENT_MAX_DECODED_BYTES
    )
    attachment.sha256 = hashlib.sha256(data).hexdigest()
    field = type(attachment)._meta.get_field("file")
    attachment.file.name = save_once(field.storage, field.generate_filename(attachment, "upload.pdf"), data)
    search.store_attachment_text(attachment.sha256, data)  # search finds an item by its attachments' text


@transaction.atomic
def add_attachment(item: AgendaItem, title: str, data: bytes, *, is_closed: bool = False) -> Attachment:
    """Validate a PDF and attach it at the end of the item's attachments."""
    check_agenda_editable(item.section.meeting_id)
    last = item.attachments.aggregate(last=Max("position"))["last"] or 0
    attachment = Attachment(item=item, position=last + 1, title=title, is_closed=is_closed)
    store_pdf(attachment, data)
    attachment.full_clean()
    attachment.save()
    return attachment


# Editing, with an audit trail and optimistic locking.

ITEM_FIELDS = [
    "title",
    "case_number",
    "case_handler",
    "is_closed",
    "background",
    "recommendation",
    "presentation",
]


class ItemConflict(Exception):
    """The item was saved by someone else since this edit began."""

    def __init__(self, current: AgendaItem):
        super().__init__(f"item {current.pk} is at revision {current.revision}")
        self.current = current


def _record(meeting, action, summary, *, item=None, attachment=None, **kwargs) -> AuditEntry:
    """Log a change to the meeting's agenda in the council's audit trail."""
    return audit.record(
        meeting.council,
        AuditEntry.Area.AGENDA,
        summary,
        action=action,
        meeting=meeting,
        item_id=item.pk if item else None,
        attachment_id=attachment.pk if attachment else None,
        **kwargs,
    )


def _item_data(item: AgendaItem) -> dict:
    data = {name: getattr(item, name) for name in ITEM_FIELDS}
    data["role"] = item.role
    data["section_position"] = item.section.position
    data["position"] = item.position
    data["attachments"] = [
        {
            "title": a.title,
            "file": a.file.name,
            "sha256": a.sha256,
            "page_count": a.page_count,
            "is_closed": a.is_closed,
        }
        for a in item.attachments.order_by("position")
    ]
    return data


@transaction.atomic
def update_item(item: AgendaItem, data: dict, *, revision: int, by=None) -> AgendaItem:
    """Save the item's fields if nobody has saved it since `revision`; else raise ItemConflict with
    the newer item, and change nothing."""
    check_agenda_editable(item.section.meeting_id)
    current = AgendaItem.objects.select_for_update().select_related("section__meeting").get(pk=item.pk)
    if current.revision != revision:
        raise ItemConflict(current)
    changes = {}
    for name in ITEM_FIELDS:
        if name in data:
            new = data[name]
            if name in {"background", "recommendation", "presentation"}:
                new = sanitize(new)
            old = getattr(current, name)
            if old != new:
                changes[name] = [old, new]
                setattr(current, name, new)
    if not changes:
        return current
    current.full_clean()
    current.revision += 1
    current.save()
    _record(
        current.section.meeting,
        AuditEntry.Action.UPDATE,
        _("Punkt %(number)s %(title)s ændret") % {"number": current.number, "title": current.title},
        by=by,
        item=current,
        changes=changes,
    )
    return current


def record_meeting_change(meeting: Meeting, changes: dict, *, by=None) -> AuditEntry:
    return _record(meeting, AuditEntry.Action.UPDATE, _("Mødets oplysninger ændret"), by=by, changes=changes)


@transaction.atomic
def create_item(section: AgendaSection, *, by=None, **fields) -> AgendaItem:
    item = add_item(section, **fields)
    _record(
        section.meeting,
        AuditEntry.Action.CREATE,
        _("Punkt %(number)s %(title)s oprettet") % {"number": item.number, "title": item.title},
        by=by,
        item=item,
    )
    return item


@transaction.atomic
def move_item_by(item: AgendaItem, section: AgendaSection, position: int, *, by=None) -> AgendaItem:
    old_number = item.number
    item = move_item(item, section, position)
    if item.number != old_number:
        _record(
            section.meeting,
            AuditEntry.Action.MOVE,
            _("Punkt %(title)s flyttet fra %(old)s til %(new)s")
            % {"title": item.title, "old": old_number, "new": item.number},
            by=by,
            item=item,
            changes={"number": [old_number, item.number]},
        )
    return item


@transaction.atomic
def delete_item_by(item: AgendaItem, *, by=None) -> AuditEntry:
    """Delete the item, keeping everything needed to restore it in the audit entry."""
    check_agenda_editable(item.section.meeting_id)
    snapshot = _item_data(item)
    entry = _record(
        item.section.meeting,
        AuditEntry.Action.DELETE,
        _("Punkt %(number)s %(title)s slettet") % {"number": item.number, "title": item.title},
        by=by,
        item=item,
        snapshot=snapshot,
    )
    delete_item(item)
    return entry


@transaction.atomic
def restore_item(entry: AuditEntry, *, by=None) -> AgendaItem:
    """Bring a deleted item back, with its attachments, at its old place (or last in its section)."""
    check_agenda_editable(entry.meeting_id)
    if entry.area != AuditEntry.Area.AGENDA or entry.action != AuditEntry.Action.DELETE or not entry.snapshot:
        raise ValidationError(_("Kun et slettet punkt kan gendannes."))
    if AuditEntry.objects.filter(action=AuditEntry.Action.RESTORE, changes__restored_from=entry.pk).exists():
        raise ValidationError(_("Punktet er allerede gendannet."))
    data = entry.snapshot
    meeting = Meeting.objects.select_related("council").get(pk=entry.meeting_id)
    section = meeting.sections.filter(position=data["section_position"]).first() or meeting.sections.last()
    item = add_item(section, role=data.get("role", ""), **{name: data[name] for name in ITEM_FIELDS})
    item = move_item(item, section, data["position"])
    for position, a in enumerate(data["attachments"], start=1):
        Attachment.objects.create(
            item=item,
            position=position,
            title=a["title"],
            file=a["file"],
            sha256=a["sha256"],
            page_count=a["page_count"],
            is_closed=a["is_closed"],
        )
    _record(
        meeting,
        AuditEntry.Action.RESTORE,
        _("Punkt %(number)s %(title)s gendannet") % {"number": item.number, "title": item.title},
        by=by,
        item=item,
        changes={"restored_from": entry.pk},
    )
    return item


@transaction.atomic
def attach_file(item: AgendaItem, title: str, data: bytes, *, is_closed=False, by=None) -> Attachment:
    attachment = add_attachment(item, title, data, is_closed=is_closed)
    _record(
        item.section.meeting,
        AuditEntry.Action.CREATE,
        _("Bilag %(title)s tilføjet til punkt %(number)s") % {"title": title, "number": item.number},
        by=by,
        item=item,
        attachment=attachment,
    )
    return attachment


def change_attachment(attachment, *, title=None, is_closed=None) -> dict:
    """Give an attachment (an agenda item's or a proposal's) a new title (a blank one is ignored) or
    open/closed flag, validated and saved: the changes made, {field: [old, new]}, for the audit trail."""
    changes = {}
    if title is not None and title.strip() and title.strip() != attachment.title:
        changes["title"] = [attachment.title, title.strip()]
        attachment.title = title.strip()
    if is_closed is not None and is_closed != attachment.is_closed:
        changes["is_closed"] = [attachment.is_closed, is_closed]
        attachment.is_closed = is_closed
    if changes:
        attachment.full_clean()
        attachment.save(update_fields=list(changes))
    return changes


@transaction.atomic
def update_attachment(attachment: Attachment, *, title=None, is_closed=None, by=None) -> Attachment:
    check_agenda_editable(attachment.item.section.meeting_id)
    changes = change_attachment(attachment, title=title, is_closed=is_closed)
    if changes:
        _record(
            attachment.item.section.meeting,
            AuditEntry.Action.UPDATE,
            _("Bilag %(title)s ændret") % {"title": attachment.title},
            by=by,
            item=attachment.item,
            attachment=attachment,
            changes=changes,
        )
    return attachment


@transaction.atomic
def move_attachment(attachment: Attachment, position: int, *, by=None) -> Attachment:
    check_agenda_editable(attachment.item.section.meeting_id)
    siblings = list(attachment.item.attachments.order_by("position").values_list("pk", flat=True))
    siblings.remove(attachment.pk)
    position = max(1, min(position, len(siblings) + 1))
    siblings.insert(position - 1, attachment.pk)
    old = attachment.position
    _renumber(attachment.item.attachments.all(), siblings)
    attachment.refresh_from_db()
    if attachment.position != old:
        _record(
            attachment.item.section.meeting,
            AuditEntry.Action.MOVE,
            _("Bilag %(title)s flyttet") % {"title": attachment.title},
            by=by,
            item=attachment.item,
            attachment=attachment,
            changes={"position": [old, attachment.position]},
        )
    return attachment


@transaction.atomic
def delete_attachment(attachment: Attachment, *, by=None) -> None:
    """Remove the attachment from its item. The file stays: published versions may still show it."""
    check_agenda_editable(attachment.item.section.meeting_id)
    item = attachment.item
    _record(
        item.section.meeting,
        AuditEntry.Action.DELETE,
        _("Bilag %(title)s fjernet fra punkt %(number)s")
        % {"title": attachment.title, "number": item.number},
        by=by,
        item=item,
        attachment=attachment,
    )
    attachment.delete()
    _renumber(
        item.attachments.all(), list(item.attachments.order_by("position").values_list("pk", flat=True))
    )


# Publishing


@transaction.atomic
def publish_agenda(
    meeting: Meeting, by=None, *, sent_on=None, change_note: str = "", notify=True, render=True
) -> AgendaVersion:
    """Turn the working agenda into the next immutable, numbered version, which readers then see;
    queue its PDFs and tell the members. A version after the first needs a change note."""
    meeting = Meeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
    check_agenda_editable(meeting.pk)
    last = meeting.versions.order_by("-number").first()
    change_note = change_note.strip()
    if last and not change_note:
        raise ValidationError(
            {"change_note": _("Skriv kort, hvad der er rettet. Læserne ser det som 'Rettet dagsorden'.")}
        )
    if not meeting.sections.exists():
        raise ValidationError(_("Dagsordenen er tom og kan ikke offentliggøres."))
    content = AgendaContent.live(meeting)
    version = AgendaVersion.objects.create(
        meeting=meeting,
        number=last.number + 1 if last else 1,
        sent_on=sent_on or timezone.localdate(),
        change_note=change_note,
        published_by=by if by is not None and by.is_authenticated else None,
        content=content.to_snapshot(),
        listing=content.to_listing(),
    )
    meeting.agenda_sent_on = version.sent_on
    meeting.published_version = version
    meeting.revision += 1
    meeting.save(update_fields=["agenda_sent_on", "published_version", "revision"])
    # Draft minutes decide on the agenda as the meeting will have it: the newest version.
    Minutes.objects.filter(meeting=meeting, status=Minutes.Status.DRAFT).update(version=version)
    _record(
        meeting,
        AuditEntry.Action.PUBLISH,
        _("Dagsordenen offentliggjort som version %(number)s") % {"number": version.number},
        by=by,
        changes={"version": version.number, "change_note": change_note},
    )
    if render:
        published = AgendaContent.from_version(version)
        for kind in (pdf.AGENDA, pdf.PACK):
            for audience in Audience.values:
                request_document(kind, published, audience)
    if notify:
        notify_members(version)
        notify_subscribers(version)
    # Search shows what readers now see: this version's items replace the older versions' entries.
    search.index_version(version)
    return version


def notify_members(version: AgendaVersion) -> int:
    """Queue an e-mail to the council's current members and substitutes about a published version
    (sent by a job once the publishing commits: kkr.mail). Returns how many it goes to."""
    meeting = version.meeting
    recipients = sorted(
        {
            m.person.user.email
            for m in Membership.objects.current()
            .filter(council=meeting.council, person__user__isnull=False)
            .select_related("person__user")
            if m.person.user.email
        }
    )
    if not recipients:
        return 0
    context = {"version": version, "meeting": meeting, "url": settings.SITE_URL + meeting.get_absolute_url()}
    subject = render_to_string("agendas/email/published_subject.txt", context).strip()
    body = render_to_string("agendas/email/published.txt", context)
    queue_mail(subject, body, to=[settings.DEFAULT_FROM_EMAIL], bcc=recipients)
    return len(recipients)


def notify_subscribers(version: AgendaVersion) -> int:
    """Queue an e-mail about a published version to each confirmed subscriber of the council's agendas
    (kkr.subscriptions): the agenda as the public reads it, so a closed item is its number and title.
    Returns how many it goes to."""
    meeting = version.meeting
    context = {
        "version": version,
        "meeting": meeting,
        "content": AgendaContent.from_version(version).for_audience(Audience.PUBLIC),
        "url": settings.SITE_URL + meeting.get_absolute_url(),
    }
    subject = render_to_string("agendas/email/published_subject.txt", context).strip()
    body = render_to_string("agendas/email/subscribers.txt", context)
    council = meeting.council
    return subscriptions.notify_subscribers(council, subscriptions.AGENDAS, subject=subject, body=body)


# New meetings from the standard KKR agenda

_Role = AgendaSection.Role
# The sections in order, each with its role: the role, not the title, drives what the section does.
STANDARD_SECTIONS = [
    ("Godkendelse af referat", _Role.MINUTES_APPROVAL),
    ("Siden sidst", _Role.NONE),
    ("Regionalpolitiske sager", _Role.NONE),
    ("Udpegninger", _Role.APPOINTMENTS),
    ("KKR", _Role.NONE),
    ("Punkter til næste møde", _Role.NEXT_MEETING),
    ("Eventuelt", _Role.NONE),
]
PLANNED_SECTION = 3  # "Regionalpolitiske sager": where planned items land


def _long_date(day: datetime.date) -> str:
    return date_format(day, "j. F Y")


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " samt " + parts[-1]


def _noted(council) -> str:
    return f"<p>Det indstilles, at {escape(council.name)} tager orienteringen til efterretning.</p>"


def _minutes_item(council, earlier: list[Meeting]) -> dict:
    name = escape(council.name)
    if not earlier:
        return {
            "background": "<p>Der er ingen referater til godkendelse.</p>",
            "recommendation": _noted(council),
        }

    def which(meeting, article="mødet"):
        extraordinary = "det ekstraordinære møde" if meeting.kind == Meeting.Kind.EXTRAORDINARY else None
        return f"{extraordinary or article} i {name} den {_long_date(meeting.date)}"

    bullets = [f"Fra {which(m)} godkendes" for m in earlier]
    bullets[-1] += "."
    sent = [_long_date(m.minutes.sent_on) for m in earlier]
    presentation = (
        f"Referaterne er udsendt henholdsvis den {_joined([f'den {d}' for d in sent])[4:]}."
        if len(sent) > 1
        else f"Referatet er udsendt den {sent[0]}."
    )
    return {
        "background": f"<p>Godkendelse af referat fra {_joined([which(m, 'møde') for m in earlier])}.</p>",
        "recommendation": "<p>Det indstilles, at referat</p><ul>"
        + "".join(f"<li>{b}</li>" for b in bullets)
        + "</ul>",
        "presentation": f"<p>{presentation} Der er ikke indkommet bemærkninger til de udsendte "
        "referater.</p>",
    }


def _next_meeting_item(council, meeting_date) -> dict:
    """6.1: the next meeting's date (the next meeting held, or the next date items are planned for)
    and the items planned for it."""
    name = escape(council.name)
    dates = [
        d
        for d in (
            council.meetings.filter(date__gt=meeting_date)
            .order_by("date")
            .values_list("date", flat=True)
            .first(),
            council.planned_items.filter(meeting_date__gt=meeting_date)
            .order_by("meeting_date")
            .values_list("meeting_date", flat=True)
            .first(),
        )
        if d
    ]
    if not dates:
        return {
            "background": f"<p>Datoen for næste møde i {name} er endnu ikke fastlagt.</p>",
            "recommendation": _noted(council),
        }
    next_date = min(dates)
    planned = [
        escape(title)
        for title in council.planned_items.filter(meeting_date=next_date).values_list("title", flat=True)
    ]
    presentation = (
        "<p>Den foreløbige sagsliste er:</p><ul>"
        + "".join(f"<li>{title}</li>" for title in planned)
        + "</ul>"
        if planned
        else "<p>Der er endnu ingen punkter på sagslisten.</p>"
    )
    return {
        "background": f"<p>Næste møde i {name} er planlagt til den {_long_date(next_date)}.</p>",
        "recommendation": _noted(council),
        "presentation": presentation,
    }


@transaction.atomic
def create_meeting(
    council,
    *,
    date,
    start_time,
    place,
    kind=Meeting.Kind.ORDINARY,
    end_time=None,
    case_number,
    case_handler,
    by=None,
) -> Meeting:
    """A new meeting with the standard KKR agenda: the seven sections, the routine items with their
    fixed formulas, and the items planned for its date."""
    meeting = Meeting(
        council=council, date=date, start_time=start_time, end_time=end_time, place=place, kind=kind
    )
    meeting.full_clean()
    meeting.save()
    sections = [
        AgendaSection.objects.create(meeting=meeting, position=n, title=title, role=role)
        for n, (title, role) in enumerate(STANDARD_SECTIONS, start=1)
    ]
    routine = {"case_number": case_number, "case_handler": case_handler}
    earlier = list(
        Meeting.objects.filter(council=council, date__lt=date, minutes__status=Minutes.Status.SENT)
        .select_related("minutes")
        .order_by("date")
    )
    name = escape(council.name)
    genitive = name if name.endswith("s") else f"{name}s"
    add_item(
        sections[0],
        title="Godkendelse af referat",
        role=AgendaItem.Role.MINUTES_APPROVAL,
        **routine,
        **_minutes_item(council, earlier),
    )
    add_item(
        sections[0],
        title="Godkendelse af dagsorden",
        **routine,
        background=f"<p>Godkendelse af dagsorden til {genitive} møde den {_long_date(date)}.</p>",
        recommendation=f"<p>Det indstilles, at dagsorden til {genitive} møde den {_long_date(date)} "
        "godkendes.</p>",
    )
    add_item(sections[1], title="Siden sidst", **routine, recommendation=_noted(council))
    for planned in PlannedItem.objects.filter(council=council, meeting_date=date, item__isnull=True):
        planned.item = add_item(
            sections[PLANNED_SECTION - 1],
            title=planned.title,
            case_number=planned.case_number or case_number,
            case_handler=planned.case_handler or case_handler,
        )
        planned.save(update_fields=["item"])
    add_item(
        sections[5],
        title="Punkter til næste møde",
        **routine,
        **_next_meeting_item(council, date),
    )
    _record(
        meeting,
        AuditEntry.Action.CREATE,
        _("Mødet %(date)s oprettet fra standarddagsordenen") % {"date": f"{date:%d-%m-%Y}"},
        by=by,
    )
    return meeting


@transaction.atomic
def plan_item(council, *, meeting_date, title, case_number="", case_handler="", by=None) -> PlannedItem:
    """Plan an item for a future meeting. If that meeting's agenda exists, the item goes on it now."""
    planned = PlannedItem(
        council=council,
        meeting_date=meeting_date,
        title=title,
        case_number=case_number,
        case_handler=case_handler,
    )
    planned.full_clean()
    planned.save()
    meeting = council.meetings.filter(date=meeting_date).first()
    section = meeting.sections.filter(position=PLANNED_SECTION).first() if meeting else None
    if section and case_number:
        planned.item = create_item(
            section, title=title, case_number=case_number, case_handler=case_handler, by=by
        )
        planned.save(update_fields=["item"])
    return planned
