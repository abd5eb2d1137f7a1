"""The render jobs with a real Celery worker on Redis and PostgreSQL, as in production (CI runs these)."""

import os
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from agendas.models import Meeting
from documents.models import RenderedDocument
from documents.services import request_document

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
    return sorted(Path(settings.MEDIA_ROOT, "documents").rglob("*.pdf"))


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
