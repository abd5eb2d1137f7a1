"""The archive: a council's page (coming, latest, years) and one page per council and year."""

import datetime
import re

import pytest
from django.utils import timezone

from tests.factories import make_council, make_meeting, make_member, make_secretary, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    council = make_council(name="KKR Arkiv", slug="kkr-arkiv")
    for date in ("2019-03-01", "2020-02-07", "2020-11-13", "2021-01-15", "2021-02-05"):
        publish(make_meeting(council=council, date=datetime.date.fromisoformat(date)))
    make_meeting(council=council, date=datetime.date(2018, 6, 1))  # a draft
    return council


def test_council_page_links_every_year_with_its_count(client, council):
    html = client.get("/kkr-arkiv/").content.decode()
    for year, label in ((2021, "2 møder"), (2020, "2 møder"), (2019, "1 møde")):
        assert f'href="/kkr-arkiv/{year}/"' in html
        assert label in html
    # 2018 holds only a draft, which the public does not see
    assert "/kkr-arkiv/2018/" not in html


def test_council_page_lists_coming_meetings_first(client, council):
    coming = publish(make_meeting(council=council, date=timezone.localdate() + datetime.timedelta(days=30)))
    html = client.get("/kkr-arkiv/").content.decode()
    upcoming = html[html.index("Kommende møder") : html.index("Seneste møder")]
    assert coming.get_absolute_url() in upcoming
    assert "/kkr-arkiv/2021-02-05/" not in upcoming
    assert "/kkr-arkiv/2021-02-05/" in html[html.index("Seneste møder") :]


def test_year_page_shows_only_that_years_meetings_in_date_order(client, council):
    response = client.get("/kkr-arkiv/2020/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("/kkr-arkiv/2020-02-07/") < html.index("/kkr-arkiv/2020-11-13/")
    assert "/kkr-arkiv/2021-02-05/" not in html
    assert "/kkr-arkiv/2019-03-01/" not in html
    # links to the neighbouring years
    assert 'rel="prev" href="/kkr-arkiv/2019/"' in html
    assert 'rel="next" href="/kkr-arkiv/2021/"' in html


def test_year_without_visible_meetings_is_404(client, council):
    assert client.get("/kkr-arkiv/2017/").status_code == 404
    assert client.get("/kkr-arkiv/2018/").status_code == 404
    client.force_login(make_secretary(council))
    response = client.get("/kkr-arkiv/2018/")
    assert response.status_code == 200
    assert "Kladde" in response.content.decode()


def test_meeting_page_links_back_to_its_year(client, council):
    html = client.get("/kkr-arkiv/2021-02-05/").content.decode()
    assert 'href="/kkr-arkiv/2021/"' in html


def add_meetings(council, today, days):
    """Published meetings of the council this many days from today (negative: held)."""
    return [publish(make_meeting(council=council, date=today + datetime.timedelta(days=d))) for d in days]


def council_part(html, council):
    start = html.index(f'id="council-{council.slug}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_home_page_lists_each_councils_five_coming_and_five_latest_meetings(client):
    today = timezone.localdate()
    first, second = make_council(name="KKR A", slug="kkr-a"), make_council(name="KKR B", slug="kkr-b")
    coming = add_meetings(first, today, [70, 7, 0, 14, 21, 28, 35])
    held = add_meetings(first, today, [-1, -8, -15, -22, -29, -36, -400])
    make_meeting(council=first, date=today + datetime.timedelta(days=1))  # a draft
    [other] = add_meetings(second, today, [-3])
    secretary = make_secretary(first)
    html = client.get("/").content.decode()
    part = council_part(html, first)
    upcoming = part[part.index("Kommende møder") : part.index("Seneste møder")]
    recent = part[part.index("Seneste møder") :]
    links = re.compile(r'href="(/kkr-a/[0-9-]+/)"')
    assert links.findall(upcoming) == [m.get_absolute_url() for m in sorted(coming, key=lambda m: m.date)[:5]]
    assert links.findall(recent) == [m.get_absolute_url() for m in held[:5]]
    second_part = council_part(html, second)
    assert "Der er ingen kommende møder." in second_part
    assert re.findall(r'href="(/kkr-b/[0-9-]+/)"', second_part) == [other.get_absolute_url()]
    assert "Kladde" not in html
    client.force_login(secretary)
    part = council_part(client.get("/").content.decode(), first)
    assert "Kladde" in part
    upcoming = part[part.index("Kommende møder") : part.index("Seneste møder")]
    assert len(links.findall(upcoming)) == 5


@pytest.mark.parametrize("role", ["public", "member"])
def test_home_page_query_count_does_not_grow_with_councils(client, django_assert_max_num_queries, role):
    today = timezone.localdate()
    councils, counts = [], []
    for n in (1, 5):
        while len(councils) < n:
            council = make_council()
            add_meetings(council, today, [-14, -7, 7, 14])
            make_meeting(council=council, date=today + datetime.timedelta(days=1))  # a draft
            councils.append(council)
        if role == "member":
            client.force_login(make_member(councils[0]))
        # councils, coming and latest meetings; for a member session, user and roles, and whether the
        # header links to "Mine punkter" (a role in some council's intake of item proposals)
        with django_assert_max_num_queries(7 if role == "member" else 3) as queries:
            html = client.get("/").content.decode()
        counts.append(len(queries))
        assert all(council.get_absolute_url() in html for council in councils)
    assert counts[0] == counts[1], counts


def test_meeting_lists_show_the_published_facts_not_later_edits(client, council):
    meeting = council.meetings.get(date="2021-02-05")
    meeting.place = "Et nyt sted"
    meeting.kind = meeting.Kind.EXTRAORDINARY
    meeting.save()
    for url in ("/", "/kkr-arkiv/", "/kkr-arkiv/2021/"):
        html = client.get(url).content.decode()
        assert "Aalborg Rådhus" in html
        assert "Et nyt sted" not in html
        assert "ekstraordinært møde" not in html
    client.force_login(make_secretary(council))
    draft = council.meetings.get(date="2018-06-01")
    draft.place = "Kladdens sted"
    draft.save()
    assert "Kladdens sted" in client.get("/kkr-arkiv/2018/").content.decode()


def test_year_page_query_count_does_not_grow_with_meetings(client, django_assert_max_num_queries):
    council = make_council()
    counts = []
    for n in (2, 12):
        for month in range(len(counts) and 2, n):
            publish(make_meeting(council=council, date=datetime.date(2020, 1 + month % 12, 1 + month // 12)))
        with django_assert_max_num_queries(4) as queries:
            html = client.get(f"/{council.slug}/2020/").content.decode()
        assert html.count(f'href="/{council.slug}/2020-') == n
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_home_page_without_councils_says_so(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        html = client.get("/").content.decode()
    assert "Der er endnu ingen råd i portalen." in html
