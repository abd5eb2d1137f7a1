"""/health/ names the state of the database, the broker and the file storage; 200 only when all are
fine, 503 (never a 500) when one is not."""

import json
import socket

import pytest

from tests.kkr.test_settings import run_python

pytestmark = pytest.mark.django_db


def closed_port():
    """A port on this machine that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_all_fine_is_200_with_each_state(client, settings):
    response = client.get("/health/")
    assert response.status_code == 200
    states = response.json()
    assert states["database"] == "ok" and states["storage"] == "ok"
    assert states["broker"] == ("eager" if settings.CELERY_TASK_ALWAYS_EAGER else "ok")
    assert "no-store" in response["Cache-Control"]


def test_a_broker_that_is_down_is_named_not_a_500(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "error", "storage": "ok"}


def test_storage_that_cannot_be_written_is_named(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "not-a-folder"
    settings.MEDIA_ROOT.write_text("a file where the media folder should be")
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["storage"] == "error"


PROBE = """
import django, json
django.setup()
from django.test import Client
response = Client().get("/health/")
print(json.dumps({"status": response.status_code, "states": json.loads(response.content)}))
"""


def test_a_database_that_is_down_is_named_too(tmp_path):
    """In a fresh process whose database and broker are both unreachable."""
    port = closed_port()
    result = run_python(
        "-c",
        PROBE,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/kkr",
        CELERY_BROKER_URL=f"redis://127.0.0.1:{port}/0",
        ALLOWED_HOSTS="testserver",
        MEDIA_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer == {"status": 503, "states": {"database": "error", "broker": "error", "storage": "ok"}}
