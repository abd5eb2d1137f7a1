"""'Nyt siden sidst': a member who opens a republished agenda sees what changed since the version they
last opened, once."""

import pytest
from django.core.management import call_command

from agendas.models import Meeting
from tests.factories import republish_with_changes

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


def test_what_changed_since_the_last_visit_is_marked_once(member, meeting):
    first = member.get(MEETING).content.decode()
    assert "Nyt siden du sidst læste" not in first  # nothing to compare with on a first visit
    republish_with_changes(meeting)

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
    republish_with_changes(meeting)
    assert "Nyt siden du sidst læste" not in client.get(MEETING).content.decode()
