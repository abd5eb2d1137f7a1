"""What a newcomer meets on the first day: `make run` on a taken port, the demo's mail and PDFs, the
dev server's log, and the README's promises."""

import re
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

from agendas.models import Meeting
from documents.models import RenderedDocument
from kkr.celery import app
from minutes.models import Minutes
from tests.devsite import logged_in, runserver, site_env, stop
from tests.factories import make_member

ROOT = Path(__file__).resolve().parents[2]


def run_make(*args, timeout=120):
    return subprocess.run(
        ["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def test_make_run_on_a_taken_port_says_how_to_choose_another():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_make("run", f"PORT={port}")
    assert result.returncode != 0
    said = result.stdout + result.stderr
    assert f"Port {port} er optaget" in said, said
    assert f"PORT={port + 1} make run" in said, said
    # It stops before touching the database: no migration ran.
    assert "migrate" not in result.stdout


def test_make_run_serves_on_the_chosen_port():
    plan = run_make("--dry-run", "run", "PORT=8123").stdout
    assert "runserver 127.0.0.1:8123" in plan
    assert "Åbn http://127.0.0.1:8123/" in plan
    readme = (ROOT / "README.md").read_text()
    assert "PORT=8001 make run" in readme


@pytest.mark.django_db
def test_publishing_the_demo_draft_mails_the_demo_member(
    client, django_capture_on_commit_callbacks, eager_tasks
):
    call_command("load_demo", stdout=None)
    assert client.login(username="sekretariat", password="demo-sekretariat")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/kkr-nordjylland/2021-04-23/rediger/offentliggoer/", {"sent_on": "2021-04-16", "change_note": ""}
        )
    assert response.status_code in (200, 302), response.content.decode()[:500]
    assert Meeting.objects.get(date="2021-04-23").published_version is not None
    assert len(mail.outbox) == 1
    assert "medlem@" in " ".join(mail.outbox[0].bcc)


@pytest.fixture
def eager(monkeypatch, transactional_db):
    monkeypatch.setitem(app.conf, "task_always_eager", True)


def test_load_demo_renders_the_published_pdfs_once(client, eager):
    call_command("load_demo", "--pdfs", stdout=None)
    published = Meeting.objects.filter(published_version__isnull=False)
    assert published.count() == 3
    ready = RenderedDocument.objects.filter(status=RenderedDocument.Status.READY)
    minutes = Minutes.objects.filter(status=Minutes.Status.PUBLISHED).count()
    assert ready.count() == published.count() * 4 + minutes * 2
    rendered = ready.count()

    # A newcomer's first click is served from the store: nothing new is rendered.
    response = client.get("/kkr-nordjylland/2021-02-05/pdf/dagsorden/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    client.force_login(make_member(Meeting.objects.first().council))
    assert client.get("/kkr-nordjylland/2021-02-05/pdf/samlet/").status_code == 200
    assert RenderedDocument.objects.count() == rendered

    # A second run finds them all stored.
    call_command("load_demo", "--pdfs", stdout=None)
    assert RenderedDocument.objects.count() == rendered


def test_the_dev_server_log_says_each_event_once_and_a_403_in_one_line(tmp_path):
    log = tmp_path / "server.log"
    # As `make run` starts it: with the autoreloader, whose child process serves.
    server, base = runserver(site_env(tmp_path), log)
    try:
        browser = logged_in(base, "medlem", "demo-medlem")
        for path, status in (("/kkr-nordjylland/2021-04-23/rediger/", 403), ("/kkr-nordjylland/ingen/", 404)):
            with pytest.raises(urllib.error.HTTPError) as refused:
                browser.open(base + path)
            assert refused.value.code == status
        time.sleep(0.5)
    finally:
        stop(server)
    printed = log.read_text()
    assert printed.count("Watching for file changes") == 1, printed
    assert printed.count("Forbidden (Permission denied): /kkr-nordjylland/2021-04-23/rediger/") == 1, printed
    assert "Traceback" not in printed, printed
    assert printed.count("Not Found: /kkr-nordjylland/ingen/") == 1, printed
    assert printed.count('"GET /kkr-nordjylland/2021-04-23/rediger/ HTTP/1.1" 403') == 1, printed


def test_readme_starts_with_the_two_commands_and_links_the_glossary():
    readme = (ROOT / "README.md").read_text()
    first_block = re.search(r"```sh\n(.*?)```", readme, re.S).group(1)
    assert [line.split("#")[0].strip() for line in first_block.splitlines()] == ["make run", "make test"]
    assert "(docs/glossary.md)" in readme
    glossary = (ROOT / "docs" / "glossary.md").read_text()
    for danish, code in [
        ("Dagsorden", "Agenda"),
        ("Hovedpunkt", "AgendaSection"),
        ("Punkt", "AgendaItem"),
        ("Bilag", "Attachment"),
        ("Referat", "Minutes"),
        ("Udpegning", "Appointment"),
        ("Organ", "Body"),
        ("Valgperiode", "Term"),
    ]:
        assert re.search(rf"\| {danish}\b[^|]*\| `{code}`", glossary), (danish, code)


def test_readme_speaks_one_language_to_the_newcomer():
    readme = (ROOT / "README.md").read_text()
    # The newcomer's steps (up to the first subheading) are in English, like the rest of the README;
    # Danish appears only as the portal's own words in quotes or code.
    steps = readme.split("\n## ", 1)[0]
    prose = re.sub(r"`[^`]*`|\"[^\"]*\"|```.*?```", "", steps, flags=re.S)
    danish_words = {"og", "opret", "kør", "indlæs", "installér", "migrér", "begyndende", "møder"}
    found = danish_words & set(re.findall(r"[a-zæøå]+", prose.lower()))
    assert not found, found
