"""Every document is one of the registered kinds, served by the documents app: each page and message
names the document it is about, the minutes are rendered from the agenda version they decide on, and
the register's PDF is a job like the others."""

import subprocess

import pytest
from django.core.management import call_command

from agendas import services as agenda_services
from agendas.content import AgendaContent
from agendas.models import AgendaItem, Meeting
from documents import registry
from documents.models import RenderedDocument
from documents.services import fingerprint, render_pdf
from kkr.celery import app
from minutes.models import Minutes

pytestmark = pytest.mark.django_db

JAN_15 = "2021-01-15"
Status = RenderedDocument.Status


@pytest.fixture
def demo():
    call_command("load_demo", stdout=None)
    return Meeting.objects.select_related("council").get(date=JAN_15)


@pytest.fixture
def eager(monkeypatch, transactional_db):
    monkeypatch.setitem(app.conf, "task_always_eager", True)


def pdf_text(data, tmp_path):
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def queued_minutes(meeting):
    minutes = Minutes.objects.get(meeting=meeting)
    return RenderedDocument.objects.create(
        council=meeting.council,
        meeting=meeting,
        version=minutes.version,
        kind="minutes",
        audience="public",
        content_hash=fingerprint("minutes", minutes, "public"),
    )


def test_the_minutes_status_page_names_the_minutes(demo, client):
    document = queued_minutes(demo)
    page = client.get(f"/kkr-nordjylland/{JAN_15}/pdf/referat/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<title>Referat (PDF)" in html
    assert "Referatet gøres klar som PDF" in html
    assert "agsorden" not in html.split("<main", 1)[1].split("</main>")[0]

    RenderedDocument.objects.filter(pk=document.pk).update(status=Status.READY, page_count=9)
    status = f"/kkr-nordjylland/{JAN_15}/pdf/referat/{document.pk}/status/"
    done = client.get(status, headers={"HX-Request": "true"})
    assert done.status_code == 286
    assert "Hent referat (PDF)" in done.content.decode()

    RenderedDocument.objects.filter(pk=document.pk).update(status=Status.FAILED)
    failed = client.get(status).content.decode()
    assert "Referatet kan ikke hentes som PDF" in failed


def test_the_minutes_pdf_is_the_agenda_version_the_minutes_decide_on(demo, tmp_path):
    minutes = Minutes.objects.get(meeting=demo)
    decided_on = minutes.version
    item = AgendaItem.objects.get(section__meeting=demo, section__position=2, position=1)
    # A later version of the agenda (as one published before the agenda lock existed would be).
    Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.DRAFT)
    agenda_services.update_item(item, {"title": "En senere titel"}, revision=item.revision)
    agenda_services.publish_agenda(demo, change_note="Ny titel", notify=False, render=False)
    Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.PUBLISHED, version=decided_on)

    text = pdf_text(render_pdf("minutes", Minutes.objects.get(pk=minutes.pk), "public")[0], tmp_path)
    assert item.title in text
    assert "En senere titel" not in text


def test_a_reader_status_address_never_shows_the_secretariats_preview(eager, demo, client):
    assert client.login(username="sekretariat", password="demo-sekretariat")
    base = f"/kkr-nordjylland/{JAN_15}/"
    client.get(base + "rediger/pdf/dagsorden/")
    preview = RenderedDocument.objects.get(version__isnull=True)
    assert AgendaContent.live(demo).version is None
    client.get(base + "pdf/dagsorden/")
    readers = RenderedDocument.objects.get(version__isnull=False, audience="members", kind="agenda")

    assert client.get(base + f"pdf/dagsorden/{preview.pk}/status/").status_code == 404
    assert client.get(base + f"rediger/pdf/dagsorden/{readers.pk}/status/").status_code == 404
    assert client.get(base + f"rediger/pdf/dagsorden/{preview.pk}/status/").status_code == 200
    assert client.get(base + f"pdf/dagsorden/{readers.pk}/status/").status_code == 200


def test_the_register_pdf_is_a_document_job(eager, demo, client, tmp_path):
    address = "/kkr-nordjylland/udpegninger/pdf/udpegninger/?dato=2020-12-31"
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="KKR Nordjylland 31-12-2020 udpegninger.pdf"'
    document = RenderedDocument.objects.get(kind="register")
    assert (document.status, document.key, document.meeting) == (Status.READY, "2020-12-31", None)
    text = pdf_text(b"".join(response.streaming_content), tmp_path)
    assert "KKR Nordjylland | 31-12-2020" in text

    client.get(address)  # stored: found by its hash, not rendered again
    assert RenderedDocument.objects.filter(kind="register").count() == 1
    client.get("/kkr-nordjylland/udpegninger/pdf/udpegninger/?dato=2021-01-31")
    assert RenderedDocument.objects.filter(kind="register").count() == 2
    # The register's old address leads to the same document.
    old = client.get("/kkr-nordjylland/udpegninger/udpegninger.pdf?dato=2020-12-31")
    assert old.status_code == 302
    assert old["Location"] == address


def test_each_kind_is_served_only_at_its_own_family_of_addresses(demo, client):
    assert client.get("/kkr-nordjylland/udpegninger/pdf/dagsorden/").status_code == 404
    assert client.get(f"/kkr-nordjylland/{JAN_15}/pdf/udpegninger/").status_code == 404
    assert {kind.name for kind in registry.kinds()} == {"agenda", "pack", "minutes", "register"}
