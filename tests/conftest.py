import pytest
from django.core.cache import cache
from django.test import override_settings

# Fixtures that start real Celery workers (tests/workers.py).
pytest_plugins = ["tests.workers"]


@pytest.fixture(scope="session", autouse=True)
def _demo_site():
    """The test runner turns DEBUG off; the tests load the demo data all the same, module-scoped
    fixtures included (a test may still say DEMO=False through the settings fixture)."""
    with override_settings(DEMO=True):
        yield


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Uploaded and generated files go to a fresh folder per test, never into the project.
    settings.MEDIA_ROOT = tmp_path / "media"
    # Pages cached per process (the meeting page's agenda) start empty in every test.
    cache.clear()
    # The real hasher is slow on purpose; tests create and log in users often.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def eager_tasks(monkeypatch):
    """Tasks run in the test process, as in the embedded default, whatever broker is configured: for
    tests of what a job does, not of how it is carried."""
    from kkr.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)
