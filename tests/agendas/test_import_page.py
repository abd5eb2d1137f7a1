"""The secretariat's "Importér dagsorden" (/<council>/importer-dagsorden/): upload, preview, create the
draft meeting. Every step without JavaScript and with htmx; every write as someone who may not."""

import datetime
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agendas.forms import sign_import
from agendas.importing import ImportedItem
from agendas.models import AgendaItem, Meeting
from documents.services import render_pdf
from kkr.lib.simplepdf import text_pdf
from kkr.models import AuditEntry
from tests.data import SEED
from tests.factories import (
    make_council,
    make_imported_agenda,
    make_member,
    make_secretary,
    make_user,
    unreadable_agendas,
)

pytestmark = pytest.mark.django_db

URL = "/kkr-nordjylland/importer-dagsorden/"
HTMX = {"HX-Request": "true"}
both = pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
TAMPERED = "Forhåndsvisningen kan ikke bruges: den er ændret eller mere end et døgn gammel."


def headers(htmx):
    return HTMX if htmx else {}


def seed_file():
    return SimpleUploadedFile(SEED.name, SEED.read_bytes(), "text/plain")


def written():
    return Meeting.objects.count(), AgendaItem.objects.count(), AuditEntry.objects.count()


def create_data(council, agenda=None, **changes):
    """What the preview's form posts to create the meeting."""
    agenda = agenda or make_imported_agenda()
    data = {
        "date": agenda.date.isoformat(),
        "start_time": "09:30",
        "end_time": "",
        "place": "Aalborg Rådhus",
        "case_number": "SAG-2021-00512",
        "case_handler": "hast",
        "agenda": sign_import(council, agenda, "dagsorden-2021-06-18.pdf"),
    }
    return data | changes


def page_text(response):
    return unescape(re.sub(r"\s+", " ", response.content.decode()))


# Step 1: the upload form


def test_the_council_page_links_the_import_for_its_secretariat_only(client, demo):
    assert URL not in client.get("/kkr-nordjylland/").content.decode()
    client.force_login(make_member(demo.council))
    assert URL not in client.get("/kkr-nordjylland/").content.decode()
    assert client.login(username="sekretariat", password="demo-sekretariat")
    assert URL in client.get("/kkr-nordjylland/").content.decode()


def test_the_upload_form_is_a_plain_form_that_works_without_javascript(secretary_client):
    page = secretary_client.get(URL).content.decode()
    assert (
        '<form method="post" action="/kkr-nordjylland/importer-dagsorden/" enctype="multipart/form-data"'
        in page
    )
    assert 'type="file" name="file"' in page
    assert "Læs dagsordenen" in page
    assert 'hx-indicator="#import-progress"' in page and "Læser dagsorden …" in page


# Step 2: the preview


@both
def test_uploading_the_seed_shows_what_was_found_and_writes_nothing(secretary_client, htmx):
    before = written()
    response = secretary_client.post(URL, {"file": seed_file()}, headers=headers(htmx))
    assert response.status_code == 200
    text = page_text(response)
    assert ("<html" in text) is not htmx  # htmx swaps the import block only
    assert "16 punkter" in text
    assert "3.2. Limfjordsrådet" in text
    assert "SAG-2021-00512 hast" in text
    assert "./." in text
    # The demo has a meeting that day: said at once, before the secretariat fills in the form.
    assert "KKR Nordjylland har allerede et møde den 05-02-2021." in text
    assert 'name="date" value="2021-02-05"' in text
    assert 'type="hidden" name="agenda"' in text
    assert "Opret mødet som kladde" in text
    assert written() == before


UNREADABLE = unreadable_agendas()


@both
@pytest.mark.parametrize(("what", "name", "data", "told"), UNREADABLE, ids=[case[0] for case in UNREADABLE])
def test_a_file_without_an_agenda_is_refused_with_a_message(secretary_client, htmx, what, name, data, told):
    before = written()
    response = secretary_client.post(
        URL, {"file": SimpleUploadedFile(name, data, "application/octet-stream")}, headers=headers(htmx)
    )
    assert response.status_code == 422, what
    errors = re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    assert errors and told in unescape(errors[0]), what  # the reason, at the file field
    assert "Opret mødet som kladde" not in response.content.decode()
    assert written() == before


