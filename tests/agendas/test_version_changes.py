"""'Nyt siden sidst' is shown once, but what changed in a version stays at its own address
(/…/aendringer/2/), linked from the meeting page for as long as the agenda has been corrected."""

import pytest
from django.core.management import call_command

from agendas.models import AgendaItem, Meeting
from agendas.services import publish_agenda
from tests.factories import republish_with_changes

pytestmark = pytest.mark.django_db

MEETING = "/kkr-nordjylland/2021-02-05/"
CHANGES = f"{MEETING}aendringer/2/"


@pytest.fixture
def meeting():
    call_command("load_demo", stdout=None)
    return Meeting.objects.get(date="2021-02-05")


def test_the_changes_of_the_latest_version_stay_linked_after_the_news_was_seen(client, meeting):
    assert client.login(username="medlem", password="demo-medlem")
    client.get(MEETING)
    assert "aendringer/" not in client.get(MEETING).content.decode()  # version 1: nothing changed
    republish_with_changes(meeting)
    client.get(MEETING)  # 'Nyt siden sidst', shown once

    page = client.get(MEETING).content.decode()
    assert "Nyt siden du sidst læste" not in page
    assert f'<a href="{CHANGES}">Se ændringerne i version 2</a>' in page

    response = client.get(CHANGES)
    assert response.status_code == 200
    changes = response.content.decode()
    assert "Ændringer i version 2" in changes and "Punkt 3.12 tilføjet" in changes
    assert f'<a href="{MEETING}#punkt-3-2">3.2. Limfjordsrådet - Masterplan</a>' in changes
    assert "<del>18</del> <ins>19</ins>" in changes
    assert "Nye bilag: Tidsplan for masterplanen" in changes
    assert "3.12. Ekstra punkt om vandløb" in changes and "Nyt punkt" in changes
    assert client.get(MEETING).status_code == 200  # and reading it again changes nothing
    assert client.get(CHANGES).content.decode().count("<del>18</del>") == 1


def test_the_public_sees_the_changes_but_not_a_closed_items_text(client, meeting):
    closed = AgendaItem.objects.get(section__meeting=meeting, section__position=3, position=5)
    closed.presentation = "<p>FEJLAGTIGT-OFFENTLIG tekst.</p>"
    closed.save()
    publish_agenda(meeting, change_note="3.5 rettet", notify=False, render=False)
    closed.is_closed = True  # published open by mistake, then closed: it stays closed in every version
    closed.save()
    publish_agenda(meeting, change_note="3.5 lukket", notify=False, render=False)
    closed.presentation = "<p>HEMMELIG-ÆNDRING i sagen.</p>"
    closed.save()
    republish_with_changes(meeting)  # version 4
    changes = f"{MEETING}aendringer/4/"
    for number in (2, 3):
        earlier = client.get(f"{MEETING}aendringer/{number}/").content.decode()
        assert "FEJLAGTIGT-OFFENTLIG" not in earlier

    page = client.get(MEETING).content.decode()
    assert f'<a href="{changes}">Se ændringerne i version 4</a>' in page
    public = client.get(changes).content.decode()
    assert "<del>18</del> <ins>19</ins>" in public
    assert "HEMMELIG-ÆNDRING" not in public
    assert "3.5." not in public  # its change is not the public's to see
    assert client.login(username="medlem", password="demo-medlem")
    assert "HEMMELIG-ÆNDRING" in client.get(changes).content.decode()


@pytest.mark.parametrize("number", ["1", "3", "9" * 25])
def test_a_version_without_changes_to_show_is_not_found(client, meeting, number):
    republish_with_changes(meeting)
    assert client.get(f"{MEETING}aendringer/{number}/").status_code == 404


def test_a_draft_meetings_changes_are_not_found(client, meeting):
    assert client.get("/kkr-nordjylland/2021-04-23/aendringer/2/").status_code == 404
