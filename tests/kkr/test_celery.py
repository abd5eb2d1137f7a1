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


MEMORY_PROBE = """
from kkr.celery import limit_memory
limit_memory()  # what Celery's worker_process_init runs in each pool process
small = bytearray(64 * 1024 * 1024)
try:
    big = bytearray(1024 * 1024 * 1024)
except MemoryError:
    print("refused")
else:
    print("allowed")
"""


@pytest.mark.parametrize("megabytes, outcome", [("512", "refused"), ("0", "allowed")])
def test_a_worker_process_cannot_take_more_memory_than_its_cap(megabytes, outcome):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kkr.settings", "PDF_WORKER_MAX_MEMORY_MB": megabytes}
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == outcome