@both
def test_only_pdf_and_text_files_are_read(secretary_client, htmx):
    upload = SimpleUploadedFile("dagsorden.docx", b"PK\x03\x04 not read", "application/octet-stream")
    response = secretary_client.post(URL, {"file": upload}, headers=headers(htmx))
    assert response.status_code == 422
    assert "Kun PDF- og tekstfiler (.pdf, .txt) kan importeres." in page_text(response)


def test_a_file_over_the_limit_is_refused(secretary_client, settings):
    settings.IMPORT_MAX_BYTES = 2**20
    upload = SimpleUploadedFile("stor.pdf", b"%PDF-1.4\n" + bytes(2 * 2**20), "application/pdf")
    response = secretary_client.post(URL, {"file": upload})
    assert response.status_code == 422
    assert "Filen fylder 2 MB; den må højst fylde 1 MB." in page_text(response)


def test_no_file_is_asked_for(secretary_client):
    response = secretary_client.post(URL, {})
    assert response.status_code == 422
    assert "Vælg dagsordenen: en PDF- eller tekstfil." in page_text(response)


# Step 3: the meeting created


@both
def test_creating_the_meeting_makes_a_draft_and_opens_its_edit_page(secretary_client, demo, htmx):
    response = secretary_client.post(URL, create_data(demo.council), headers=headers(htmx))
    edit = "/kkr-nordjylland/2021-06-18/rediger/"
    if htmx:
        assert response.status_code == 200 and response["HX-Redirect"] == edit
    else:
        assert response.status_code == 302 and response["Location"] == edit
    meeting = Meeting.objects.get(council=demo.council, date=datetime.date(2021, 6, 18))
    assert not meeting.is_published
    assert (meeting.start_time, meeting.place) == (datetime.time(9, 30), "Aalborg Rådhus")
    page = page_text(secretary_client.get(edit))
    assert (
        "Dagsordenen er importeret som kladde med 4 punkter. 1 bilag er markeret (./.) og skal uploades."
        in page
    )
    assert "2.1. Limfjordsrådet - Masterplan" in page
    assert AuditEntry.objects.get(meeting_id=meeting.pk).summary == (
        "Mødet 18-06-2021 oprettet ved import af dagsorden-2021-06-18.pdf"
    )
    secretary_client.logout()
    assert secretary_client.get("/kkr-nordjylland/2021-06-18/").status_code == 404  # a draft: not public


def test_the_seed_uploaded_and_created_gives_its_sixteen_items(secretary_client, demo):
    preview = secretary_client.post(URL, {"file": seed_file()}).content.decode()
    signed = re.search(r'name="agenda" value="([^"]+)"', preview).group(1)
    data = {"date": "2021-06-18", "start_time": "08:30", "place": "Aalborg", "agenda": signed}
    data |= {"case_number": "SAG-2021-00512", "case_handler": "hast"}
    response = secretary_client.post(URL, data)
    assert response["Location"] == "/kkr-nordjylland/2021-06-18/rediger/"
    meeting = Meeting.objects.get(council=demo.council, date="2021-06-18")
    assert meeting.sections.count() == 7
    items = AgendaItem.objects.filter(section__meeting=meeting)
    assert items.count() == 16
    assert items.get(section__position=1, position=1).role == AgendaItem.Role.MINUTES_APPROVAL


@both
def test_a_meeting_on_that_date_already_is_refused_at_the_date(secretary_client, demo, htmx):
    before = written()
    data = create_data(demo.council, date="2021-04-23")
    response = secretary_client.post(URL, data, headers=headers(htmx))
    assert response.status_code == 422
    text = page_text(response)
    assert "KKR Nordjylland har allerede et møde den 23-04-2021. Vælg en anden dato" in text
    assert "2.1. Limfjordsrådet - Masterplan" in text  # the preview again, with what was typed
    assert 'name="place" value="Aalborg Rådhus"' in text
    assert written() == before


