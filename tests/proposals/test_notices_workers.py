"""The deadline notices with real processes on PostgreSQL: the periodic task run with the broker down
writes its notices and their mails and sends nothing twice; run again it writes nothing; when Redis comes
back, a worker killed once it is up changes nothing, and the next worker and the mail sweep send each
mail once."""

import datetime
import os
import signal
import subprocess
import sys
import time

import pytest
from django.utils import timezone

from kkr.models import OutgoingMail
from proposals.models import MeetingDeadline, Notice, Proposal
from tests.devsite import MANAGE, ROOT, free_port, started, stop
from tests.factories import make_council, make_handler, make_meeting, make_proposal, make_secretary

pytestmark = [
    pytest.mark.skipif(not os.environ.get("CELERY_BROKER_URL"), reason="no broker set: tasks run eagerly"),
    pytest.mark.django_db(transaction=True),
]


def run_task(env) -> str:
    code = "from proposals.tasks import send_deadline_notices; print(send_deadline_notices())"
    done = subprocess.run([*MANAGE, "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def sweep(env) -> str:
    code = "from kkr.tasks import sweep_mail; print(sweep_mail())"
    done = subprocess.run([*MANAGE, "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def wait_for(check, what, timeout=120):
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.5)


def test_deadline_notices_are_sent_once_with_the_broker_down_in_between(worker_env, tmp_path):
    # The processes keep the real clock: the deadlines are set around it.
    now = timezone.now()
    council = make_council(name="KKR Nordjylland")
    coming = make_meeting(council=council, date=timezone.localdate() + datetime.timedelta(days=30))
    MeetingDeadline.objects.create(meeting=coming, deadline=now + datetime.timedelta(days=1), warning_days=3)
    passed = make_meeting(council=council, date=timezone.localdate() + datetime.timedelta(days=31))
    MeetingDeadline.objects.create(meeting=passed, deadline=now - datetime.timedelta(hours=1), warning_days=3)
    handler = make_handler(council, "hast", email="hast@example.org")
    make_secretary(council, email="sekretariat@example.org")
    make_proposal(handler, title="Kladde", wished_meeting=coming)
    waiting = make_proposal(handler, title="Godkendt", wished_meeting=passed)
    Proposal.objects.filter(pk=waiting.pk).update(
        state="approved", submitted_at=now - datetime.timedelta(hours=2)
    )

    redis_port = free_port()
    env = {**worker_env, "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis_port}/0"}  # nobody answers yet
    processes = []
    try:
        assert run_task(env) == "2"  # the broker is down: the notices and their mails are written
        assert run_task(env) == "0"
        assert Notice.objects.count() == 2
        mails = OutgoingMail.objects.order_by("pk")
        assert [(m.status, m.dispatched_at) for m in mails] == [("pending", None)] * 2

        processes.append(
            started(
                ["redis-server", "--port", str(redis_port), "--save", "", "--appendonly", "no"],
                env,
                tmp_path / "redis.log",
            )
        )
        worker = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "kkr",
            "worker",
            "--concurrency=1",
            "-n",
            "notices@%h",
        ]
        # A worker killed (SIGKILL, no warm shutdown) once it is up: it loses nothing and sends nothing.
        killed_log = tmp_path / "killed-worker.log"
        killed = started([*worker, "--loglevel=INFO"], env, killed_log)  # it logs "ready" at INFO
        processes.append(killed)  # stopped at the end should the test fail before the kill
        wait_for(lambda: "ready" in killed_log.read_text(), "the first worker")
        os.killpg(killed.pid, signal.SIGKILL)
        killed.wait(timeout=30)
        assert run_task(env) == "0"
        assert set(OutgoingMail.objects.values_list("status", flat=True)) == {"pending"}

        worker_log = tmp_path / "worker.log"
        processes.append(started(worker, env, worker_log))
        wait_for(
            lambda: sweep(env) != "0" or not OutgoingMail.objects.filter(dispatched_at=None).exists(), "sweep"
        )
        wait_for(lambda: set(OutgoingMail.objects.values_list("status", flat=True)) == {"sent"}, "the mails")

        assert run_task(env) == "0"  # the broker is up now, and still nothing is sent twice
        assert sweep(env) == "0"
        time.sleep(2)
        assert OutgoingMail.objects.count() == 2
        assert list(OutgoingMail.objects.values_list("attempts", flat=True)) == [1, 1]
        log = worker_log.read_text()
        # Each mail printed once by the console backend (its non-ASCII subject is MIME-encoded there).
        assert log.count("Subject: ") == 2
        assert log.count("To: hast@example.org") == log.count("To: sekretariat@example.org") == 1
    finally:
        for process in reversed(processes):
            stop(process)
