"""'Nyt siden sidst': a member who opens a republished agenda sees what changed since the version they
last opened, once."""

import pytest
from django.core.management import call_command

from agendas.models import AgendaItem, Meeting
from agendas.services import create_item, publish_agenda
from tests.factories import make_attachment

pytestmark = pytest.mark.django_db

MEETING = "/kkr-nordjylland/2021-02-05/"


@pytest.fixture
def meeting():
    call_command("load_demo", stdout=None)
    return Meeting.objects.get(date="2021-02-05")


@pytest.fixture
def member(client, meeting):
    assert client.login(username="medlem", password="demo-medlem")
    return client


def republish(meeting):
    item = AgendaItem.objects.get(section__meeting=meeting, section__position=3, position=2)
    item.background = item.background.replace("18 nord- og midtjyske", "19 nord- og midtjyske")
    item.save()
    make_attachment(item, "Tidsplan for masterplanen")
    create_item(
        meeting.sections.get(position=3),
        title="Ekstra punkt om vandløb",
        case_number="SAG-2021-00512",
        case_handler="hast",
    )
    publish_agenda(meeting, change_note="Punkt 3.12 tilføjet", notify=False, render=False)


def test_what_changed_since_the_last_visit_is_marked_once(member, meeting):
    first = member.get(MEETING).content.decode()
    assert "Nyt siden du sidst læste" not in first  # nothing to compare with on a first visit
    republish(meeting)

    html = member.get(MEETING).content.decode()
    assert "Nyt siden du sidst læste dagsordenen (version 1)" in html
    assert '<a href="#punkt-3-2">3.2. Limfjordsrådet - Masterplan</a>' in html
    assert "<del>18</del> <ins>19</ins>" in html  # the changed word, as a diff
    assert "Nye bilag: Tidsplan for masterplanen" in html
    assert "3.12. Ekstra punkt om vandløb" in html and "Nyt punkt" in html
    assert "#punkt-3-2, #punkt-3-12 {" in html  # flagged in the agenda itself

    assert "Nyt siden du sidst læste" not in member.get(MEETING).content.decode()  # seen now


def test_the_public_gets_no_change_marks(client, meeting):
    client.get(MEETING)
    republish(meeting)
    assert "Nyt siden du sidst læste" not in client.get(MEETING).content.decode()
