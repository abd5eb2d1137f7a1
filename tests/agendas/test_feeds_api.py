import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from agendas import api, feeds, views
from agendas.models import Attachment, Meeting
from agendas.services import publish_agenda
from tests.factories import (
    make_attachment,
    make_council,
    make_item,
    make_meeting,
    make_member,
    make_published_meeting,
    make_section,
    make_user,
    publish,
)

pytestmark = pytest.mark.django_db

CALENDAR_URL = "/kkr-nordjylland/moeder.ics"
FEED_URL = "/kkr-nordjylland/dagsordener.atom"
LIST_URL = "/api/v1/moeder/"
CLOSED_API_URL = "/api/v1/moeder/kkr-nordjylland/2021-01-15/"
DRAFT_API_URL = "/api/v1/moeder/kkr-nordjylland/2021-04-23/"
CLOSED_TEXT = "KODEORD-LUKKET"
CLOSED_ATTACHMENT = "Demo: Fortroligt notat om personalesagen"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=None)


def login(client, role):
    if role == "member":
        assert client.login(username="medlem", password="demo-medlem")
    elif role == "secretariat":
        assert client.login(username="sekretariat", password="demo-sekretariat")


def unescape(value):
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def parse_calendar(response):
    """The VEVENTs of an iCalendar response as dicts of property name to unescaped value, after
    checking the line endings and the folding."""
    body = response.content.decode()
    assert body.endswith("\r\n")
    assert "\n" not in body.replace("\r\n", "")
    physical = body.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in physical), "a line is not folded"
    lines = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    events, event = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            event = {}
        elif line == "END:VEVENT":
            events.append(event)
            event = None
        elif event is not None:
            name, value = line.split(":", 1)
            event[name.split(";")[0]] = unescape(value)
    return events


def parse_feed(response):
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


# iCalendar


def test_calendar_lists_the_published_meetings_for_the_public(client, demo):
    response = client.get(CALENDAR_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = parse_calendar(response)
    assert [e["DTSTART"] for e in events] == ["20201113T080000Z", "20210115T070000Z", "20210205T073000Z"]
    january = events[1]
    assert january["SUMMARY"] == "KKR Nordjylland – ekstraordinært møde"
    assert january["DTEND"] == "20210115T080000Z"  # its own end time, 9.00 in Copenhagen
    assert january["LOCATION"] == "Demo: virtuelt møde"
    assert january["URL"] == "http://testserver/kkr-nordjylland/2021-01-15/"
    assert january["UID"] == f"meeting-{Meeting.objects.get(date='2021-01-15').pk}@127.0.0.1"
    assert "2.1. Demo: Status på vaccinationsindsatsen" in january["DESCRIPTION"].splitlines()
    assert "2.2. Demo: Fortrolig personalesag (Lukket punkt)" in january["DESCRIPTION"].splitlines()
    february = events[2]
    assert february["SUMMARY"] == "KKR Nordjylland – møde"
    assert february["DTEND"] == "20210205T093000Z"  # no end time: two hours
    assert "3.2. Limfjordsrådet - Masterplan" in february["DESCRIPTION"].splitlines()
    assert all(e["DTSTAMP"].endswith("Z") for e in events)
    assert CLOSED_TEXT not in response.content.decode()


def test_calendar_escapes_text_values(client, demo):
    body = client.get(CALENDAR_URL).content.decode().replace("\r\n ", "")
    assert "DESCRIPTION:Dagsorden\\, udsendt 11-01-2021\\n1.1. Godkendelse af dagsorden\\n" in body


def test_calendar_uids_are_stable(client, demo):
    first = [e["UID"] for e in parse_calendar(client.get(CALENDAR_URL))]
    assert first == [e["UID"] for e in parse_calendar(client.get(CALENDAR_URL))]
    assert len(set(first)) == 3


def test_calendar_shows_drafts_to_the_secretariat_only(client, demo):
    login(client, "member")
    assert len(parse_calendar(client.get(CALENDAR_URL))) == 3
    login(client, "secretariat")
    response = client.get(CALENDAR_URL)
    events = parse_calendar(response)
    assert [e["DTSTART"][:8] for e in events] == ["20201113", "20210115", "20210205", "20210423"]
    assert events[-1]["STATUS"] == "TENTATIVE"
    assert "private" in response["Cache-Control"]


def test_calendar_of_an_unknown_council_is_not_found(client):
    assert client.get("/kkr-ukendt/moeder.ics").status_code == 404


def test_ical_text_escaping_and_folding():
    assert feeds._ical_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "æ" * 100
    folded = feeds._fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join([parts[0], *(part[1:] for part in parts[1:])]) == line
    assert feeds._fold("SUMMARY:kort") == "SUMMARY:kort"


def test_calendar_query_count_does_not_grow_with_meetings(client):
    council = make_council()
    counts = []
    for n in range(2):
        for day in range(1, 4):
            item = make_item(
                section=make_section(
                    meeting=make_meeting(council=council, date=datetime.date(2021 + n, 3, day))
                )
            )
            publish_agenda(item.section.meeting, notify=False, render=False)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/{council.slug}/moeder.ics").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 3, counts


# Atom


def test_agenda_feed_has_an_entry_per_published_version_and_no_closed_text(client, demo):
    login(client, "member")  # the feed is public whoever asks
    response = client.get(FEED_URL)
    assert response.status_code == 200
    feed = parse_feed(response)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Dagsorden: KKR Nordjylland 05-02-2021",
        "Dagsorden: KKR Nordjylland 15-01-2021",
        "Dagsorden: KKR Nordjylland 13-11-2020",
    ]
    january = entries[1]
    assert january.find(f"{ATOM}link").get("href") == "http://testserver/kkr-nordjylland/2021-01-15/"
    assert "2.2. Demo: Fortrolig personalesag (Lukket punkt)" in january.findtext(f"{ATOM}summary")
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 3
    body = response.content.decode()
    assert CLOSED_TEXT not in body
    assert CLOSED_ATTACHMENT not in body
    assert "2021-04-23" not in body  # the draft


