"""The draft meeting made from an imported agenda: what the import found, with the secretariat's
choices for what it could not find (date, time, place, a case number for items without one)."""

import dataclasses
import datetime
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agendas.importing.result import ImportedAgenda, ImportedItem
from agendas.models import AgendaItem, AgendaSection, Meeting
from agendas.services import STANDARD_SECTIONS, add_item
from agendas.validators import validate_case_number
from kkr import audit
from kkr.lib.richtext import sanitize

DEFAULT_START_TIME = datetime.time(9, 0)
_TITLE_MAX = AgendaItem._meta.get_field("title").max_length
_SECTION_TITLE_MAX = AgendaSection._meta.get_field("title").max_length
_HANDLER_MAX = AgendaItem._meta.get_field("case_handler").max_length
_PLACE_MAX = Meeting._meta.get_field("place").max_length
_ROLES = {title.casefold(): role for title, role in STANDARD_SECTIONS}


@dataclasses.dataclass
class MeetingDefaults:
    """The meeting's facts as the import found them, with a proposal where it found none."""

    date: datetime.date | None
    start_time: datetime.time
    end_time: datetime.time | None
    place: str
    warnings: list[str]


def meeting_defaults(council, agenda: ImportedAgenda) -> MeetingDefaults:
    """Start time and place from the agenda, else as at the council's latest meeting, else 9.00 and
    no place (the secretariat must give one). The warnings say what was proposed; that something was
    not found is the reader's warning."""
    latest = council.meetings.order_by("-date").first()
    warnings = []
    start_time = agenda.start_time
    if start_time is None:
        start_time = latest.start_time if latest else DEFAULT_START_TIME
        warnings.append(
            _("Starttidspunktet er foreslået til kl. %(time)s. Ret det, hvis det er forkert.")
            % {"time": start_time.strftime("%H.%M")}
        )
    place = agenda.place[:_PLACE_MAX]
    if not place and latest:
        place = latest.place
        warnings.append(
            _("Mødestedet er foreslået som ved rådets seneste møde: %(place)s. Ret det, hvis det er forkert.")
            % {"place": place}
        )
    end_time = agenda.end_time
    if end_time is not None and end_time <= start_time:
        warnings.append(_("Sluttidspunktet ligger ikke efter starttidspunktet og er udeladt."))
        end_time = None
    return MeetingDefaults(agenda.date, start_time, end_time, place, warnings)


def _valid_case_number(value: str) -> bool:
    try:
        validate_case_number(value)
    except ValidationError:
        return False
    return True


def case_line_warnings(agenda: ImportedAgenda) -> list[str]:
    """The items whose case line the import could not use: they get the default case number or
    handler the secretariat gives."""
    warnings = []
    for item in agenda.items:
        if not item.case_number:
            warnings.append(
                _("Punkt %(number)s får sagsnummeret til punkter uden et.") % {"number": item.number}
            )
        elif not _valid_case_number(item.case_number):
            warnings.append(
                _(
                    "Punkt %(number)s: sagsnummeret »%(case)s« har ikke formen SAG-ÅÅÅÅ-NNNNN "
                    "og erstattes af sagsnummeret til punkter uden et."
                )
                % {"number": item.number, "case": item.case_number}
            )
        if not item.case_handler:
            warnings.append(
                _("Punkt %(number)s får sagsbehandleren til punkter uden en.") % {"number": item.number}
            )
        elif len(item.case_handler) > _HANDLER_MAX:
            warnings.append(
                _(
                    "Punkt %(number)s: sagsbehandleren »%(handler)s« er for lang "
                    "og erstattes af sagsbehandleren til punkter uden en."
                )
                % {"number": item.number, "handler": item.case_handler}
            )
    return warnings


def numbering_warnings(agenda: ImportedAgenda) -> list[str]:
    """Sections and items whose number changes: the portal numbers them 1, 2, 3 … in order."""
    warnings = []
    for position, section in enumerate(agenda.sections, start=1):
        if section.number != position:
            warnings.append(
                _("Hovedpunkt %(found)s. %(title)s får nummer %(number)s.")
                % {"found": section.number, "title": section.title, "number": position}
            )
        for item_position, item in enumerate(section.items, start=1):
            number = f"{position}.{item_position}"
            if item.number.rstrip(".") != number:
                warnings.append(
                    _("Punkt %(found)s %(title)s får nummer %(number)s.")
                    % {"found": item.number, "title": item.title, "number": number}
                )
    return warnings


