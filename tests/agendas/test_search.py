"""Search finds what readers see, in the latest published versions; closed items never leak.

The same tests run on SQLite (the plain fallback) and on PostgreSQL (ranked full-text search with Danish
stemming), whichever the suite runs on; only stemming is PostgreSQL's alone."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agendas.models import AgendaItem, AttachmentText, SearchEntry
from agendas.search import extract_pdf_text
from agendas.services import add_attachment, publish_agenda
from kkr.lib.simplepdf import text_pdf
from kkr.models import Membership
from tests.factories import make_council, make_item, make_meeting, make_member, make_section

pytestmark = pytest.mark.django_db

POSTGRESQL = connection.vendor == "postgresql"
MASTERPLAN = "/kkr-nordjylland/2021-02-05/#punkt-3-2"
CLOSED_ITEM = "/kkr-nordjylland/2021-01-15/#punkt-2-2"
CLOSED_TEXT = "KODEORD-LUKKET"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=None)


def search(client, q, **params):
    response = client.get("/soeg/", {"q": q, **params})
    assert response.status_code == 200
    return response


def links(response):
    """The addresses the result titles link to, in order."""
    return re.findall(r'<h3 class="search-result__title"><a href="([^"]+)"', html(response))


def html(response):
    return response.content.decode()


def new_meeting(council=None, date=datetime.date(2022, 3, 4)):
    """A draft meeting with one section, to fill and publish."""
    meeting = make_meeting(council=council or make_council(), date=date)
    make_section(meeting=meeting)
    return meeting


def publish(meeting, **kwargs):
    kwargs.setdefault("change_note", "Rettet" if meeting.versions.exists() else "")
    return publish_agenda(meeting, notify=False, render=False, **kwargs)


def test_limfjordsraadet_finds_the_masterplan_item_first(client, demo):
    response = search(client, "Limfjordsrådet")
    assert links(response)[0] == MASTERPLAN
    page = html(response)
    assert f'href="{MASTERPLAN}"' in page
    assert "3.2. <mark>Limfjordsrådet</mark> - Masterplan" in page
    assert "5. februar 2021" in page
    assert re.search(r"\d+ resultater? for »Limfjordsrådet«", page)


def test_a_word_only_in_an_attachment_finds_its_item(client, demo):
    # "Sparringsgruppens" is in the title and text of an attachment of 3.5, not in any item's text.
    response = search(client, "Sparringsgruppens")
    assert links(response) == ["/kkr-nordjylland/2021-02-05/#punkt-3-5"]
    # PostgreSQL's stemming also marks "sparringsgruppen" in the item's text.
    assert re.search(r"<mark>[Ss]parringsgruppen", html(response))


def test_the_text_of_an_uploaded_pdf_is_searchable(client):
    meeting = new_meeting()
    item = make_item(section=meeting.sections.get(), title="Budgetopfølgning")
    data = text_pdf("Notat", ["Ordet Kaprifolieranke står kun inde i denne PDF."])
    attachment = add_attachment(item, "Notat", data)
    assert "Kaprifolieranke" in AttachmentText.objects.get(sha256=attachment.sha256).text
    publish(meeting)
    response = search(client, "kaprifolieranke")
    assert links(response) == [f"{meeting.get_absolute_url()}#punkt-1-1"]
    assert "<mark>Kaprifolieranke</mark>" in html(response)


def test_closed_text_is_not_found_by_the_public(client, demo):
    response = search(client, CLOSED_TEXT)
    assert links(response) == []
    assert f"Ingen resultater for »{CLOSED_TEXT}«" in html(response)


@pytest.mark.parametrize(
    "username, password", [("medlem", "demo-medlem"), ("sekretariat", "demo-sekretariat")]
)
def test_members_and_secretariat_find_closed_text(client, demo, username, password):
    assert client.login(username=username, password=password)
    response = search(client, CLOSED_TEXT)
    assert links(response) == [CLOSED_ITEM]
    page = html(response)
    assert "<mark>KODEORD-LUKKET</mark>" in page or "<mark>KODEORD</mark>-<mark>LUKKET</mark>" in page
    assert "Lukket punkt – vises kun for rådets medlemmer og sekretariat." in page
    assert "no-store" in response["Cache-Control"]  # never cached where others could read it


def test_a_closed_item_matches_the_public_by_its_title_only(client, demo):
    response = search(client, "Fortrolig personalesag")
    assert links(response) == [CLOSED_ITEM]
    page = html(response)
    assert "Lukket punkt" in page
    assert "Demo-lukket punkt" not in page  # the item's text
    assert "Fortroligt notat" not in page  # its attachment
    # Words of its closed attachment do not find it either.
    assert links(search(client, "Fortroligt notat")) == []


def test_a_logged_in_user_who_is_not_a_member_does_not_find_closed_text(client, demo, django_user_model):
    client.force_login(django_user_model.objects.create_user("borger"))
    assert links(search(client, CLOSED_TEXT)) == []


def test_a_member_of_another_council_does_not_find_closed_text(client, demo):
    client.force_login(make_member(make_council()))
    assert links(search(client, CLOSED_TEXT)) == []


def test_a_closed_attachment_of_an_open_item_is_searched_by_members_only(client):
    meeting = new_meeting()
    item = make_item(section=meeting.sections.get(), title="Indkøb")
    add_attachment(item, "Tilbud", text_pdf("Tilbud", ["Prisen fra Tagrendefirmaet."]), is_closed=True)
    publish(meeting)
    assert links(search(client, "Tagrendefirmaet")) == []
    client.force_login(make_member(meeting.council))
    assert links(search(client, "Tagrendefirmaet")) == [f"{meeting.get_absolute_url()}#punkt-1-1"]


def test_draft_meetings_are_never_searched(client, demo):
    # The draft of 23 April 2021 has an item with this title; 6.1 of 5 February mentions it.
    for login in (None, ("sekretariat", "demo-sekretariat")):
        if login:
            client.login(username=login[0], password=login[1])
        found = links(search(client, "SOSU-dimmensionering"))
        assert "/kkr-nordjylland/2021-02-05/#punkt-6-1" in found
        assert not [url for url in found if "2021-04-23" in url]


@pytest.mark.skipif(not POSTGRESQL, reason="Danish stemming is PostgreSQL's full-text search")
def test_danish_stemming_finds_other_forms_of_a_word(client):
    meeting = new_meeting()
    make_item(
        section=meeting.sections.get(), title="Samarbejde", presentation="<p>Hver kommune bidrager.</p>"
    )
    publish(meeting)
    response = search(client, "kommunerne", raad=meeting.council.slug)
    assert links(response) == [f"{meeting.get_absolute_url()}#punkt-1-1"]
    assert "<mark>kommune</mark>" in html(response)


def test_filter_by_year(client, demo):
    in_2020 = links(search(client, "Godkendelse", aar="2020"))
    assert in_2020 and all("/2020-" in url for url in in_2020)
    in_2021 = links(search(client, "Godkendelse", aar="2021"))
    assert in_2021 and all("/2021-" in url for url in in_2021)
    assert '<option value="2020" selected>2020</option>' in html(search(client, "Godkendelse", aar="2020"))


def test_filter_by_council(client, demo):
    other = new_meeting(make_council(name="KKR Sjælland", slug="kkr-sjaelland"))
    make_item(section=other.sections.get(), title="Limfjordsrådet på besøg")
    publish(other)
    everywhere = links(search(client, "Limfjordsrådet"))
    assert f"{other.get_absolute_url()}#punkt-1-1" in everywhere
    nordjylland = links(search(client, "Limfjordsrådet", raad="kkr-nordjylland"))
    assert nordjylland and all(url.startswith("/kkr-nordjylland/") for url in nordjylland)
    sjaelland = search(client, "Limfjordsrådet", raad="kkr-sjaelland")
    assert links(sjaelland) == [f"{other.get_absolute_url()}#punkt-1-1"]
    assert '<option value="kkr-sjaelland" selected>KKR Sjælland</option>' in html(sjaelland)


def test_each_search_shows_its_own_choices_in_the_form(client, demo):
    # The council and year fields are kept rendered from one search to the next (agendas.views):
    # each search still shows its own selection, its own errors, and the councils of the day.
    assert '<option value="2020" selected>2020</option>' in html(search(client, "Godkendelse", aar="2020"))
    page = html(search(client, "Budget", aar="2021"))
    assert '<option value="2021" selected>2021</option>' in page
    assert '<option value="2020" selected>' not in page
    assert "errorlist" in html(search(client, "Budget", aar="1999"))
    assert "errorlist" not in html(search(client, "Budgettet", aar="2021"))
    other = new_meeting(make_council(name="KKR Sjælland", slug="kkr-sjaelland"))
    make_item(section=other.sections.get(), title="Limfjordsrådet på besøg")
    publish(other)
    assert '<option value="kkr-sjaelland">KKR Sjælland</option>' in html(search(client, "Limfjordsrådet"))


def test_a_script_tag_in_the_query_is_shown_escaped(client, demo):
    page = html(search(client, "<script>alert(1)</script>"))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_markup_in_the_indexed_text_cannot_reach_the_snippet(client):
    meeting = new_meeting()
    make_item(
        section=meeting.sections.get(),
        title="Sikkerhed",
        presentation="<p>Skriv aldrig &lt;img src=x onerror=alert(1)&gt; i Fjeldrævebrevet.</p>",
    )
    publish(meeting)
    page = html(search(client, "Fjeldrævebrevet"))
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img" not in page
    assert "<mark>Fjeldrævebrevet</mark>" in page


def test_republishing_replaces_the_old_versions_entries(client):
    meeting = new_meeting()
    item = make_item(section=meeting.sections.get(), title="Gammel titel om Vandløbsplejen")
    publish(meeting)
    assert links(search(client, "Vandløbsplejen")) == [f"{meeting.get_absolute_url()}#punkt-1-1"]
    item.title = "Ny titel om Grøftekanterne"
    item.save()
    second = publish(meeting, change_note="Titel rettet")
    assert set(SearchEntry.objects.filter(meeting=meeting).values_list("version", flat=True)) == {second.pk}
    assert links(search(client, "Vandløbsplejen")) == []
    assert links(search(client, "Grøftekanterne")) == [f"{meeting.get_absolute_url()}#punkt-1-1"]


def test_an_empty_query_shows_a_hint(client, demo):
    response = client.get("/soeg/")
    page = html(response)
    assert response.status_code == 200
    assert "Skriv et eller flere ord" in page
    assert "resultat" not in page
    assert links(response) == []


def test_the_search_box_is_prefilled_and_in_every_header(client, demo):
    page = html(search(client, "Limfjordsrådet"))
    assert 'value="Limfjordsrådet"' in page
    home = html(client.get("/"))
    assert '<form class="site-search" role="search" method="get" action="/soeg/"' in home
    assert '<label for="site-search-q"' in home


def test_results_are_paginated_by_twenty(client):
    meeting = new_meeting()
    section = meeting.sections.get()
    for n in range(25):
        make_item(section=section, title=f"Høring nummer {n + 1} om Strandengene")
    publish(meeting)
    first = search(client, "Strandengene")
    assert len(links(first)) == 20
    assert "25 resultater for »Strandengene«" in html(first)
    assert "Side 1 af 2" in html(first)
    assert "?q=Strandengene&amp;side=2" in html(first)
    second = search(client, "Strandengene", side="2")
    assert len(links(second)) == 5
    assert "25 resultater for »Strandengene«" in html(second)
    assert "Side 2 af 2" in html(second)
    # past the end, or not a number: the last page, or the first
    assert "Side 2 af 2" in html(search(client, "Strandengene", side="9"))
    assert "Side 1 af 2" in html(search(client, "Strandengene", side="x"))


@pytest.mark.parametrize("logged_in", [False, True])
def test_query_count_does_not_grow_with_results(client, logged_in):
    council = make_council()
    few, many = new_meeting(council), new_meeting(council, date=datetime.date(2022, 5, 6))
    make_item(section=few.sections.get(), title="Kun et punkt om Hedelyngen")
    for n in range(20):
        make_item(section=many.sections.get(), title=f"Punkt {n} om Klitplanterne", is_closed=n % 3 == 0)
    publish(few)
    publish(many)
    if logged_in:
        client.force_login(make_member(council))
    search(client, "Noget andet")  # the form's councils and years, kept from then on
    counts = []
    for q, expected in (("Hedelyngen", 1), ("Klitplanterne", 20)):
        with CaptureQueriesContext(connection) as queries:
            assert len(links(search(client, q))) == expected
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    # the index state, the ranked results' keys and the page's entries (the form's councils and years
    # are kept per index state), on PostgreSQL the planner's setting before them; logged in also
    # session, user, councils and the reader's roles in the one council
    assert counts[0] <= (9 if logged_in else 4), counts
    # The same search again comes from the cache: the index state (and who is asking) only.
    with CaptureQueriesContext(connection) as queries:
        assert len(links(search(client, "Klitplanterne"))) == 20
    assert len(queries) <= (6 if logged_in else 1), len(queries)


def test_a_repeated_search_finds_what_was_published_since(client):
    council = make_council()
    meeting = new_meeting(council)
    make_item(section=meeting.sections.get(), title="Første punkt om Hjelmsøen")
    publish(meeting)
    assert len(links(search(client, "Hjelmsøen"))) == 1
    make_item(section=meeting.sections.get(), title="Andet punkt om Hjelmsøen")
    assert len(links(search(client, "Hjelmsøen"))) == 1  # a draft is not searchable
    publish(meeting)
    assert len(links(search(client, "Hjelmsøen"))) == 2
    other = new_meeting(council, date=datetime.date(2023, 1, 6))
    make_item(section=other.sections.get(), title="Hjelmsøen igen")
    publish(other)
    assert len(links(search(client, "Hjelmsøen"))) == 3
    # and the year filter offers the new meeting's year
    assert '<option value="2023">2023</option>' in html(search(client, "Hjelmsøen"))


def test_a_members_cached_search_is_not_shown_to_the_public(client, demo):
    assert client.login(username="medlem", password="demo-medlem")
    assert links(search(client, CLOSED_TEXT)) == [CLOSED_ITEM]
    client.logout()
    response = search(client, CLOSED_TEXT)
    assert links(response) == []
    assert "<mark>" not in html(response)
    assert f"Ingen resultater for »{CLOSED_TEXT}«" in html(response)


def test_reindex_search_rebuilds_the_index(client, demo):
    before = SearchEntry.objects.count()
    SearchEntry.objects.all().delete()
    AttachmentText.objects.all().delete()
    call_command("reindex_search", stdout=None)
    assert SearchEntry.objects.count() == before
    assert links(search(client, "Sparringsgruppens")) == ["/kkr-nordjylland/2021-02-05/#punkt-3-5"]
    assert AttachmentText.objects.exists()  # read again from the stored files


def test_an_unreadable_pdf_has_no_text_and_does_not_fail():
    assert extract_pdf_text(b"%PDF-1.4\nthis is not really a PDF") == ""


def test_more_results_than_the_limit_are_counted_as_more_than_it(client, settings):
    settings.SEARCH_MAX_RESULTS = 30
    meeting = new_meeting()
    section = meeting.sections.get()
    for n in range(45):
        make_item(section=section, title=f"Høring nummer {n + 1} om Strandengene")
    publish(meeting)
    first = html(search(client, "Strandengene"))
    assert "Mere end 30 resultater for »Strandengene«" in first
    assert "45 resultater" not in first  # the page claims no exact number
    assert "Vælg et råd eller et år" in first
    assert "Side 1 af 2" in first
    second = search(client, "Strandengene", side="2")
    assert len(links(second)) == 10  # results 21 to 30: the pages end at the limit
    assert "Side 2 af 2" in html(second)
    assert 'rel="next"' not in html(second)
    # a page past the limit is its last page, not an error and not an empty page
    past = search(client, "Strandengene", side="3")
    assert links(past) == links(second)
    assert "Side 2 af 2" in html(past)


def test_over_a_thousand_results_by_default_are_more_than_1_000(client):
    meeting = new_meeting()
    section = meeting.sections.get()
    AgendaItem.objects.bulk_create(
        AgendaItem(section=section, position=n + 1, title=f"Høring {n + 1} om Strandengene")
        for n in range(1001)
    )
    publish(meeting)
    page = html(search(client, "Strandengene"))
    assert "Mere end 1.000 resultater for »Strandengene«" in page
    assert "Side 1 af 50" in page


def test_exactly_the_limit_is_not_more_than_it(client, settings):
    settings.SEARCH_MAX_RESULTS = 20
    meeting = new_meeting()
    for n in range(20):
        make_item(section=meeting.sections.get(), title=f"Punkt {n} om Strandengene")
    publish(meeting)
    page = html(search(client, "Strandengene"))
    assert "20 resultater for »Strandengene«" in page
    assert "Mere end" not in page


@pytest.mark.parametrize("councils", [1, 5])
def test_a_members_search_costs_the_same_queries_for_any_number_of_councils(
    client, councils, django_assert_max_num_queries
):
    everyone = [make_council() for _ in range(councils)]
    member = make_member(everyone[0])
    for council in everyone[1:]:
        Membership.objects.create(person=member.person, council=council, start=datetime.date(2018, 1, 1))
    for council in everyone:
        meeting = new_meeting(council)
        make_item(section=meeting.sections.get(), title="Punkt om Hedelyngen", is_closed=True)
        publish(meeting)
    client.force_login(member)
    search(client, "Noget andet")  # the form's councils and years, kept from then on
    # session, user, the reader's councils, the index state, the planner's setting, the ranked keys,
    # the page's entries
    with django_assert_max_num_queries(7):
        response = search(client, "Hedelyngen")
    assert len(links(response)) == councils
    assert html(response).count("Lukket punkt – vises kun for rådets medlemmer") == councils


def test_a_match_deep_in_a_long_text_is_marked_in_its_snippet(client):
    meeting = new_meeting()
    filler = "<p>Kommunerne drøfter samarbejdet om de regionale opgaver i det kommende år.</p>" * 80
    make_item(
        section=meeting.sections.get(),
        title="Orientering",
        background=filler + "<p>Sidst nævnes Ræveskjulsplanen for området.</p>",
    )
    publish(meeting)
    assert "<mark>Ræveskjulsplanen</mark>" in html(search(client, "Ræveskjulsplanen"))
