"""The archive: a council's page (coming, latest, years) and one page per council and year."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import make_council, make_meeting, make_secretary, publish

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
