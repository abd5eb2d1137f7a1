import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.urls import resolve
from django.utils import timezone

from agendas import api, feeds, views
from agendas.models import AgendaItem, Attachment, Meeting
from agendas.services import publish_agenda
from tests.factories import (
    make_attachment,
    make_council,
    make_item,
    make_meeting,
    make_member,
    make_published_meeting,
    make_secretary,
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


def year_back(today):
    """Twelve months before today (28 February for 29 February)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


@pytest.fixture
def recent_demo(demo):
    """The demo's meetings (13 Nov 2020 to 23 Apr 2021) moved by whole years into the calendar's window,
    so the first is within its last twelve months: same weekdays of the year, same summer time. Returns
    the number of years moved."""
    today = timezone.localdate()
    years = today.year - 2020
    if datetime.date(today.year, 11, 13) > today:
        years -= 1
    assert datetime.date(2020 + years, 11, 13) >= year_back(today)
    for meeting in Meeting.objects.order_by("-date"):  # the latest first: no two on one day on the way
        meeting.date = meeting.date.replace(year=meeting.date.year + years)
        meeting.save(update_fields=["date"])
    return years


def test_calendar_lists_the_published_meetings_for_the_public(client, recent_demo):
    response = client.get(CALENDAR_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = parse_calendar(response)
    y = 2020 + recent_demo
    assert [e["DTSTART"] for e in events] == [
        f"{y}1113T080000Z",
        f"{y + 1}0115T070000Z",
        f"{y + 1}0205T073000Z",
    ]
    january = events[1]
    assert january["SUMMARY"] == "KKR Nordjylland – ekstraordinært møde"
    assert january["DTEND"] == f"{y + 1}0115T080000Z"  # its own end time, 9.00 in Copenhagen
    assert january["LOCATION"] == "Demo: virtuelt møde"
    assert january["URL"] == f"http://testserver/kkr-nordjylland/{y + 1}-01-15/"
    assert january["UID"] == f"meeting-{Meeting.objects.get(date=f'{y + 1}-01-15').pk}@127.0.0.1"
    assert "2.1. Demo: Status på vaccinationsindsatsen" in january["DESCRIPTION"].splitlines()
    # A closed item is its number and title, marked; never its texts or attachments.
    assert "2.2. Demo: Fortrolig personalesag (Lukket punkt)" in january["DESCRIPTION"].splitlines()
    february = events[2]
    assert february["SUMMARY"] == "KKR Nordjylland – møde"
    assert february["DTEND"] == f"{y + 1}0205T093000Z"  # no end time: two hours
    assert "3.2. Limfjordsrådet - Masterplan" in february["DESCRIPTION"].splitlines()
    assert all(e["DTSTAMP"].endswith("Z") for e in events)
    body = response.content.decode()
    assert CLOSED_TEXT not in body
    assert CLOSED_ATTACHMENT not in body


def test_calendar_escapes_text_values(client, recent_demo):
    body = client.get(CALENDAR_URL).content.decode().replace("\r\n ", "")
    assert "DESCRIPTION:Dagsorden\\, udsendt 11-01-2021\\n1.1. Godkendelse af dagsorden\\n" in body


def test_calendar_uids_are_stable(client, recent_demo):
    first = [e["UID"] for e in parse_calendar(client.get(CALENDAR_URL))]
    assert first == [e["UID"] for e in parse_calendar(client.get(CALENDAR_URL))]
    assert len(set(first)) == 3


def test_calendar_shows_drafts_to_the_secretariat_only(client, recent_demo):
    login(client, "member")
    assert len(parse_calendar(client.get(CALENDAR_URL))) == 3
    login(client, "secretariat")
    response = client.get(CALENDAR_URL)
    events = parse_calendar(response)
    y = 2020 + recent_demo
    assert [e["DTSTART"][:8] for e in events] == [f"{y}1113", f"{y + 1}0115", f"{y + 1}0205", f"{y + 1}0423"]
    assert events[-1]["STATUS"] == "TENTATIVE"
    assert "Dagsordenen er ikke offentliggjort endnu." in events[-1]["DESCRIPTION"]
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


def test_calendar_holds_the_last_twelve_months_and_every_coming_meeting(client):
    council = make_council()
    today = timezone.localdate()
    days = {"two years ago": -730, "half a year ago": -182, "today": 0, "next month": 30, "in two years": 730}
    meetings = {
        name: publish(make_meeting(council=council, date=today + datetime.timedelta(days=offset)))
        for name, offset in days.items()
    }
    just_out = make_meeting(council=council, date=year_back(today) - datetime.timedelta(days=1))
    just_in = make_meeting(council=council, date=year_back(today))
    publish(just_out), publish(just_in)
    events = parse_calendar(client.get(f"/{council.slug}/moeder.ics"))
    urls = [e["URL"] for e in events]
    expected = [just_in, *(meetings[n] for n in ("half a year ago", "today", "next month", "in two years"))]
    assert urls == [f"http://testserver{m.get_absolute_url()}" for m in expected]


def test_calendar_keeps_the_window_for_drafts_too(client):
    council = make_council()
    today = timezone.localdate()
    old = make_meeting(council=council, date=today - datetime.timedelta(days=730))
    coming = make_meeting(council=council, date=today + datetime.timedelta(days=30))
    client.force_login(make_secretary(council))
    events = parse_calendar(client.get(f"/{council.slug}/moeder.ics"))
    assert [e["URL"] for e in events] == [f"http://testserver{coming.get_absolute_url()}"]
    assert events[0]["STATUS"] == "TENTATIVE"
    assert old.get_absolute_url() not in client.get(f"/{council.slug}/moeder.ics").content.decode()


def test_calendar_shows_the_published_facts_and_titles_not_later_edits(client):
    meeting = make_meeting(date=timezone.localdate() + datetime.timedelta(days=30), place="Aalborg Rådhus")
    item = make_item(section=make_section(meeting=meeting), title="Vedtaget titel")
    publish(meeting)
    meeting.place = "Et nyt sted"
    meeting.save()
    AgendaItem.objects.filter(pk=item.pk).update(title="Ny titel i arbejdskopien")
    [event] = parse_calendar(client.get(f"/{meeting.council.slug}/moeder.ics"))
    assert event["LOCATION"] == "Aalborg Rådhus"
    assert "1.1. Vedtaget titel" in event["DESCRIPTION"].splitlines()
    assert "Ny titel" not in event["DESCRIPTION"]


@pytest.mark.parametrize("role", ["public", "secretary"])
def test_calendar_query_count_does_not_grow_with_meetings(client, django_assert_max_num_queries, role):
    council = make_council()
    if role == "secretary":
        client.force_login(make_secretary(council))
    today = timezone.localdate()
    counts = []
    for n in (2, 20):
        created = council.meetings.count()
        for offset in range(created, n):
            meeting = make_meeting(council=council, date=today + datetime.timedelta(days=7 * offset - 60))
            make_item(section=make_section(meeting=meeting), is_closed=offset % 3 == 0)
            if offset % 4:
                publish(meeting)
        # council, its meetings with their versions; for the secretary session, user and roles
        with django_assert_max_num_queries(6 if role == "secretary" else 2) as queries:
            response = client.get(f"/{council.slug}/moeder.ics")
        counts.append(len(queries))
        assert response.status_code == 200
        assert not [q for q in queries.captured_queries if '"content"' in q["sql"]], (
            "reads the versions' JSON"
        )
    assert counts[0] == counts[1], counts


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


DEMO_SUMMARIES = {
    "2021-02-05": "<p>Udsendt 29-01-2021.</p><ul><li>1.1. Godkendelse af referat</li>"
    "<li>1.2. Godkendelse af dagsorden</li><li>2.1. Siden sidst</li>"
    "<li>3.1. Temadrøftelse – Miljø- og Klimaområdet</li><li>3.2. Limfjordsrådet - Masterplan</li>"
    "<li>3.3. Den Fælles Nordjyske Klimaambition</li>"
    "<li>3.4. Resultatkontrakt mellem Erhvervshus Nordjylland og KKR Nordjylland</li>"
    "<li>3.5. Pædagogdimensionering 2021-2022</li><li>3.6. Praksisplan for almen praksis</li>"
    "<li>3.7. De fælleskommunale sekretariater – regnskab 2020 og budget 2021</li>"
    "<li>3.8. Børnehus Nord – Budget og takster for 2021</li>"
    "<li>3.9. Etablering af Passagerråd i KKR-geografierne</li>"
    "<li>3.10. Orientering om rammeaftale om danskuddannelse til voksne udlændinge</li>"
    "<li>3.11. Sexisme i kommunalpolitik</li><li>4.1. Udpegninger</li>"
    "<li>6.1. Punkter til næste møde</li></ul>",
    "2021-01-15": "<p>Udsendt 11-01-2021.</p><ul><li>1.1. Godkendelse af dagsorden</li>"
    "<li>2.1. Demo: Status på vaccinationsindsatsen</li>"
    "<li>2.2. Demo: Fortrolig personalesag (Lukket punkt)</li></ul>",
}


def test_agenda_feed_entries_are_as_before_for_the_demo(client, demo):
    """The summaries, as the feed wrote them from the versions' full content before it had listings."""
    entries = parse_feed(client.get(FEED_URL)).findall(f"{ATOM}entry")
    summaries = {e.find(f"{ATOM}link").get("href")[-11:-1]: e.findtext(f"{ATOM}summary") for e in entries}
    assert {date: summaries[date] for date in DEMO_SUMMARIES} == DEMO_SUMMARIES
    assert summaries["2020-11-13"].startswith(
        "<p>Udsendt 06-11-2020.</p><ul><li>1.1. Godkendelse af dagsorden</li>"
    )


def test_a_feed_entry_keeps_what_its_version_published(client):
    meeting = make_meeting()
    item = make_item(section=make_section(meeting=meeting), title="Vedtaget titel")
    publish(meeting)
    AgendaItem.objects.filter(pk=item.pk).update(title="Ny titel i arbejdskopien", is_closed=True)
    publish(meeting, change_note="Titlen er rettet.")
    [newest, first] = parse_feed(client.get(f"/{meeting.council.slug}/dagsordener.atom")).findall(
        f"{ATOM}entry"
    )
    assert "<li>1.1. Ny titel i arbejdskopien (Lukket punkt)</li>" in newest.findtext(f"{ATOM}summary")
    assert "<li>1.1. Vedtaget titel</li>" in first.findtext(f"{ATOM}summary")
    assert "Ny titel" not in first.findtext(f"{ATOM}summary")


@pytest.mark.parametrize("url", ["/dagsordener.atom", "council"])
def test_agenda_feed_query_count_does_not_grow_with_entries(client, django_assert_max_num_queries, url):
    council = make_council()
    url = f"/{council.slug}/dagsordener.atom" if url == "council" else url
    counts = []
    for n in (2, 12):
        for day in range(len(counts) and 2, n):
            make_published_meeting(
                7, council=council, date=datetime.date(2021, 3, 1) + datetime.timedelta(days=day)
            )
        with django_assert_max_num_queries(2) as queries:
            entries = parse_feed(client.get(url)).findall(f"{ATOM}entry")
        assert len(entries) == n
        counts.append(len(queries))
        assert not [q for q in queries.captured_queries if '"content"' in q["sql"]], (
            "reads the versions' JSON"
        )
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("url", ["/dagsordener.atom", "council"])
def test_an_agenda_feed_holds_the_newest_twenty_versions(client, url):
    """A feed reader polls often: the feed is the newest versions, not the archive (which the year
    pages and the API page through), so it costs the same at 1 and at 12 years."""
    council = make_council()
    url = f"/{council.slug}/dagsordener.atom" if url == "council" else url
    meetings = [
        make_published_meeting(
            1, council=council, date=datetime.date(2021, 1, 4) + datetime.timedelta(days=n)
        )
        for n in range(21)
    ]
    entries = parse_feed(client.get(url)).findall(f"{ATOM}entry")
    assert len(entries) == 20
    links = " ".join(entry.find(f"{ATOM}link").get("href") for entry in entries)
    assert meetings[-1].get_absolute_url() in links
    assert meetings[0].get_absolute_url() not in links


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


def make_year_of_meetings(council, year, count=10, **kwargs):
    """`count` published meetings of the council in the year, on the first days of its months."""
    return [
        publish(make_meeting(council=council, date=datetime.date(year, month, 1), **kwargs))
        for month in range(1, count + 1)
    ]


def follow(client, url, link="next"):
    """Every page from url on, following the link: [(response data, ...)]."""
    pages = []
    while url:
        _response, data = get_json(client, url)
        pages.append(data)
        url = data[link]
        assert len(pages) < 50
    return pages


def test_api_meeting_list_is_paginated_with_links(client):
    first, second = make_council(slug="kkr-a"), make_council(slug="kkr-b")
    make_year_of_meetings(first, 2021, 7)
    make_year_of_meetings(second, 2021, 4)
    pages = follow(client, f"{LIST_URL}?page_size=3")
    assert [len(page["meetings"]) for page in pages] == [3, 3, 3, 2]
    listed = [(m["date"], m["council"]["slug"]) for page in pages for m in page["meetings"]]
    assert listed == sorted(listed)
    assert len(set(listed)) == 11
    assert listed[:3] == [("2021-01-01", "kkr-a"), ("2021-01-01", "kkr-b"), ("2021-02-01", "kkr-a")]
    assert pages[0]["previous"] is None
    assert pages[-1]["next"] is None
    assert pages[0]["next"].startswith("http://testserver/api/v1/moeder/?")
    assert "page_size=3" in pages[0]["next"]
    # and back again from the last page
    back = follow(client, pages[-1]["previous"], "previous")
    assert [m["date"] for page in reversed(back) for m in page["meetings"]] == [d for d, _s in listed[:9]]
    assert back[-1]["previous"] is None


def test_api_meeting_list_pages_hold_fifty_by_default(client):
    council = make_council()
    for year in range(2016, 2022):
        make_year_of_meetings(council, year)
    response, data = get_json(client, LIST_URL)
    assert len(data["meetings"]) == 50
    assert data["next"] and data["previous"] is None
    assert response["Link"] == f'<{data["next"]}>; rel="next"'
    rest = follow(client, data["next"])
    assert [len(page["meetings"]) for page in rest] == [10]
    assert rest[0]["previous"]
    assert client.get(LIST_URL, {"page_size": 200}).status_code == 200


def test_api_meeting_list_filters_by_council_and_year_across_pages(client):
    first, second = make_council(slug="kkr-a"), make_council(slug="kkr-b")
    for council in (first, second):
        for year in (2020, 2021):
            make_year_of_meetings(council, year, 5)
    pages = follow(client, f"{LIST_URL}?council=kkr-b&year=2021&page_size=2")
    assert [len(page["meetings"]) for page in pages] == [2, 2, 1]
    assert {(m["council"]["slug"], m["date"][:4]) for page in pages for m in page["meetings"]} == {
        ("kkr-b", "2021")
    }
    assert "council=kkr-b" in pages[0]["next"] and "year=2021" in pages[0]["next"]
    _response, data = get_json(client, f"{LIST_URL}?year=2020")
    assert len(data["meetings"]) == 10
    _response, data = get_json(client, f"{LIST_URL}?council=kkr-a")
    assert len(data["meetings"]) == 10


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page_size": "0"}, "page_size skal være et helt tal fra 1 til 200."),
        ({"page_size": "-5"}, "page_size skal være et helt tal fra 1 til 200."),
        ({"page_size": "201"}, "page_size skal være et helt tal fra 1 til 200."),
        ({"page_size": "tre"}, "page_size skal være et helt tal fra 1 til 200."),
        ({"page_size": "²"}, "page_size skal være et helt tal fra 1 til 200."),
        ({"page_size": "9" * 40}, "page_size skal være et helt tal fra 1 til 200."),
        ({"after": "i-går"}, "after og before skal være et link, API'et selv har givet."),
        (
            {"after": "2021-02-30.kkr-nordjylland"},
            "after og before skal være et link, API'et selv har givet.",
        ),
        ({"before": "2021-02-05"}, "after og before skal være et link, API'et selv har givet."),
        (
            {"before": "2021-02-05.KKR med mellemrum"},
            "after og before skal være et link, API'et selv har givet.",
        ),
        ({"after": "2021-02-05.a", "before": "2021-02-05.b"}, "Brug enten after eller before, ikke begge."),
        ({"year": "21"}, "Året skal skrives med fire cifre, fx 2021."),
    ],
)
def test_api_meeting_list_refuses_bad_paging_with_a_clear_error(client, demo, params, message):
    response = client.get(LIST_URL, params)
    assert response.status_code == 400
    assert response.json() == {"error": message}


