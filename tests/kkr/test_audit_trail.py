"""One audit trail: the changes to a council's agendas, minutes and register are kept in one table
(kkr.audit.record), and each history page shows its own part of it, of its own council only."""

import datetime

import pytest

from agendas.services import create_item
from appointments.services import change_party
from kkr.models import AuditEntry, Membership, Person
from minutes.services import minutes_for, save_decision
from tests.factories import make_council, make_item, make_meeting, make_secretary, make_section, publish

pytestmark = pytest.mark.django_db


def changed_council(name, *, by=None):
    """A council whose agenda, minutes and register have each been changed: an item added to a published
    agenda, a decision written and a member's party changed (the member named `name`)."""
    council = make_council(name=f"KKR {name}")
    by = by or make_secretary(council)
    item = make_item(section=make_section(meeting=make_meeting(council=council)), title=f"Sag om {name}")
    meeting = publish(item.section.meeting, by=by)
    save_decision(minutes_for(meeting), item, f"{name} godkendt.", by=by)
    create_item(
        item.section, title=f"Nyt punkt om {name}", case_number="SAG-2021-00512", case_handler="hast", by=by
    )
    member = Person.objects.create(name=f"{name} Medlem", party="C")
    Membership.objects.create(person=member, council=council, start=datetime.date(2018, 1, 1))
    change_party(member, party="", on=datetime.date(2021, 1, 15), council=council, by=by)
    return council, meeting, item


def history(client, council):
    return client.get(f"/{council.slug}/udpegninger/historik/").content.decode()


def test_agenda_minutes_and_register_changes_land_in_the_one_trail():
    council, meeting, item = changed_council("Aalborg")
    secretary = council.secretariat.get()
    entries = AuditEntry.objects.filter(council=council).order_by("at", "id")
    assert [(e.area, e.action, e.meeting_id, e.user) for e in entries] == [
        ("agenda", "publish", meeting.pk, secretary),
        ("minutes", "update", meeting.pk, secretary),
        ("agenda", "create", meeting.pk, secretary),
        ("register", "update", None, secretary),
    ]
    decision, register = entries[1], entries[3]
    assert decision.item_id == item.pk
    assert decision.changed_fields() == [("Beslutning", "–", "Aalborg godkendt.")]
    assert register.person.name == "Aalborg Medlem"
    assert register.changes == {"party": ["C", ""]}


def test_the_register_history_shows_its_own_councils_register_only(client):
    a, _meeting, _item = changed_council("Aalborg")
    b, _meeting, _item = changed_council("Brønderslev")
    client.force_login(a.secretariat.get())
    page = history(client, a)
    assert "Aalborg Medlem skifter fra C til løsgænger den 15-01-2021" in page
    assert "Brønderslev" not in page
    assert "Nyt punkt om Aalborg" not in page  # the agenda's history is elsewhere
    assert "offentliggjort" not in page
    client.force_login(b.secretariat.get())
    page = history(client, b)
    assert "Brønderslev Medlem skifter" in page
    assert "Aalborg" not in page


def test_a_secretary_of_two_councils_sees_each_councils_register_apart(client):
    secretary = make_secretary(make_council())
    a, _meeting, _item = changed_council("Aalborg", by=secretary)
    b, _meeting, _item = changed_council("Brønderslev", by=secretary)
    a.secretariat.add(secretary)
    b.secretariat.add(secretary)
    client.force_login(secretary)
    assert "Brønderslev" not in history(client, a)
    assert "Aalborg" not in history(client, b)


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_the_meeting_and_item_histories_show_the_agendas_and_the_minutes_changes(client, htmx):
    council, meeting, item = changed_council("Aalborg")
    changed_council("Brønderslev")
    client.force_login(council.secretariat.get())
    edit = f"/{council.slug}/{meeting.date}/rediger/"
    headers = {"HX-Request": "true"} if htmx else {}

    page = client.get(f"{edit}historik/").content.decode()
    assert "Dagsordenen offentliggjort som version 1" in page
    assert "Beslutning for punkt 1.1. Sag om Aalborg" in page
    assert "Nyt punkt om Aalborg oprettet" in page
    assert "skifter fra C" not in page  # the register's history is elsewhere
    assert "Brønderslev" not in page

    page = client.get(f"{edit}punkt/{item.pk}/historik/", headers=headers).content.decode()
    assert "Beslutning for punkt 1.1. Sag om Aalborg" in page
    assert "Beslutning: <del>–</del> → <ins>Aalborg godkendt.</ins>" in page
    assert "Nyt punkt om Aalborg" not in page
