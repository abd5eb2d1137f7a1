import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from kkr.celery import app

ROOT = Path(__file__).resolve().parents[2]


def test_embedded_default_runs_tasks_eagerly_and_a_broker_turns_that_off():
    assert app.conf.task_always_eager is settings.CELERY_TASK_ALWAYS_EAGER
    assert app.conf.task_always_eager is (not os.environ.get("CELERY_BROKER_URL"))
    assert app.conf.task_acks_late is True


@pytest.mark.skipif(not os.environ.get("CELERY_BROKER_URL"), reason="no broker set: tasks run eagerly")
def test_a_real_worker_starts_and_answers_over_the_broker():
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "kkr", "worker", "--pool=solo", "-n", "ping-test@%h"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    name = f"ping-test@{os.uname().nodename}"
    try:
        deadline = time.monotonic() + 60
        replies = []
        while not replies and time.monotonic() < deadline and worker.poll() is None:
            replies = app.control.ping(destination=[name], timeout=1)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0]
    assert replies == [{name: {"ok": "pong"}}], output
