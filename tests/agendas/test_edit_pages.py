"""The secretariat's pages, as each role meets them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse

from agendas import edit_views
from agendas.models import AgendaItem, Attachment
from documents.models import RenderedDocument
from kkr.lib.simplepdf import text_pdf
from kkr.models import AuditEntry
from tests.factories import item_data, make_audit_entry, make_council, make_member, make_secretary, make_user

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
EDIT = "/kkr-nordjylland/2021-04-23/rediger/"
# Every change is tried as htmx sends it and as a plain form post (no JavaScript).
both = pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])


def headers(htmx):
    return HTMX if htmx else {}


EDIT_PATTERN = "<slug:council_slug>/<isodate:date>/rediger/"


def edit_urls(meeting):
    """Every URL of the secretariat's pages, filled in with real objects of the meeting."""
    item = AgendaItem.objects.filter(section__meeting=meeting).first()
    attachment = Attachment.objects.create(
        item=item, position=9, title="Bilag", file="x.pdf", sha256="0" * 64, page_count=1
    )
    entry = make_audit_entry(meeting=meeting, action="delete", summary="x")
    preview = RenderedDocument.objects.create(
        council=meeting.council, meeting=meeting, kind="agenda", audience="members", content_hash="0" * 64
    )
    values = {
        "council_slug": meeting.council.slug,
        "date": meeting.date,
        "item_id": item.pk,
        "section_id": item.section_id,
        "attachment_id": attachment.pk,
        "entry_id": entry.pk,
        "kind_slug": "dagsorden",
        "document_id": preview.pk,
    }
    agendas = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "agendas")
    return [
        reverse(f"agendas:{p.name}", kwargs={name: values[name] for name in p.pattern.converters})
        for p in agendas.url_patterns
        if p.callback.__module__ == edit_views.__name__ or str(p.pattern).startswith(EDIT_PATTERN)
    ]


@pytest.mark.parametrize("role", ["anonymous", "member", "other user", "other secretariat"])
def test_every_edit_url_refuses_everyone_but_the_secretariat(client, demo, role):
    if role == "member":
        client.force_login(make_member(demo.council))
    elif role == "other user":
        client.force_login(make_user())
    elif role == "other secretariat":
        client.force_login(make_secretary(make_council()))
    urls = edit_urls(demo)
    assert len(urls) >= 20  # the preview PDF's four addresses included
    for url in urls:
        assert client.get(url).status_code in (403, 405), url
        assert client.post(url).status_code in (403, 405), url
    assert "Siden er kun for rådets sekretariat." in client.get(EDIT).content.decode()


def test_the_secretariat_reaches_every_edit_page(secretary_client, demo):
    for url in edit_urls(demo):
        response = secretary_client.get(url)
        assert response.status_code in (200, 405), (url, response.status_code)


def test_edit_page_shows_every_item_with_its_form(secretary_client):
    html = secretary_client.get(EDIT).content.decode()
    assert "3.1. SOSU-dimmensionering" in html
    assert html.count("data-richtext") == 3 * 3  # three texts for each of the three items
    assert "Offentliggør dagsordenen" in html


def first_item(demo):
    return AgendaItem.objects.filter(section__meeting=demo).order_by("section__position", "position").first()


@both
def test_saving_an_item_in_place(secretary_client, demo, htmx):
    item = first_item(demo)
    response = secretary_client.post(
        f"{EDIT}punkt/{item.pk}/",
        item_data(item, background="<p>Ny <b>tekst</b><script>x()</script></p>"),
        headers=headers(htmx),
    )
    if htmx:
        assert response.status_code == 200
        assert "Gemt." in response.content.decode()
    else:
        assert response["Location"] == f"{EDIT}#punkt-{item.pk}"
        assert "Punktet er gemt." in secretary_client.get(response["Location"]).content.decode()
    item.refresh_from_db()
    assert item.background == "<p>Ny <b>tekst</b></p>"


