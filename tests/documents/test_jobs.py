"""PDF documents as jobs: requested, rendered once per content, retried, swept, served."""

import datetime
import threading
from pathlib import Path

import pikepdf
import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from agendas import services
from agendas.content import AgendaContent
from agendas.models import AgendaItem, Attachment, Meeting
from documents.jobs import claim_document
from documents.models import RenderedDocument
from documents.services import fingerprint, request_document, retry_document
from documents.tasks import sweep_documents
from kkr.celery import app
from tests.factories import make_member, make_secretary

pytestmark = pytest.mark.django_db

AGENDA, PACK = "agenda", "pack"
PUBLIC, MEMBERS = "public", "members"
Status = RenderedDocument.Status


@pytest.fixture
def eager(monkeypatch, transactional_db):
    """Tasks run in the test process, as in the embedded default, whatever broker is configured.
    The database commits, so jobs are enqueued after commit as in production."""
    monkeypatch.setitem(app.conf, "task_always_eager", True)


@pytest.fixture
def demo():
    call_command("load_demo", stdout=None)
    return Meeting.objects.select_related("council").get(date="2021-01-15")


def stored_pdfs(settings):
    """The finished documents (not the parts an agenda is assembled from, documents.sections)."""
    folder = Path(settings.MEDIA_ROOT, "documents")
    return sorted(path for path in folder.rglob("*.pdf") if not path.is_relative_to(folder / "parts"))


def test_a_document_is_rendered_once_for_the_same_content(eager, demo, settings):
    with transaction.atomic():
        first = request_document(AGENDA, demo, PUBLIC)
        assert first.status == Status.QUEUED  # the job is enqueued only after commit
    first.refresh_from_db()
    assert first.status == Status.READY
    assert first.page_count >= 3
    assert first.render_seconds > 0
    assert first.file.read().startswith(b"%PDF-")

    again = request_document(AGENDA, demo, PUBLIC)
    assert again.pk == first.pk
    assert (again.attempts, again.finished_at) == (1, first.finished_at)  # not rendered again
    assert stored_pdfs(settings) == [Path(settings.MEDIA_ROOT) / first.file.name]


def test_a_change_to_the_content_gives_a_new_document(eager, demo):
    # 5 February: its minutes are a draft, so its agenda can still be changed and published again.
    meeting = Meeting.objects.select_related("council").get(date="2021-02-05")
    first = request_document(AGENDA, meeting, PUBLIC)
    item = AgendaItem.objects.filter(section__meeting=meeting).first()
    item.title = "Godkendelse af referat (rettet)"
    item.save()
    # Readers see the published version until the change is published too.
    assert request_document(AGENDA, meeting, PUBLIC).pk == first.pk
    services.publish_agenda(meeting, change_note="Titel rettet", notify=False, render=False)
    second = request_document(AGENDA, meeting, PUBLIC)
    assert second.pk != first.pk
    assert second.content_hash != first.content_hash
    assert second.status == Status.READY


def test_audiences_and_kinds_are_separate_documents(eager, demo):
    documents = {request_document(k, demo, a).pk for k in (AGENDA, PACK) for a in (PUBLIC, MEMBERS)}
    assert len(documents) == 4


def test_only_one_task_can_claim_a_document(demo):
    document = RenderedDocument.objects.create(
        council=demo.council, meeting=demo, kind=AGENDA, audience=PUBLIC, content_hash="x" * 64
    )
    assert claim_document(document.pk, "task-1") is not None
    assert claim_document(document.pk, "task-2") is None
    # The broker delivers task-1's message again when its worker died: it may take the row back.
    again = claim_document(document.pk, "task-1")
    assert again.attempts == 2


def killed(document, task_id):
    """Claim the document as a worker does, and die: the row stays rendering, its start long ago."""
    assert claim_document(document.pk, task_id) is not None
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    RenderedDocument.objects.filter(pk=document.pk).update(started_at=long_ago)


def test_a_render_that_kills_its_worker_every_time_fails_after_the_last_attempt(demo, settings):
    settings.PDF_MAX_ATTEMPTS = 3
    document = RenderedDocument.objects.create(
        council=demo.council, meeting=demo, kind=PACK, audience=PUBLIC, content_hash="k" * 64
    )
    for attempt in range(1, 4):
        killed(document, f"task-{attempt}")
        swept = sweep_documents()
        document.refresh_from_db()
        if attempt < 3:
            assert (swept, document.status, document.attempts) == (1, Status.QUEUED, attempt)
    assert (swept, document.status, document.attempts) == (0, Status.FAILED, 3)
    assert "startet 3 gange uden at blive færdig" in document.error
    assert sweep_documents() == 0
    assert claim_document(document.pk, "task-4") is None


def test_a_message_redelivered_after_the_last_attempt_fails_the_document(demo, settings):
    settings.PDF_MAX_ATTEMPTS = 2
    document = RenderedDocument.objects.create(
        council=demo.council, meeting=demo, kind=PACK, audience=PUBLIC, content_hash="r" * 64
    )
    claim_document(document.pk, "task-1")
    assert claim_document(document.pk, "task-1").attempts == 2  # the broker's redelivery
    assert claim_document(document.pk, "task-1") is None  # and again: no third render
    document.refresh_from_db()
    assert (document.status, document.attempts) == (Status.FAILED, 2)
    assert "startet 2 gange" in document.error


