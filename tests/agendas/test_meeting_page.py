import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agendas.models import AgendaItem, Attachment, Meeting
from agendas.services import publish_agenda
from tests.factories import (
    make_attachment,
    make_council,
    make_item,
    make_member,
    make_published_meeting,
    make_secretary,
    make_user,
    publish,
)

pytestmark = pytest.mark.django_db

DEMO_URL = "/kkr-nordjylland/2021-02-05/"
CLOSED_URL = "/kkr-nordjylland/2021-01-15/"
CLOSED_TEXT = "KODEORD-LUKKET"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=None)


def item_headings(html):
    return re.findall(r'<h3 id="punkt-[\d-]+-heading">([^<]+)</h3>', html)


def test_the_5_february_meeting_page_shows_all_16_items_in_order(client, demo):
    response = client.get(DEMO_URL)
    assert response.status_code == 200
    headings = item_headings(response.content.decode())
    assert headings[:3] == [
        "1.1. Godkendelse af referat",
        "1.2. Godkendelse af dagsorden",
        "2.1. Siden sidst",
    ]
    assert headings[3] == "3.1. Temadrøftelse – Miljø- og Klimaområdet"
    assert headings[-2:] == ["4.1. Udpegninger", "6.1. Punkter til næste møde"]
    assert len(headings) == 16
    html = response.content.decode()
    assert "SAG-2021-00512 hast" in html
    assert '<h2 id="punkt-5-heading">5. KKR</h2>' in html  # an empty section is still shown
    assert "Henvendelse til Statsminister Mette Frederiksen af 10. dec. 2020" in html


def test_home_page_lists_the_demo_meetings(client, demo):
    html = client.get("/").content.decode()
    assert 'href="/kkr-nordjylland/2021-02-05/"' in html
    assert "2021-04-23" not in html  # a draft is for the secretariat only


def test_closed_item_is_only_number_and_title_for_the_public(client, demo):
    closed = Attachment.objects.get(is_closed=True)
    html = client.get(CLOSED_URL).content.decode()
    assert "2.2. Demo: Fortrolig personalesag" in html
    assert "Lukket punkt" in html
    assert CLOSED_TEXT not in html
    assert closed.title not in html
    assert f"/bilag/{closed.pk}/" not in html
    assert client.get(f"{CLOSED_URL}bilag/{closed.pk}/").status_code == 404


@pytest.mark.parametrize("role", ["member", "secretary"])
def test_closed_item_is_shown_in_full_to_members_and_secretariat(client, demo, role):
    meeting = Meeting.objects.get(date="2021-01-15")
    user = (make_member if role == "member" else make_secretary)(meeting.council)
    client.force_login(user)
    closed = Attachment.objects.get(is_closed=True)
    html = client.get(CLOSED_URL).content.decode()
    assert CLOSED_TEXT in html
    assert closed.title in html
    response = client.get(f"{CLOSED_URL}bilag/{closed.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_logged_in_user_who_is_not_a_member_sees_no_closed_text(client, demo):
    client.force_login(make_user())
    assert CLOSED_TEXT not in client.get(CLOSED_URL).content.decode()


def test_demo_member_account_sees_closed_items(client, demo):
    assert client.login(username="medlem", password="demo-medlem")
    assert CLOSED_TEXT in client.get(CLOSED_URL).content.decode()


def test_open_attachment_opens_inline_for_everyone(client, demo):
    attachment = Attachment.objects.filter(item__section__meeting__date="2021-02-05").first()
    response = client.get(f"{DEMO_URL}bilag/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")


def test_attachment_of_another_meeting_is_not_found(client, demo):
    attachment = Attachment.objects.filter(item__section__meeting__date="2021-02-05").first()
    assert client.get(f"{CLOSED_URL}bilag/{attachment.pk}/").status_code == 404


def test_draft_meeting_is_hidden_from_public_and_members(client, demo):
    assert client.get("/kkr-nordjylland/2021-04-23/").status_code == 404
    assert client.login(username="medlem", password="demo-medlem")
    assert client.get("/kkr-nordjylland/2021-04-23/").status_code == 404
    assert client.login(username="sekretariat", password="demo-sekretariat")
    assert "SOSU-dimmensionering" in client.get("/kkr-nordjylland/2021-04-23/").content.decode()


def test_unknown_council_or_bad_date_is_404(client, demo):
    assert client.get("/kkr-ukendt/2021-02-05/").status_code == 404
    assert client.get("/kkr-nordjylland/2021-02-30/").status_code == 404


@pytest.mark.parametrize("logged_in", [False, True])
def test_meeting_page_query_count_does_not_grow_with_items(client, logged_in):
    council = make_council()
    small = make_published_meeting(5, council=council)
    large = make_published_meeting(50, council=council, date=datetime.date(2021, 4, 23))
    if logged_in:
        client.force_login(make_member(small.council))
    counts = []
    for meeting in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(meeting.get_absolute_url())
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    # the meeting with its council, its minutes (for the link to them) and its published version; logged
    # in also session, user, two role checks and the member's reading mark (read, and written on a
    # first visit)
    assert counts[0] <= (9 if logged_in else 3)
    # Once rendered, the public's page is kept until the next publishing: the meeting only.
    if not logged_in:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(large.get_absolute_url()).status_code == 200
        assert len(queries) == 1


def test_a_closed_attachment_of_an_open_item_is_hidden_from_the_public(client):
    item = make_item(presentation="<p>Åben tekst om budgettet.</p>")
    make_attachment(item, "Offentligt notat")
    closed = make_attachment(item, "Fortroligt tilbud", is_closed=True)
    meeting = publish(item.section.meeting)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Åben tekst om budgettet." in html
    assert "Offentligt notat" in html
    assert "Fortroligt tilbud" not in html
    assert client.get(f"{meeting.get_absolute_url()}bilag/{closed.pk}/").status_code == 404
    client.force_login(make_member(meeting.council))
    assert "Fortroligt tilbud" in client.get(meeting.get_absolute_url()).content.decode()


def test_the_agenda_of_a_published_version_is_rendered_once_per_audience(client, django_assert_num_queries):
    meeting = make_published_meeting(5)
    client.get(meeting.get_absolute_url())
    with django_assert_num_queries(1):  # the meeting: the agenda comes from the cache
        html = client.get(meeting.get_absolute_url()).content.decode()
    assert html.count('class="agenda-item') == 5
    client.force_login(make_member(meeting.council))
    member_html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Lukket punkt – vises kun for rådets medlemmer" in member_html  # not the public copy


def test_a_new_version_is_shown_at_once(client):
    meeting = make_published_meeting(5)
    client.get(meeting.get_absolute_url())
    item = AgendaItem.objects.filter(section__meeting=meeting).first()
    item.title = "Ny titel efter rettelse"
    item.save()
    publish_agenda(meeting, change_note="Titel rettet", notify=False, render=False)
    assert "Ny titel efter rettelse" in client.get(meeting.get_absolute_url()).content.decode()


def test_not_found_page_is_in_danish(client, settings):
    settings.DEBUG = False
    response = client.get("/kkr-nordjylland/2030-01-01/")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()