def test_a_republished_agenda_is_a_new_entry_with_its_change_note(client, demo):
    meeting = Meeting.objects.get(date="2021-02-05")  # its minutes are a draft: the agenda is not locked
    version = publish_agenda(meeting, change_note="Bilag til punkt 2.1 tilføjet.", notify=False, render=False)
    entries = parse_feed(client.get(FEED_URL)).findall(f"{ATOM}entry")
    assert len(entries) == 4
    newest = entries[0]
    assert newest.findtext(f"{ATOM}title") == "Rettet dagsorden: KKR Nordjylland 05-02-2021 (version 2)"
    assert "Bilag til punkt 2.1 tilføjet." in newest.findtext(f"{ATOM}summary")
    assert newest.findtext(f"{ATOM}updated") == version.published_at.isoformat()


def test_site_wide_agenda_feed(client, demo):
    make_meeting(date=datetime.date(2021, 3, 1))  # another council's, never published: no version
    response = client.get("/dagsordener.atom")
    assert response.status_code == 200
    assert len(parse_feed(response).findall(f"{ATOM}entry")) == 3
    assert CLOSED_TEXT not in response.content.decode()


def test_agenda_feed_of_an_unknown_council_is_not_found(client):
    assert client.get("/kkr-ukendt/dagsordener.atom").status_code == 404


# JSON API


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response, json.loads(response.content)


def test_api_meeting_list_for_the_public(client, demo):
    response, data = get_json(client, f"{LIST_URL}?council=kkr-nordjylland&year=2021")
    meetings = data["meetings"]
    assert [m["date"] for m in meetings] == ["2021-01-15", "2021-02-05"]
    assert meetings[0] == {
        "council": {"slug": "kkr-nordjylland", "name": "KKR Nordjylland"},
        "date": "2021-01-15",
        "start": "08:00",
        "end": "09:00",
        "place": "Demo: virtuelt møde",
        "kind": "extraordinary",
        "status": "published",
        "url": "http://testserver/kkr-nordjylland/2021-01-15/",
        "api_url": "http://testserver/api/v1/moeder/kkr-nordjylland/2021-01-15/",
        "version": {"number": 1, "sent_on": "2021-01-11"},
    }
    assert "private" not in response.get("Cache-Control", "")
    _response, everything = get_json(client, LIST_URL)
    assert len(everything["meetings"]) == 3


def test_api_meeting_list_shows_drafts_to_the_secretariat(client, demo):
    login(client, "secretariat")
    response, data = get_json(client, f"{LIST_URL}?council=kkr-nordjylland&year=2021")
    assert [m["date"] for m in data["meetings"]] == ["2021-01-15", "2021-02-05", "2021-04-23"]
    assert data["meetings"][-1]["status"] == "draft"
    assert data["meetings"][-1]["version"] is None
    assert "private" in response["Cache-Control"]


def test_api_meeting_list_refuses_bad_parameters(client, demo):
    assert client.get(f"{LIST_URL}?year=21").status_code == 400
    assert client.get(f"{LIST_URL}?council=kkr-ukendt").status_code == 404


def test_api_detail_shows_a_closed_item_as_number_and_title_to_the_public(client, demo):
    response, data = get_json(client, CLOSED_API_URL)
    assert data["kind"] == "extraordinary"
    assert data["version"]["number"] == 1
    assert data["version"]["sent_on"] == "2021-01-11"
    items = data["sections"][1]["items"]
    assert items[1] == {"number": "2.2.", "title": "Demo: Fortrolig personalesag", "is_closed": True}
    assert items[0]["presentation"].startswith("<p>Formandskabet indleder punktet.")
    assert items[0]["case_number"] == "SAG-2021-00512"
    body = response.content.decode()
    assert CLOSED_TEXT not in body
    assert CLOSED_ATTACHMENT not in body
    assert "private" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("role", ["anonymous", "other user"])
def test_api_gives_no_closed_content_to_non_members(client, demo, role):
    if role == "other user":
        client.force_login(make_user())
    assert CLOSED_TEXT not in client.get(CLOSED_API_URL).content.decode()