def test_the_sweep_queues_lost_jobs_again(eager, demo):
    document = request_document(AGENDA, demo, PUBLIC)
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    # As if a worker died an hour ago in the middle of the render.
    RenderedDocument.objects.filter(pk=document.pk).update(
        status=Status.RENDERING, started_at=long_ago, claimed_by="dead-task", file=""
    )
    fresh = RenderedDocument.objects.create(
        council=demo.council,
        meeting=demo,
        kind=PACK,
        audience=PUBLIC,
        content_hash="y" * 64,
        status=Status.RENDERING,
    )
    RenderedDocument.objects.filter(pk=fresh.pk).update(started_at=timezone.now())
    assert sweep_documents() == 1
    document.refresh_from_db()
    assert document.status == Status.READY
    fresh.refresh_from_db()
    assert fresh.status == Status.RENDERING  # still within its time limit: left alone


def test_a_failed_render_is_recorded_and_can_be_retried(eager, demo, settings):
    attachment = Attachment.objects.get(item__section__meeting=demo)
    path = Path(attachment.file.path)
    content = path.read_bytes()
    path.unlink()  # the pack cannot be made without the attachment's file

    document = request_document(PACK, demo, MEMBERS)
    assert document.status == Status.FAILED
    assert document.attempts == settings.PDF_MAX_ATTEMPTS
    assert document.error

    path.write_bytes(content)
    document = retry_document(document)
    assert document.status == Status.READY
    assert document.error == ""


def test_render_agenda_command_writes_the_pdf_and_prints_pages_and_seconds(demo, tmp_path, capsys):
    output = tmp_path / "dagsorden.pdf"
    call_command("render_agenda", "kkr-nordjylland", "2021-01-15", "--kind", "pack", "--output", str(output))
    line = capsys.readouterr().out.strip()
    pages, seconds = (part.split("=") for part in line.split())
    assert pages[0] == "pages" and int(pages[1]) >= 4
    assert seconds[0] == "seconds" and float(seconds[1]) > 0
    assert output.read_bytes().startswith(b"%PDF-")


def test_render_agenda_command_repeats_the_render_in_one_process(demo, tmp_path, capsys):
    """--repeat N: N renders in one process (the first pays the process's set-up, the others are
    warm), one line per render with the page count of the PDF it writes."""
    output = tmp_path / "dagsorden.pdf"
    call_command("render_agenda", "kkr-nordjylland", "2021-01-15", "--repeat", "3", "--output", str(output))
    lines = capsys.readouterr().out.strip().splitlines()
    with pikepdf.open(output) as pdf:
        pages = len(pdf.pages)
    assert pages >= 2
    assert len(lines) == 3
    for line in lines:
        fields = dict(part.split("=") for part in line.split())
        assert fields.keys() == {"pages", "seconds"}
        assert int(fields["pages"]) == pages
        assert float(fields["seconds"]) > 0


@pytest.mark.parametrize("repeat", ["0", "-2", "tre"])
def test_render_agenda_command_refuses_a_repeat_that_is_not_a_positive_count(demo, tmp_path, repeat):
    output = tmp_path / "dagsorden.pdf"
    with pytest.raises(CommandError, match="--repeat"):
        call_command(
            "render_agenda", "kkr-nordjylland", "2021-01-15", "--repeat", repeat, "--output", str(output)
        )
    assert not output.exists()


# The pages a user meets.


def url(kind_slug, suffix=""):
    return f"/kkr-nordjylland/2021-01-15/pdf/{kind_slug}/{suffix}"