@both
def test_a_bad_case_number_is_refused_with_a_danish_message(secretary_client, demo, htmx):
    item = first_item(demo)
    response = secretary_client.post(
        f"{EDIT}punkt/{item.pk}/", item_data(item, case_number="2021-1"), headers=headers(htmx)
    )
    assert response.status_code == 422
    assert "Sagsnummeret skal have formen SAG-ÅÅÅÅ-NNNNN" in response.content.decode()
    item.refresh_from_db()
    assert item.case_number == "SAG-2021-00512"


@both
def test_the_second_save_shows_both_texts_and_keeps_mine(secretary_client, demo, htmx):
    item = first_item(demo)
    stale = item_data(item, background="<p>Min version</p>")
    secretary_client.post(
        f"{EDIT}punkt/{item.pk}/", item_data(item, background="<p>Din version</p>"), headers=headers(htmx)
    )
    response = secretary_client.post(f"{EDIT}punkt/{item.pk}/", stale, headers=headers(htmx))
    html = response.content.decode()
    assert response.status_code == 409
    assert "Punktet er blevet gemt af en anden" in html
    assert html.count("Min version") >= 2  # in the comparison and still in the form
    assert "Din version" in html
    item.refresh_from_db()
    assert item.background == "<p>Din version</p>"


def numbers(demo):
    return [
        f"{i.section.position}.{i.position}. {i.title}"
        for i in AgendaItem.objects.filter(section__meeting=demo).order_by("section__position", "position")
    ]


@both
def test_up_and_down_move_items_also_across_sections(secretary_client, demo, htmx):
    item = first_item(demo)  # 3.1
    response = secretary_client.post(
        f"{EDIT}punkt/{item.pk}/flyt/", {"direction": "up"}, headers=headers(htmx), follow=not htmx
    )
    assert response.status_code == 200
    assert numbers(demo)[0] == "2.1. SOSU-dimmensionering"
    assert "2.1. SOSU-dimmensionering" in response.content.decode()  # the redrawn agenda
    if not htmx:
        assert response.redirect_chain == [(f"{EDIT}#punkt-{item.pk}", 302)]
    secretary_client.post(f"{EDIT}punkt/{item.pk}/flyt/", {"direction": "down"}, headers=headers(htmx))
    assert numbers(demo)[0] == "3.1. SOSU-dimmensionering"


def test_drag_and_drop_moves_to_a_section_and_position(secretary_client, demo):
    # Dragging needs JavaScript; without it the Op and Ned buttons move items.
    item = first_item(demo)
    target = demo.sections.get(position=4)
    secretary_client.post(f"{EDIT}punkt/{item.pk}/flyt/", {"section": target.pk, "position": 1}, headers=HTMX)
    assert numbers(demo) == [
        "3.1. Rammeaftale om Danskuddannelse",
        "3.2. Temadrøftelse rekruttering",
        "4.1. SOSU-dimmensionering",
    ]


@both
def test_add_then_delete_and_undo(secretary_client, demo, htmx):
    section = demo.sections.get(position=3)
    secretary_client.post(
        f"{EDIT}hovedpunkt/{section.pk}/nyt-punkt/",
        {"title": "Nyt punkt", "case_number": "SAG-2021-00512", "case_handler": "hast"},
        headers=headers(htmx),
    )
    assert numbers(demo)[-1] == "3.4. Nyt punkt"
    item = AgendaItem.objects.get(title="Nyt punkt")
    response = secretary_client.post(f"{EDIT}punkt/{item.pk}/slet/", headers=headers(htmx), follow=not htmx)
    assert "Fortryd" in response.content.decode()
    assert "3.4. Nyt punkt" not in numbers(demo)
    entry = AuditEntry.objects.get(action="delete", item_id=item.pk)
    response = secretary_client.post(f"{EDIT}gendan/{entry.pk}/", headers=headers(htmx))
    assert response.status_code == (200 if htmx else 302)
    assert numbers(demo)[-1] == "3.4. Nyt punkt"


@both
def test_adding_an_item_without_a_title_says_so(secretary_client, demo, htmx):
    section = demo.sections.get(position=3)
    response = secretary_client.post(
        f"{EDIT}hovedpunkt/{section.pk}/nyt-punkt/",
        {"title": "", "case_number": "SAG-2021-00512", "case_handler": "hast"},
        headers=headers(htmx),
    )
    assert response.status_code == 422
    assert "Dette felt er påkrævet." in response.content.decode()
    assert len(numbers(demo)) == 3