@pytest.mark.parametrize("role", ["member", "secretariat"])
def test_api_detail_shows_closed_items_in_full_to_members_and_secretariat(client, demo, role):
    login(client, role)
    response, data = get_json(client, CLOSED_API_URL)
    closed = data["sections"][1]["items"][1]
    assert closed["is_closed"] is True
    assert CLOSED_TEXT in closed["background"]
    assert closed["case_handler"] == "hast"
    [attachment] = closed["attachments"]
    assert attachment["title"] == CLOSED_ATTACHMENT
    assert attachment["is_closed"] is True
    assert attachment["pages"] == Attachment.objects.get(title=CLOSED_ATTACHMENT).page_count
    assert client.get(attachment["url"]).status_code == 200
    assert "private" in response["Cache-Control"]


def test_api_detail_of_a_draft_is_for_the_secretariat_only(client, demo):
    assert client.get(DRAFT_API_URL).status_code == 404
    login(client, "member")
    assert client.get(DRAFT_API_URL).status_code == 404
    login(client, "secretariat")
    response, data = get_json(client, DRAFT_API_URL)
    assert data["status"] == "draft"
    assert data["version"] is None
    assert "private" in response["Cache-Control"]


def test_api_detail_of_an_unknown_meeting_is_a_json_404(client, demo):
    response = client.get("/api/v1/moeder/kkr-nordjylland/2030-01-01/")
    assert response.status_code == 404
    assert "error" in json.loads(response.content)


def test_api_is_read_only(client, demo):
    assert client.post(LIST_URL).status_code == 405
    assert client.post(CLOSED_API_URL).status_code == 405


def test_api_hides_a_closed_attachment_of_an_open_item_from_the_public(client):
    item = make_item()
    make_attachment(item, "Offentligt notat")
    make_attachment(item, "Fortroligt tilbud", is_closed=True)
    meeting = item.section.meeting
    publish_agenda(meeting, notify=False, render=False)
    url = f"/api/v1/moeder/{meeting.council.slug}/{meeting.date}/"
    [public] = json.loads(client.get(url).content)["sections"][0]["items"][0]["attachments"]
    assert public["title"] == "Offentligt notat"
    assert public["pages"] == 2
    assert public["url"].startswith(f"http://testserver{meeting.get_absolute_url()}bilag/")
    client.force_login(make_member(meeting.council))
    response = client.get(url)
    titles = [a["title"] for a in json.loads(response.content)["sections"][0]["items"][0]["attachments"]]
    assert titles == ["Offentligt notat", "Fortroligt tilbud"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("logged_in", [False, True])
def test_api_detail_query_count_does_not_grow_with_items(client, django_assert_max_num_queries, logged_in):
    counts = []
    for meeting in (make_published_meeting(5), make_published_meeting(50)):
        if logged_in:
            client.force_login(make_member(meeting.council))
        url = f"/api/v1/moeder/{meeting.council.slug}/{meeting.date}/"
        # council, meeting, the published version; plus session, user and role checks
        with django_assert_max_num_queries(7 if logged_in else 3) as queries:
            data = json.loads(client.get(url).content)
        counts.append(len(queries))
        closed = [item for section in data["sections"] for item in section["items"] if item["is_closed"]]
        assert closed
        assert all(("background" in item) == logged_in for item in closed)
    assert counts[0] == counts[1], counts


def test_api_list_query_count_does_not_grow_with_meetings(client):
    council = make_council()
    counts = []
    for n in range(2):
        for day in range(1, 6):
            publish(make_meeting(council=council, date=datetime.date(2021, n + 1, day)))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{LIST_URL}?council={council.slug}")
        assert len(json.loads(response.content)["meetings"]) == 5 * (n + 1)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# URLs and discovery


@pytest.mark.parametrize(
    ("path", "func"),
    [
        ("/api/v1/moeder/", api.meeting_list),
        ("/api/v1/moeder/kkr-nordjylland/2021-01-15/", api.meeting_detail),
        ("/kkr-nordjylland/moeder.ics", feeds.council_calendar),
        ("/kkr-nordjylland/dagsordener.atom", feeds.council_agenda_feed),
        ("/dagsordener.atom", feeds.agenda_feed),
        # The council and meeting pages are still where they were, even for a council named "api".
        ("/api/", views.council),
        ("/kkr-nordjylland/2021-01-15/", views.meeting),
    ],
)
def test_urls_resolve_to_their_views(path, func):
    assert resolve(path).func == func


@pytest.mark.parametrize("url", ["/kkr-nordjylland/", "/kkr-nordjylland/2021-02-05/"])
def test_council_and_meeting_pages_link_to_the_feeds(client, demo, url):
    html = client.get(url).content.decode()
    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml" [^>]*href="/kkr-nordjylland/dagsordener.atom">',
        html,
    )
    assert '<a href="/kkr-nordjylland/moeder.ics" type="text/calendar">Kalender (iCal)</a>' in html
    assert (
        '<a href="/kkr-nordjylland/dagsordener.atom" type="application/atom+xml">Nyhedsfeed (Atom)</a>'
        in html
    )
