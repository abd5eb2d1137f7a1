"""The render jobs with a real Celery worker on Redis and PostgreSQL, as in production (CI runs these)."""

import hashlib
import os
import signal
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from agendas.content import AgendaContent
from agendas.models import AgendaItem, Attachment, Meeting
from documents import sections
from documents.models import RenderedDocument
from documents.services import request_document
from kkr.lib.files import save_once
from tests.factories import MB, flate_zeros, pdf_with_stream

Status = RenderedDocument.Status

pytestmark = [
    pytest.mark.skipif(not os.environ.get("CELERY_BROKER_URL"), reason="no broker set: tasks run eagerly"),
    pytest.mark.django_db(transaction=True),
]


def wait_for(document, statuses, timeout=90.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        document.refresh_from_db()
        if document.status in statuses:
            return document
        time.sleep(interval)
    raise AssertionError(f"document still {document.status} after {timeout} s")


def stored_pdfs(settings):
    """The finished documents stored; not the parts the pack is assembled from (documents.sections, a
    cache beside them)."""
    parts = Path(settings.MEDIA_ROOT, sections.PREFIX)
    found = Path(settings.MEDIA_ROOT, "documents").rglob("*.pdf")
    return sorted(path for path in found if parts not in path.parents)


@pytest.fixture
def meeting():
    call_command("load_demo", stdout=None)
    return Meeting.objects.select_related("council").get(date="2021-02-05")


def test_request_job_file_and_a_second_request_renders_nothing(start_worker, meeting, settings):
    start_worker()
    document = request_document("pack", meeting, "public")
    document = wait_for(document, {Status.READY, Status.FAILED})
    assert document.status == Status.READY, document.error
    assert document.file.read().startswith(b"%PDF-")
    assert document.attempts == 1
    assert stored_pdfs(settings) == [Path(settings.MEDIA_ROOT) / document.file.name]
    # Laid out in parts, stored beside it.
    assert list(Path(settings.MEDIA_ROOT, sections.PREFIX).rglob("*.pdf"))

    again = request_document("pack", meeting, "public")
    time.sleep(1)
    again.refresh_from_db()
    assert (again.pk, again.attempts, again.finished_at) == (document.pk, 1, document.finished_at)


def test_a_worker_killed_mid_render_is_recovered_and_one_file_results(start_worker, meeting, settings):
    worker = start_worker()
    document = request_document("pack", meeting, "members")
    wait_for(document, {Status.RENDERING}, timeout=30, interval=0.01)
    worker.kill()  # SIGKILL to the worker and its pool child, in the middle of the render

    document.refresh_from_db()
    assert document.status == Status.RENDERING
    assert stored_pdfs(settings) == []

    start_worker()  # the broker delivers the unacknowledged message again
    document = wait_for(document, {Status.READY, Status.FAILED})
    assert document.status == Status.READY, document.error
    assert document.attempts == 2
    assert stored_pdfs(settings) == [Path(settings.MEDIA_ROOT) / document.file.name]


def pool_processes(worker) -> list[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        pid = worker.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        if children:
            return [int(child) for child in children]
        time.sleep(0.2)
    raise AssertionError("the worker started no pool process")


def address_space_limit(pid: int) -> str:
    limits = Path(f"/proc/{pid}/limits").read_text().splitlines()
    return next(line for line in limits if line.startswith("Max address space")).split()[3]


def test_a_render_whose_worker_is_killed_every_time_fails_after_its_attempts(
    start_worker, worker_env, meeting
):
    """As when the kernel kills it out of memory, or Celery at the hard time limit: the message comes
    back each time, and after PDF_MAX_ATTEMPTS starts the document fails instead of rendering again."""
    worker_env["PDF_MAX_ATTEMPTS"] = "2"
    worker = start_worker()
    document = request_document("pack", meeting, "members")
    for attempt in (1, 2):
        deadline = time.monotonic() + 60
        while (document.status, document.attempts) != (Status.RENDERING, attempt):
            assert time.monotonic() < deadline, (document.status, document.attempts)
            time.sleep(0.01)
            document.refresh_from_db()
        for child in pool_processes(worker):
            os.kill(child, signal.SIGKILL)
    document = wait_for(document, {Status.READY, Status.FAILED})
    assert (document.status, document.attempts) == (Status.FAILED, 2)
    assert "startet 2 gange uden at blive færdig" in document.error


def test_a_render_worker_process_has_its_memory_capped(start_worker, worker_env):
    worker_env["PDF_WORKER_MAX_MEMORY_MB"] = "1536"
    (child,) = pool_processes(start_worker())
    assert address_space_limit(child) == str(1536 * MB)


def test_an_attachment_that_would_take_the_machine_fails_its_pack_and_the_worker_renders_on(
    start_worker, worker_env, settings
):
    """A decompression bomb stored before uploads were checked for them (2 GB of zeros in 2 MB): the
    pack that holds it fails within the worker's memory cap, and the same worker renders the next."""
    call_command("load_demo", stdout=None)
    meeting = Meeting.objects.select_related("council").get(date="2021-04-23")
    item = AgendaItem.objects.filter(section__meeting=meeting).first()
    bomb = pdf_with_stream(flate_zeros(2048 * MB), ["FlateDecode"], content=True)
    sha256 = hashlib.sha256(bomb).hexdigest()
    field = Attachment._meta.get_field("file")
    Attachment.objects.create(
        item=item,
        position=9,
        title="Gammelt bilag",
        sha256=sha256,
        page_count=1,
        file=save_once(field.storage, f"attachments/{sha256[:2]}/{sha256}.pdf", bomb),
    )
    worker_env.update(PDF_WORKER_MAX_MEMORY_MB="1024", PDF_MAX_ATTEMPTS="1")
    pool_processes(start_worker())

    started = time.monotonic()
    pack = wait_for(
        request_document("pack", AgendaContent.live(meeting), "members"), {Status.READY, Status.FAILED}
    )
    assert pack.status == Status.FAILED
    print(f"bomb failed in {time.monotonic() - started:.1f} s: {pack.error}")

    agenda = wait_for(
        request_document("agenda", AgendaContent.live(meeting), "members"), {Status.READY, Status.FAILED}
    )
    assert agenda.status == Status.READY, agenda.error