@both
def test_uploading_several_files_refuses_the_bad_one_and_keeps_the_good(secretary_client, demo, htmx):
    item = first_item(demo)
    files = [
        SimpleUploadedFile("Notat_om_SOSU.pdf", text_pdf("Notat", ["x"], pages=2), "application/pdf"),
        SimpleUploadedFile("virus.pdf", b"MZ not a pdf", "application/pdf"),
    ]
    response = secretary_client.post(f"{EDIT}punkt/{item.pk}/bilag/", {"files": files}, headers=headers(htmx))
    html = response.content.decode()
    assert response.status_code == 422
    assert "virus.pdf: Filen er ikke en PDF-fil" in html
    assert list(item.attachments.values_list("title", "page_count")) == [("Notat om SOSU", 2)]


@both
def test_rename_close_move_and_remove_attachments(secretary_client, demo, htmx):
    item = first_item(demo)
    pdfs = [SimpleUploadedFile(f"{name}.pdf", text_pdf(name, ["x"]), "application/pdf") for name in "AB"]
    response = secretary_client.post(f"{EDIT}punkt/{item.pk}/bilag/", {"files": pdfs}, headers=headers(htmx))
    assert response.status_code == (200 if htmx else 302)
    attachment = item.attachments.get(title="A")
    response = secretary_client.post(
        f"{EDIT}bilag/{attachment.pk}/", {"title": "Budget", "is_closed": "on"}, headers=headers(htmx)
    )
    assert response.status_code == (200 if htmx else 302)
    attachment.refresh_from_db()
    assert (attachment.title, attachment.is_closed) == ("Budget", True)
    secretary_client.post(f"{EDIT}bilag/{attachment.pk}/flyt/", {"direction": "down"}, headers=headers(htmx))
    assert list(item.attachments.order_by("position").values_list("title", flat=True)) == ["B", "Budget"]
    response = secretary_client.post(f"{EDIT}bilag/{attachment.pk}/slet/", headers=headers(htmx))
    if not htmx:
        assert response["Location"] == f"{EDIT}#punkt-{item.pk}"
    assert list(item.attachments.values_list("title", flat=True)) == ["B"]


@both
def test_publish_then_republish_with_a_change_note(secretary_client, demo, htmx):
    response = secretary_client.post(
        f"{EDIT}offentliggoer/", {"sent_on": "2021-04-16"}, headers=headers(htmx)
    )
    assert response["HX-Redirect" if htmx else "Location"] == "/kkr-nordjylland/2021-04-23/"
    page = secretary_client.get("/kkr-nordjylland/2021-04-23/").content.decode()
    assert "16-04-2021" in page

    response = secretary_client.post(
        f"{EDIT}offentliggoer/", {"sent_on": "2021-04-19"}, headers=headers(htmx)
    )
    assert response.status_code == 422
    assert "Skriv kort, hvad der er rettet" in response.content.decode()
    secretary_client.post(
        f"{EDIT}offentliggoer/",
        {"sent_on": "2021-04-19", "change_note": "Bilag tilføjet"},
        headers=headers(htmx),
    )
    page = secretary_client.get("/kkr-nordjylland/2021-04-23/").content.decode()
    assert "Rettet dagsorden" in page and "Bilag tilføjet" in page


def test_new_meeting_form(secretary_client, demo):
    form = {
        "date": "2021-02-05",
        "start_time": "09:00",
        "place": "Aalborg",
        "kind": "ordinary",
        "case_number": "SAG-2021-00777",
        "case_handler": "hast",
    }
    response = secretary_client.post("/kkr-nordjylland/nyt-moede/", form)
    assert response.status_code == 200
    assert "Rådet har allerede et møde på den dato." in response.content.decode()
    response = secretary_client.post("/kkr-nordjylland/nyt-moede/", {**form, "date": "2021-06-18"})
    assert response["Location"] == "/kkr-nordjylland/2021-06-18/rediger/"
    assert "1.1. Godkendelse af referat" in secretary_client.get(response["Location"]).content.decode()


# The block "Punktforslag": the meeting's deadline and what has come in for it (proposals app)


