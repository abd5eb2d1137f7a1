"""The agenda's parts laid out by several real Celery workers at once (Redis and PostgreSQL)."""

import json
import os
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from agendas.models import Meeting
from documents import jobs
from documents.models import RenderedDocument
from documents.services import request_document
from tests.pdftext import read_pages

Status = RenderedDocument.Status

pytestmark = [
    pytest.mark.skipif(not os.environ.get("CELERY_BROKER_URL"), reason="no broker set: tasks run eagerly"),
    pytest.mark.django_db(transaction=True),
]


def test_two_workers_lay_out_the_agenda_s_parts_and_it_reads_as_a_single_render(start_worker, settings):
    call_command("load_demo", stdout=None)
    meeting = Meeting.objects.select_related("council").get(date="2021-02-05")
    start_worker()
    start_worker()

    document = request_document("agenda", meeting, "public")
    deadline = time.monotonic() + 120
    while document.status not in (Status.READY, Status.FAILED) and time.monotonic() < deadline:
        time.sleep(0.2)
        document.refresh_from_db()
    assert document.status == Status.READY, document.error

    # Both workers laid out parts: the render job's and the one that took its tasks.
    layouts = [json.loads(path.read_text()) for path in Path(settings.MEDIA_ROOT).rglob("parts/*/*.json")]
    assert len(layouts) >= 6  # the contents and each section that starts a page
    assert len({layout["laid_out_by"] for layout in layouts}) == 2

    single = jobs.render("agenda", meeting, "public", sectioned=False)
    assembled = read_pages(document.file.read())
    assert document.page_count == len(assembled) == single.pages
    assert [page.lines() for page in assembled] == [page.lines() for page in read_pages(single.data)]
