"""The draft meeting made from an imported agenda (agendas.importing.meeting)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from agendas.importing import ImportedItem, ImportedSection
from agendas.importing.meeting import (
    case_line_warnings,
    create_imported_meeting,
    meeting_defaults,
    numbering_warnings,
)
from agendas.models import AgendaItem, AgendaSection, Meeting
from kkr.models import AuditEntry
from tests.factories import make_council, make_imported_agenda, make_meeting, make_secretary

pytestmark = pytest.mark.django_db

JUNE_18 = datetime.date(2021, 6, 18)


def create(council, agenda, **kwargs):
    kwargs.setdefault("date", agenda.date)
    kwargs.setdefault("start_time", agenda.start_time)
    kwargs.setdefault("place", agenda.place)
    kwargs.setdefault("filename", "dagsorden.pdf")
    return create_imported_meeting(council, agenda, **kwargs)


def test_an_imported_agenda_becomes_a_draft_meeting_with_its_sections_and_items(client):
    council = make_council()
    secretary = make_secretary(council)
    meeting = create(council, make_imported_agenda(), by=secretary)

    assert not meeting.is_published
    assert (meeting.date, meeting.start_time, meeting.place) == (
        JUNE_18,
        datetime.time(9, 30),
        "Aalborg Rådhus",
    )
    sections = list(meeting.sections.order_by("position"))
    assert [(s.number, s.title, s.role) for s in sections] == [
        ("1.", "Godkendelse af referat", AgendaSection.Role.MINUTES_APPROVAL),
        ("2.", "Regionalpolitiske sager", AgendaSection.Role.NONE),
        ("3.", "Udpegninger", AgendaSection.Role.APPOINTMENTS),
    ]
    items = list(AgendaItem.objects.filter(section__meeting=meeting).select_related("section"))
    assert [(i.number, i.title) for i in items] == [
        ("1.1.", "Godkendelse af referat"),
        ("1.2.", "Godkendelse af dagsorden"),
        ("2.1.", "Limfjordsrådet - Masterplan"),
        ("2.2.", "Praksisplanudvalget"),
    ]
    assert [i.role for i in items] == [AgendaItem.Role.MINUTES_APPROVAL, "", "", ""]
    masterplan = items[2]
    assert masterplan.background == "<p>Limfjordsrådet har vedtaget en masterplan.</p>"
    assert '<p class="attachment-ref">Masterplanen er vedlagt.</p>' in masterplan.presentation
    assert (masterplan.case_number, masterplan.case_handler) == ("SAG-2021-00512", "hast")
    entry = AuditEntry.objects.get(meeting_id=meeting.pk)
    assert entry.summary == "Mødet 18-06-2021 oprettet ved import af dagsorden.pdf"
    assert entry.user == secretary
    # A draft: the public does not learn it exists.
    assert client.get(meeting.get_absolute_url()).status_code == 404


def test_section_roles_follow_the_standard_titles_whatever_their_case():
    agenda = make_imported_agenda(
        sections=[ImportedSection(1, "UDPEGNINGER"), ImportedSection(2, "Punkter til  næste møde")]
    )
    meeting = create(make_council(), agenda)
    assert list(meeting.sections.order_by("position").values_list("role", flat=True)) == [
        AgendaSection.Role.APPOINTMENTS,
        AgendaSection.Role.NEXT_MEETING,
    ]


def test_items_without_a_usable_case_line_get_the_default_and_are_named_in_warnings():
    agenda = make_imported_agenda(
        sections=[
            ImportedSection(
                3,
                "Regionalpolitiske sager",
                [
                    ImportedItem("3.1", "Uden sagslinje"),
                    ImportedItem("3.2", "Forkert sagsnummer", case_number="SAG-21-512", case_handler="hlth"),
                    ImportedItem("3.3", "Med sagslinje", case_number="SAG-2021-00999", case_handler="hlth"),
                ],
            )
        ]
    )
    warnings = case_line_warnings(agenda)
    assert "Punkt 3.1 får sagsnummeret til punkter uden et." in warnings
    assert "Punkt 3.1 får sagsbehandleren til punkter uden en." in warnings
    assert any("3.2" in w and "SAG-21-512" in w for w in warnings)
    assert not any("3.3" in w for w in warnings)
    assert "Hovedpunkt 3. Regionalpolitiske sager får nummer 1." in numbering_warnings(agenda)

    meeting = create(make_council(), agenda, case_number="SAG-2021-00100", case_handler="abc")
    items = AgendaItem.objects.filter(section__meeting=meeting).order_by("position")
    assert [(i.case_number, i.case_handler) for i in items] == [
        ("SAG-2021-00100", "abc"),
        ("SAG-2021-00100", "hlth"),
        ("SAG-2021-00999", "hlth"),
    ]


def test_an_item_needing_the_default_without_one_refuses_and_writes_nothing():
    council = make_council()
    agenda = make_imported_agenda()
    agenda.sections[1].items.append(ImportedItem("2.3", "Uden sagslinje"))
    with pytest.raises(ValidationError, match="Punkt 2.3 mangler sagsnummer"):
        create(council, agenda)
    assert not Meeting.objects.filter(council=council).exists()
    assert not AuditEntry.objects.filter(council=council).exists()


def test_an_invalid_default_case_number_is_refused():
    council = make_council()
    with pytest.raises(ValidationError, match="SAG-ÅÅÅÅ-NNNNN"):
        create(council, make_imported_agenda(), case_number="123", case_handler="abc")
    assert not Meeting.objects.filter(council=council).exists()


def test_a_meeting_on_that_date_already_refuses_and_writes_nothing():
    council = make_council(name="KKR Nordjylland")
    existing = make_meeting(council=council, date=JUNE_18)
    with pytest.raises(ValidationError) as refused:
        create(council, make_imported_agenda())
    assert refused.value.messages == [
        "KKR Nordjylland har allerede et møde den 18-06-2021. "
        "Vælg en anden dato, eller slet det andet møde først."
    ]
    assert list(Meeting.objects.filter(council=council)) == [existing]
    assert not AgendaSection.objects.filter(meeting=existing).exists()


def test_an_agenda_without_sections_is_refused():
    council = make_council()
    with pytest.raises(ValidationError, match="ingen hovedpunkter"):
        create(council, make_imported_agenda(sections=[]))
    assert not Meeting.objects.exists()


def test_overlong_titles_are_shortened():
    agenda = make_imported_agenda(sections=[ImportedSection(1, "Sager", [ImportedItem("1.1", "Ord " * 100)])])
    meeting = create(make_council(), agenda, case_number="SAG-2021-00100", case_handler="abc")
    title = AgendaItem.objects.get(section__meeting=meeting).title
    assert len(title) == 300 and title.endswith("…")


def test_missing_time_and_place_are_proposed_from_the_latest_meeting():
    council = make_council()
    make_meeting(
        council=council, date=datetime.date(2021, 4, 23), start_time=datetime.time(8, 30), place="Hjørring"
    )
    defaults = meeting_defaults(council, make_imported_agenda(start_time=None, place="", date=None))
    assert (defaults.start_time, defaults.place, defaults.date) == (datetime.time(8, 30), "Hjørring", None)
    assert defaults.warnings == [
        "Starttidspunktet er foreslået til kl. 08.30. Ret det, hvis det er forkert.",
        "Mødestedet er foreslået som ved rådets seneste møde: Hjørring. Ret det, hvis det er forkert.",
    ]

    first = meeting_defaults(make_council(), make_imported_agenda(start_time=None, place=""))
    assert (first.start_time, first.place) == (datetime.time(9), "")  # the place: the secretariat's to give


def test_an_end_time_before_the_start_is_dropped_with_a_warning():
    defaults = meeting_defaults(make_council(), make_imported_agenda(end_time=datetime.time(9)))
    assert defaults.end_time is None
    assert "Sluttidspunktet ligger ikke efter starttidspunktet og er udeladt." in defaults.warnings


def test_an_item_printed_as_closed_is_created_closed_and_the_rest_open():
    council = make_council()
    agenda = make_imported_agenda()
    agenda.sections[1].items[1].is_closed = True
    meeting = create(council, agenda)
    items = AgendaItem.objects.filter(section__meeting=meeting).order_by("section__position", "position")
    assert [(i.title, i.is_closed) for i in items] == [
        ("Godkendelse af referat", False),
        ("Godkendelse af dagsorden", False),
        ("Limfjordsrådet - Masterplan", False),
        ("Praksisplanudvalget", True),
    ]