def test_download_is_the_pdf_at_once_when_it_is_ready(eager, demo, client):
    response = client.get(url("dagsorden"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="KKR Nordjylland 15-01-2021 dagsorden.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert RenderedDocument.objects.get().audience == PUBLIC


def test_members_get_the_members_document(eager, demo, client):
    client.force_login(make_member(demo.council))
    response = client.get(url("samlet"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert RenderedDocument.objects.get().audience == MEMBERS


def queued(meeting, kind, audience, **fields):
    """A document for what the meeting's readers see that no worker has picked up yet."""
    content = AgendaContent.for_readers(meeting)
    return RenderedDocument.objects.create(
        council=meeting.council,
        meeting=meeting,
        version=content.version,
        kind=kind,
        audience=audience,
        content_hash=fingerprint(kind, content, audience),
        **fields,
    )


def test_while_the_file_is_prepared_the_page_says_so_and_polls(demo, client):
    document = queued(demo, AGENDA, PUBLIC)
    response = client.get(url("dagsorden"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dagsordenen gøres klar som PDF" in html
    assert '<meta http-equiv="refresh"' in html  # and without JavaScript, the page reloads
    assert f'hx-get="{url("dagsorden", f"{document.pk}/status/")}"' in html
    assert 'hx-trigger="every 1s"' in html

    poll = client.get(url("dagsorden", f"{document.pk}/status/"), headers={"HX-Request": "true"})
    assert poll.status_code == 200
    assert "<html" not in poll.content.decode()  # a fragment

    document.status, document.page_count = Status.READY, 3
    document.save()
    done = client.get(url("dagsorden", f"{document.pk}/status/"), headers={"HX-Request": "true"})
    assert done.status_code == 286  # htmx stops polling
    assert "Hent dagsorden (PDF)" in done.content.decode()
    assert "3 sider" in done.content.decode()


def test_prepare_sends_htmx_to_the_file_when_it_is_ready(eager, demo, client):
    response = client.get(url("dagsorden", "forbered/"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == url("dagsorden")


def failed(meeting, audience, **fields):
    return RenderedDocument.objects.create(
        council=meeting.council,
        meeting=meeting,
        version=meeting.versions.get(),
        kind=AGENDA,
        audience=audience,
        content_hash="z" * 64,
        status=Status.FAILED,
        error="Boom",
        attempts=4,
        **fields,
    )


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_readers_of_a_failed_document_are_told_it_is_not_available_and_offered_no_retry(demo, client, htmx):
    document = failed(demo, PUBLIC)
    response = client.get(
        url("dagsorden", f"{document.pk}/status/"), headers={"HX-Request": "true"} if htmx else {}
    )
    html = response.content.decode()
    assert response.status_code == (286 if htmx else 200)
    assert "Dagsordenen kan ikke hentes som PDF. Kontakt sekretariatet" in html
    assert "Boom" not in html  # technical detail is for the secretariat
    assert "forsoeg-igen" not in html
    assert "Prøv igen" not in html
    assert '<meta http-equiv="refresh"' not in html


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_the_secretariat_sees_why_a_document_failed_and_a_retry_button(demo, client, htmx):
    client.force_login(make_secretary(demo.council))
    document = failed(demo, MEMBERS)
    response = client.get(
        url("dagsorden", f"{document.pk}/status/"), headers={"HX-Request": "true"} if htmx else {}
    )
    html = response.content.decode()
    assert "Dagsordenen kunne ikke dannes som PDF" in html
    assert "Boom" in html
    assert f'action="{url("dagsorden", f"{document.pk}/forsoeg-igen/")}"' in html


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_readers_cannot_restart_renders(demo, client, role):
    document = failed(demo, PUBLIC if role == "anonymous" else MEMBERS)
    if role == "member":
        client.force_login(make_member(demo.council))
    for _ in range(3):
        assert client.post(url("dagsorden", f"{document.pk}/forsoeg-igen/")).status_code == 403
    document.refresh_from_db()
    assert (document.status, document.attempts) == (Status.FAILED, 4)


def test_the_secretariat_s_retry_renders_the_failed_document_again(eager, demo, client):
    client.force_login(make_secretary(demo.council))
    document = queued(demo, AGENDA, MEMBERS, status=Status.FAILED, error="Boom", attempts=4)
    response = client.post(url("dagsorden", f"{document.pk}/forsoeg-igen/"))
    assert response.status_code == 302
    assert response["Location"] == url("dagsorden")
    document.refresh_from_db()
    assert (document.status, document.error, document.attempts) == (Status.READY, "", 1)


def test_retrying_a_document_whose_meeting_changed_renders_the_current_content(eager, demo, client):
    client.force_login(make_secretary(demo.council))
    stale = RenderedDocument.objects.create(
        council=demo.council,
        meeting=demo,
        version=demo.versions.get(),
        kind=AGENDA,
        audience=MEMBERS,
        content_hash="0" * 64,
        status=Status.FAILED,
    )
    client.post(url("dagsorden", f"{stale.pk}/forsoeg-igen/"))
    stale.refresh_from_db()
    assert stale.status == Status.FAILED
    current = RenderedDocument.objects.exclude(pk=stale.pk).get()
    assert current.status == Status.READY
    assert current.content_hash == fingerprint(AGENDA, demo, MEMBERS)


def test_members_documents_are_not_reachable_by_the_public(demo, client):
    document = RenderedDocument.objects.create(
        council=demo.council,
        meeting=demo,
        version=demo.versions.get(),
        kind=AGENDA,
        audience=MEMBERS,
        content_hash="m" * 64,
        status=Status.FAILED,
    )
    assert client.get(url("dagsorden", f"{document.pk}/status/")).status_code == 404
    assert client.post(url("dagsorden", f"{document.pk}/forsoeg-igen/")).status_code == 404


def test_draft_meeting_documents_are_not_found(demo, client):
    assert client.get("/kkr-nordjylland/2021-04-23/pdf/dagsorden/").status_code == 404
    assert client.get(url("ukendt")).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_requests_produce_one_document(eager):
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent connections to one database (PostgreSQL)")
    call_command("load_demo", stdout=None)
    meeting = Meeting.objects.get(date="2021-02-05")
    barrier = threading.Barrier(2)
    results = []

    def request():
        barrier.wait()
        results.append(request_document(PACK, meeting, PUBLIC).pk)
        connection.close()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2 and results[0] == results[1]
    assert RenderedDocument.objects.count() == 1