@both
def test_a_tampered_preview_is_refused_and_nothing_written(secretary_client, demo, htmx):
    before = written()
    data = create_data(demo.council)
    signed = data["agenda"]
    # A changed payload keeps no valid signature.
    data["agenda"] = signed[:10] + ("A" if signed[10] != "A" else "B") + signed[11:]
    response = secretary_client.post(URL, data, headers=headers(htmx))
    assert response.status_code == 422
    text = page_text(response)
    assert TAMPERED in text
    assert 'type="file" name="file"' in text  # back to the upload
    assert written() == before


def test_a_preview_signed_for_another_council_is_refused(secretary_client, demo):
    other = make_council()
    response = secretary_client.post(URL, create_data(other))
    assert response.status_code == 422
    assert TAMPERED in page_text(response)
    assert not Meeting.objects.filter(date="2021-06-18").exists()


def test_items_without_a_case_line_need_the_default(secretary_client, demo):
    agenda = make_imported_agenda()
    agenda.sections[1].items.append(ImportedItem("2.3", "Uden sagslinje"))
    before = written()
    response = secretary_client.post(URL, create_data(demo.council, agenda, case_number="", case_handler=""))
    assert response.status_code == 422
    text = page_text(response)
    assert "Nogle punkter mangler sagsnummer eller sagsbehandler: udfyld feltet." in text
    assert "Punkt 2.3 får sagsnummeret til punkter uden et." in text
    assert written() == before

    response = secretary_client.post(URL, create_data(demo.council, agenda, case_number="SAG-2021-00999"))
    assert response.status_code == 302
    item = AgendaItem.objects.get(section__meeting__date="2021-06-18", title="Uden sagslinje")
    assert (item.case_number, item.case_handler) == ("SAG-2021-00999", "hast")


def test_the_preview_shows_texts_sanitised(secretary_client, demo):
    agenda = make_imported_agenda()
    agenda.sections[1].items[0].background = '<p onclick="x()">Tekst</p><script>alert(1)</script>'
    response = secretary_client.post(URL, create_data(demo.council, agenda, date="2021-04-23"))
    page = response.content.decode()
    assert "<p>Tekst</p>" in page
    assert "alert(1)" not in page and "onclick" not in page


# Who may


def visitors(demo):
    return {
        "anonymous": None,
        "member": make_member(demo.council),
        "other council's secretariat": make_secretary(make_council()),
        "logged in, no role": make_user(),
    }


@pytest.mark.parametrize(
    "visitor", ["anonymous", "member", "other council's secretariat", "logged in, no role"]
)
@both
def test_nobody_but_the_secretariat_may_import(client, demo, visitor, htmx):
    user = visitors(demo)[visitor]
    if user:
        client.force_login(user)
    before = written()
    for request in (
        lambda: client.get(URL, headers=headers(htmx)),
        lambda: client.post(URL, {"file": seed_file()}, headers=headers(htmx)),
        lambda: client.post(URL, create_data(demo.council), headers=headers(htmx)),
    ):
        response = request()
        assert response.status_code == 403
        if visitor == "anonymous":
            assert "/log-ind/?next=" in response.content.decode()  # the refusal offers the login
    assert written() == before


def test_an_unknown_council_is_not_found(secretary_client):
    assert secretary_client.get("/kkr-atlantis/importer-dagsorden/").status_code == 404