def intake_block(html):
    return html[html.index('id="punktforslag"') : html.index("</section>", html.index('id="punktforslag"'))]


def test_the_edit_page_shows_the_meetings_deadline_and_proposals(secretary_client, demo):
    from agendas.models import PlannedItem
    from proposals.models import Proposal

    PlannedItem.objects.create(council=demo.council, meeting_date=demo.date, title="Busplan 2022")
    late = Proposal.objects.get(state="approved")
    Proposal.objects.filter(pk=late.pk).update(is_late=True)
    block = intake_block(secretary_client.get(EDIT).content.decode())
    assert "Frist for punkter: fredag 9. april 2021 kl. 12.00." in block
    assert "Indsendt (1)" in block and "Sundhedsaftalen 2019-2023 – status" in block
    assert "Godkendt (1)" in block and f'href="{late.get_absolute_url()}#handlinger"' in block
    assert "Mangler (2)" in block and "Trafikplan for Nordjylland" in block
    assert "Busplan 2022 (planlagt, intet punktforslag)" in block
    assert "For sent (1)" in block


@both
def test_the_secretariat_moves_the_deadline(secretary_client, demo, htmx):
    url = EDIT + "frist/"
    data = {"deadline_0": "2021-04-12", "deadline_1": "09:30", "warning_days": "5"}
    response = secretary_client.post(url, data, headers=headers(htmx))
    if htmx:
        assert response.status_code == 200 and "Fristen er gemt." in response.content.decode()
        assert "<html" not in response.content.decode()
    else:
        assert response.status_code == 302 and response["Location"] == EDIT + "#punktforslag"
    block = intake_block(secretary_client.get(EDIT).content.decode())
    assert "mandag 12. april 2021 kl. 09.30" in block and "påmindelse 5 dage før" in block
    demo.deadline.refresh_from_db()
    assert demo.deadline.is_custom and demo.deadline.warning_days == 5


@both
def test_a_deadline_after_the_meeting_is_refused_in_danish(secretary_client, demo, htmx):
    from proposals.services import deadline_for

    before = deadline_for(demo).deadline
    for day, time, days, message in [
        ("2021-04-30", "12:00", "3", "Fristen skal ligge før mødet."),
        ("", "", "3", "Skriv dato og klokkeslæt for fristen."),
        ("2021-04-12", "12:00", "-1", "Denne værdi skal være større end eller lig 0."),
    ]:
        data = {"deadline_0": day, "deadline_1": time, "warning_days": days}
        response = secretary_client.post(EDIT + "frist/", data, headers=headers(htmx))
        assert response.status_code == 422 and message in response.content.decode(), data
    demo.deadline.refresh_from_db()
    assert demo.deadline.deadline == before


@pytest.mark.parametrize("role", ["anonymous", "member", "handler", "other secretariat"])
def test_only_the_secretariat_moves_the_deadline(client, demo, role):
    if role == "member":
        client.login(username="medlem", password="demo-medlem")
    elif role == "handler":
        client.login(username="sagsbehandler", password="demo-sagsbehandler")
    elif role == "other secretariat":
        client.force_login(make_secretary(make_council()))
    data = {"deadline_0": "2021-04-12", "deadline_1": "09:30", "warning_days": "5"}
    assert client.post(EDIT + "frist/", data).status_code == 403
    assert not AuditEntry.objects.filter(summary__startswith="Frist for punkter").exists()


def test_the_edit_page_reads_the_proposals_in_constant_queries(secretary_client, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_proposal

    handler = demo.council.proposals.first().handler
    counts = []
    for total in (3, 30):
        while demo.council.proposals.count() < total:
            make_proposal(handler, wished_meeting=demo)
        with CaptureQueriesContext(connection) as queries:
            assert secretary_client.get(EDIT).status_code == 200
        counts.append(len(queries))
    print(f"edit page of 23 April 2021 with 3 and 30 proposals: {counts} queries")
    assert counts[0] == counts[1]
    # 14 before the block; then the header's check for a role in the intake, and the block's deadline,
    # first possible meeting, proposals and planned items (its deadline row exists once the page is read).
    assert counts[0] <= 14 + 4