def review_warnings(agenda: ImportedAgenda) -> list[str]:
    """Everything the secretariat should check before creating the meeting: what the reader could not
    place, the numbers that change and the case lines that get the default."""
    return [*agenda.warnings, *numbering_warnings(agenda), *case_line_warnings(agenda)]


def suggested_case_line(agenda: ImportedAgenda) -> tuple[str, str]:
    """The case number and handler most items carry: the default proposed for items without one."""
    lines = Counter((item.case_number, item.case_handler) for item in agenda.items if _usable_case_line(item))
    return lines.most_common(1)[0][0] if lines else ("", "")


def needs_defaults(agenda: ImportedAgenda) -> bool:
    """Whether some item lacks a usable case number or handler."""
    return any(not _usable_case_line(item) for item in agenda.items)


def _usable_case_line(item: ImportedItem) -> bool:
    return _valid_case_number(item.case_number) and 0 < len(item.case_handler) <= _HANDLER_MAX


def _title(title: str, limit: int) -> str:
    title = " ".join(title.split()) or _("(uden titel)")
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def _item_fields(item: ImportedItem, case_number: str, case_handler: str) -> dict:
    number = item.case_number if _valid_case_number(item.case_number) else case_number
    handler = item.case_handler if 0 < len(item.case_handler) <= _HANDLER_MAX else case_handler
    if not number or not handler:
        raise ValidationError(
            _(
                "Punkt %(number)s mangler sagsnummer eller sagsbehandler: "
                "angiv et sagsnummer og en sagsbehandler til punkter uden."
            )
            % {"number": item.number}
        )
    return {
        "title": _title(item.title, _TITLE_MAX),
        "case_number": number,
        "case_handler": handler,
        "background": sanitize(item.background),
        "recommendation": sanitize(item.recommendation),
        "presentation": sanitize(item.presentation),
        "is_closed": item.is_closed,
    }


def _minutes_approval(section: AgendaSection, item: ImportedItem, position: int) -> bool:
    return (
        section.role == AgendaSection.Role.MINUTES_APPROVAL
        and position == 1
        and item.title.casefold().startswith("godkendelse af referat")
    )


def date_taken_message(council, date) -> str:
    return _(
        "%(council)s har allerede et møde den %(date)s. Vælg en anden dato, eller slet det andet møde først."
    ) % {
        "council": council.name,
        "date": f"{date:%d-%m-%Y}",
    }


@transaction.atomic
def create_imported_meeting(
    council,
    agenda: ImportedAgenda,
    *,
    date,
    start_time,
    place,
    end_time=None,
    case_number="",
    case_handler="",
    filename="",
    by=None,
) -> Meeting:
    """A draft meeting (never published) with the sections and items the import found, numbered 1..n
    as the edit page numbers them. Sections of the standard agenda get their roles by title, item 1.1
    "Godkendelse af referat" its role. Items without a usable case number or handler get `case_number`
    and `case_handler`. A refusal (ValidationError) writes nothing."""
    if council.meetings.filter(date=date).exists():
        raise ValidationError(date_taken_message(council, date))
    if not agenda.sections:
        raise ValidationError(_("Dagsordenen har ingen hovedpunkter, så der er intet at oprette."))
    if case_number:
        validate_case_number(case_number)
    meeting = Meeting(council=council, date=date, start_time=start_time, end_time=end_time, place=place)
    meeting.full_clean()
    meeting.save()
    roles_taken = set()
    for position, imported in enumerate(agenda.sections, start=1):
        role = _ROLES.get(" ".join(imported.title.split()).casefold(), AgendaSection.Role.NONE)
        if role in roles_taken:
            role = AgendaSection.Role.NONE
        roles_taken.add(role)
        section = AgendaSection.objects.create(
            meeting=meeting, position=position, title=_title(imported.title, _SECTION_TITLE_MAX), role=role
        )
        for item_position, item in enumerate(imported.items, start=1):
            role = AgendaItem.Role.MINUTES_APPROVAL if _minutes_approval(section, item, item_position) else ""
            add_item(section, role=role, **_item_fields(item, case_number, case_handler))
    audit.record(
        council,
        audit.Area.AGENDA,
        _("Mødet %(date)s oprettet ved import af %(filename)s")
        % {"date": f"{date:%d-%m-%Y}", "filename": filename or _("en dagsorden")},
        action=audit.Action.CREATE,
        meeting=meeting,
        by=by,
        changes={"import": {"filename": filename, "items": len(agenda.items), "warnings": agenda.warnings}},
    )
    return meeting
