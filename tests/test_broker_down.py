"""The database holds the work to do; the broker only carries the news. With Redis down, publishing
succeeds and says so, and a reader asking for a PDF is told it is being prepared; when Redis comes back,
the sweep gets every document rendered and every e-mail sent, once.

Everything runs as in production, in processes of its own: the site, a Redis the test starts and stops
itself, a Celery worker, and the periodic sweep; on a SQLite file they all share."""

import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from tests.devsite import MANAGE, ROOT, csrf_token, free_port, logged_in, runserver, site_env, started, stop

DRAFT = "/kkr-nordjylland/2021-04-23/"
SUBJECT = "Dagsorden: KKR Nordjylland 23-04-2021"


def wait_for(check, what, timeout=180):
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.5)


def test_with_the_broker_down_nothing_is_lost_and_nothing_is_done_twice(tmp_path):
    redis_port = free_port()
    database = tmp_path / "site.sqlite3"
    env = site_env(tmp_path, CELERY_BROKER_URL=f"redis://127.0.0.1:{redis_port}/0")  # nobody answers yet
    server, base = runserver(env, tmp_path / "site.log", "--noreload")
    processes = [server]
    try:
        browser = logged_in(base, "sekretariat", "demo-sekretariat")
        # Publishing with the broker down: the version is committed, and the secretariat is told so.
        edit = base + DRAFT + "rediger/"
        page = browser.open(edit).read().decode()
        form = {"csrfmiddlewaretoken": csrf_token(page), "sent_on": "2021-04-16", "change_note": ""}
        published = browser.open(
            urllib.request.Request(
                edit + "offentliggoer/", urllib.parse.urlencode(form).encode(), headers={"Referer": edit}
            )
        )
        assert published.status == 200 and published.url == base + DRAFT
        assert "Dagsordenen er offentliggjort som version 1" in published.read().decode()
        # A reader asking for the PDF is told it is being prepared, not a 500.
        waiting = urllib.request.urlopen(base + DRAFT + "pdf/dagsorden/")
        assert waiting.status == 200
        assert "gøres klar som PDF" in waiting.read().decode()
        assert _rows(database, "SELECT status FROM kkr_outgoingmail") == [("pending",)]
        assert _undispatched(database) > 0

        # Redis comes back; a worker and the sweep (what beat runs every minute) do the rest.
        processes.append(
            started(
                ["redis-server", "--port", str(redis_port), "--save", "", "--appendonly", "no"],
                env,
                tmp_path / "redis.log",
            )
        )
        worker_log = tmp_path / "worker.log"
        worker = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "kkr",
            "worker",
            "--concurrency=1",
            "-n",
            "broker-test@%h",
        ]
        processes.append(started(worker, env, worker_log))
        sweep = "from documents.tasks import sweep_documents; from kkr.tasks import sweep_mail; "
        sweep += "print(sweep_documents(), sweep_mail())"
        wait_for(lambda: _sweep(sweep, env) != "0 0" or not _undispatched(database), "the sweep")

        wait_for(lambda: _rows(database, "SELECT status FROM kkr_outgoingmail") == [("sent",)], "the e-mail")
        ready = "SELECT DISTINCT status FROM documents_rendereddocument"
        wait_for(lambda: _rows(database, ready) == [("ready",)], "every document")
        assert (
            urllib.request.urlopen(base + DRAFT + "pdf/dagsorden/").headers["Content-Type"]
            == "application/pdf"
        )

        # Sweeping again sends nothing twice.
        assert _sweep(sweep, env) == "0 0"
        time.sleep(2)
        assert _rows(database, "SELECT attempts FROM kkr_outgoingmail") == [(1,)]
        assert worker_log.read_text().count(f"Subject: {SUBJECT}") == 1
        attempts = _rows(database, "SELECT attempts FROM documents_rendereddocument")
        assert attempts and all(count == 1 for (count,) in attempts)
    finally:
        for process in reversed(processes):
            stop(process)
    assert "Traceback" not in (tmp_path / "site.log").read_text()


def _rows(database, query):
    with sqlite3.connect(database, timeout=20) as connection:
        return connection.execute(query).fetchall()


def _undispatched(database):
    query = (
        "SELECT count(*) FROM documents_rendereddocument WHERE status = 'queued' AND dispatched_at IS NULL"
    )
    return _rows(database, query)[0][0]


def _sweep(code, env):
    done = subprocess.run([*MANAGE, "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]