def test_the_projects_own_agenda_pdf_imports_with_its_cover_facts(secretary_client, demo):
    """An old agenda as a PDF, here the portal's own print of 5 February 2021: the cover gives the
    date, time and place the seed's text lacks."""
    feb5 = Meeting.objects.get(council=demo.council, date="2021-02-05")
    data, _pages = render_pdf("agenda", feb5, "members")
    upload = SimpleUploadedFile("dagsorden-2021-02-05.pdf", data, "application/pdf")
    response = secretary_client.post(URL, {"file": upload}, headers=HTMX)
    assert response.status_code == 200
    text = page_text(response)
    assert "16 punkter" in text
    assert f'name="start_time" value="{feb5.start_time:%H:%M}"' in text
    assert f'name="place" value="{feb5.place}"' in text
    signed = re.search(r'name="agenda" value="([^"]+)"', text).group(1)
    data = {"date": "2021-06-18", "start_time": "08:30", "place": feb5.place, "agenda": signed}
    response = secretary_client.post(URL, data | {"case_number": "", "case_handler": ""}, headers=HTMX)
    assert response["HX-Redirect"] == "/kkr-nordjylland/2021-06-18/rediger/"
    imported = AgendaItem.objects.filter(section__meeting__date="2021-06-18").select_related("section")
    original = AgendaItem.objects.filter(section__meeting=feb5).select_related("section")
    assert [
        (i.number, i.title, i.case_number, i.case_handler)
        for i in imported.order_by("section__position", "position")
    ] == [
        (i.number, i.title, i.case_number, i.case_handler)
        for i in original.order_by("section__position", "position")
    ]


@both
def test_a_closed_item_is_shown_closed_in_the_preview_and_created_closed(secretary_client, demo, htmx):
    text = (
        "KKR Nordjylland | 18-06-2021\n1. Sager\n\n1.1. Åbent punkt\nSAG-2021-00512 hast\nIndstilling\n"
        "Det indstilles, at sagen godkendes.\n\n1.2. Fortrolig personalesag\nLukket punkt\n"
        "SAG-2021-00513 hlth\nIndstilling\nDet indstilles, at sagen drøftes.\n"
    )
    upload = SimpleUploadedFile("dagsorden.txt", text.encode(), "text/plain")
    preview = secretary_client.post(URL, {"file": upload}, headers=headers(htmx))
    shown = " ".join(re.sub(r"<[^>]+>", " ", page_text(preview)).split())
    assert "1.2. Fortrolig personalesag Lukket punkt – kun for rådets medlemmer." in shown
    assert "1.1. Åbent punkt Lukket punkt" not in shown
    signed = re.search(r'name="agenda" value="([^"]+)"', preview.content.decode()).group(1)
    data = {"date": "2021-06-18", "start_time": "08:30", "place": "Aalborg", "agenda": signed}
    secretary_client.post(URL, data | {"case_number": "SAG-2021-00512", "case_handler": "hast"})
    items = AgendaItem.objects.filter(section__meeting__date="2021-06-18").order_by("position")
    assert [(i.title, i.is_closed) for i in items] == [
        ("Åbent punkt", False),
        ("Fortrolig personalesag", True),
    ]
    secretary_client.logout()
    assert "Fortrolig personalesag" not in page_text(secretary_client.get("/soeg/?q=personalesag"))


@both
def test_the_edit_page_says_which_marked_attachments_are_still_to_upload(secretary_client, demo, htmx):
    preview = secretary_client.post(URL, {"file": seed_file()}).content.decode()
    signed = re.search(r'name="agenda" value="([^"]+)"', preview).group(1)
    data = {"date": "2021-06-18", "start_time": "08:30", "place": "Aalborg", "agenda": signed}
    secretary_client.post(URL, data | {"case_number": "SAG-2021-00512", "case_handler": "hast"})
    edit = "/kkr-nordjylland/2021-06-18/rediger/"
    page = page_text(secretary_client.get(edit))
    assert page.count("som ikke er uploadet endnu") == 9  # the nine items with "./." markers
    assert "Teksten markerer 5 bilag (./.), som ikke er uploadet endnu." in page  # 2.1
    item = AgendaItem.objects.get(section__meeting__date="2021-06-18", section__position=2, position=1)
    pdf = SimpleUploadedFile(
        "Henvendelse.pdf", text_pdf("Henvendelse", ["Til ministeren."]), "application/pdf"
    )
    response = secretary_client.post(f"{edit}punkt/{item.pk}/bilag/", {"files": [pdf]}, headers=headers(htmx))
    answer = page_text(response if htmx else secretary_client.get(edit))
    assert "Teksten markerer 4 bilag (./.), som ikke er uploadet endnu." in answer
