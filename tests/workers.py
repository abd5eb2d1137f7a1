"""Real Celery worker processes for tests, on the test database (PostgreSQL) and Redis."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from kkr.celery import app

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def worker_env(settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("a worker process needs a database it can share with the tests (PostgreSQL)")
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return {
        **os.environ,
        # The worker works on the test database and the test's media folder.
        "DATABASE_URL": f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        # A message whose worker died comes back after 3 seconds instead of 10 minutes.
        "CELERY_VISIBILITY_TIMEOUT": "3",
    }


class Worker:
    """A `celery worker` process (prefork, one child, as in production but smaller)."""

    def __init__(self, env, log: Path, name: str):
        self.name = f"{name}@{os.uname().nodename}"
        self.log = log.open("a")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "kkr", "worker", "--concurrency=1", "-n", self.name],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so the kill takes the pool child too
        )
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[self.name], timeout=0.5):
            assert self.process.poll() is None and time.monotonic() < deadline, log.read_text()

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


@pytest.fixture
def start_worker(worker_env, tmp_path):
    app.control.purge()  # no messages left over from other tests
    workers = []

    def start(name="render-test"):
        workers.append(Worker(worker_env, tmp_path / "worker.log", f"{name}-{len(workers)}"))
        return workers[-1]

    yield start
    for worker in workers:
        worker.stop()
