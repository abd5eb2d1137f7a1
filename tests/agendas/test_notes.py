"""A member's personal notes on agenda items: private, kept across versions, listed on 'Mine noter'."""

import pytest
from django.core.management import call_command

from agendas.models import AgendaItem, Meeting, MemberNote
from agendas.services import delete_item, publish_agenda
from tests.factories import make_member

pytestmark = pytest.mark.django_db

MEETING = "/kkr-nordjylland/2021-02-05/"
HTMX = {"HX-Request": "true"}


@pytest.fixture
def item():
    call_command("load_demo", stdout=None)
    return AgendaItem.objects.get(section__meeting__date="2021-02-05", section__position=3, position=2)


@pytest.fixture
def member(client, item):
    assert client.login(username="medlem", password="demo-medlem")
    return client


def test_a_member_writes_a_note_beside_an_item(member, item):
    response = member.post(f"{MEETING}noter/{item.pk}/", {"text": "Spørg til økonomien"}, headers=HTMX)
    assert response.status_code == 200
    assert "Gemt." in response.content.decode()
    slots = member.get(f"{MEETING}noter/", headers=HTMX).content.decode()
    assert f'hx-swap-oob="innerHTML:#note-{item.pk}"' in slots
    assert "Spørg til økonomien" in slots
    page = member.get(MEETING).content.decode()
    assert f'id="note-{item.pk}"' in page  # the slot the note is swapped into
    assert f'hx-get="{MEETING}noter/"' in page


def test_notes_are_private(client, member, item):
    member.post(f"{MEETING}noter/{item.pk}/", {"text": "Min private note"})
    other = make_member(Meeting.objects.get(date="2021-02-05").council)
    client.force_login(other)
    assert "Min private note" not in client.get(f"{MEETING}noter/").content.decode()
    client.logout()
    assert client.get(f"{MEETING}noter/").status_code == 403
    assert client.post(f"{MEETING}noter/{item.pk}/", {"text": "x"}).status_code == 403
    assert 'class="note-slot"' not in client.get(MEETING).content.decode()  # the public page has none


def test_a_note_stays_with_its_item_when_the_agenda_is_republished(member, item):
    member.post(f"{MEETING}noter/{item.pk}/", {"text": "Husk masterplanen"})
    item.title = "Limfjordsrådet - Masterplan (rettet)"
    item.save()
    publish_agenda(item.section.meeting, change_note="Titel rettet", notify=False, render=False)
    notes_page = member.get(f"{MEETING}noter/").content.decode()
    assert "Husk masterplanen" in notes_page
    assert "Limfjordsrådet - Masterplan (rettet)" in notes_page


def test_mine_noter_lists_every_note_and_an_empty_text_removes_one(member, item):
    member.post(f"{MEETING}noter/{item.pk}/", {"text": "Første note"})
    page = member.get("/mine-noter/").content.decode()
    assert "Første note" in page and "KKR Nordjylland 05-02-2021" in page
    member.post(f"{MEETING}noter/{item.pk}/", {"text": "  "})
    assert not MemberNote.objects.exists()
    assert "Du har ingen noter endnu." in member.get("/mine-noter/").content.decode()


def test_mine_noter_needs_a_login(client, item):
    assert client.get("/mine-noter/").status_code == 302


def test_mine_noter_names_each_note_by_its_item_number_and_links_to_the_item(member, item):
    member.post(f"{MEETING}noter/{item.pk}/", {"text": "Spørg til økonomien"})
    page = member.get("/mine-noter/").content.decode()
    assert f'<a href="{MEETING}#punkt-3-2">3.2. Limfjordsrådet - Masterplan</a>' in page


def test_mine_noter_follows_an_item_that_moved_and_keeps_a_deleted_items_note(member, item):
    other = AgendaItem.objects.get(section__meeting__date="2021-02-05", section__position=3, position=1)
    member.post(f"{MEETING}noter/{other.pk}/", {"text": "Note til et punkt der slettes"})
    member.post(f"{MEETING}noter/{item.pk}/", {"text": "Husk masterplanen"})
    meeting = item.section.meeting
    delete_item(other)  # 3.2 becomes 3.1
    publish_agenda(meeting, change_note="Punkt 3.1 udgået", notify=False, render=False)

    page = member.get("/mine-noter/").content.decode()
    assert f'<a href="{MEETING}#punkt-3-1">3.1. Limfjordsrådet - Masterplan</a>' in page
    # The deleted item's note is still listed, by its title, without a number or a dead anchor.
    assert "Note til et punkt der slettes" in page
    assert f"{other.title}</strong>" in page