def test_api_meeting_list_pages_give_no_drafts_or_closed_content_to_the_public(client, demo):
    pages = follow(client, f"{LIST_URL}?page_size=1")
    assert [m["date"] for page in pages for m in page["meetings"]] == [
        "2020-11-13",
        "2021-01-15",
        "2021-02-05",
    ]
    body = json.dumps(pages, ensure_ascii=False)
    assert "2021-04-23" not in body
    assert CLOSED_TEXT not in body
    assert "Fortrolig" not in body  # the list names no items at all
    login(client, "secretariat")
    pages = follow(client, f"{LIST_URL}?page_size=1")
    assert [m["status"] for page in pages for m in page["meetings"]] == ["published"] * 3 + ["draft"]


def test_api_meeting_list_shows_the_published_facts_not_later_edits(client):
    [meeting] = make_year_of_meetings(make_council(), 2021, 1, place="Aalborg Rådhus")
    meeting.place = "Et nyt sted"
    meeting.save()
    _response, data = get_json(client, LIST_URL)
    assert data["meetings"][0]["place"] == "Aalborg Rådhus"


@pytest.mark.parametrize("logged_in", [False, True])
def test_api_list_query_count_does_not_grow_with_meetings(client, django_assert_max_num_queries, logged_in):
    councils = [make_council() for _ in range(2)]
    if logged_in:
        client.force_login(make_secretary(councils[0]))
    counts = []
    for years in ((2020,), (2016, 2017, 2018, 2019)):
        for council in councils:
            for year in years:
                make_year_of_meetings(council, year)
        # councils, the page's meetings, then those with their versions' listing; for a user
        # session, user and roles
        with django_assert_max_num_queries(6 if logged_in else 3) as queries:
            _response, data = get_json(client, f"{LIST_URL}?page_size=5&after=2019-06-01.{councils[0].slug}")
        assert len(data["meetings"]) == 5
        assert not [q for q in queries.captured_queries if '"content"' in q["sql"]], (
            "reads the versions' JSON"
        )
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
