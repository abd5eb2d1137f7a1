import pytest
from django.core.cache import cache
from django.test import override_settings

# Fixtures that start real Celery workers (tests/workers.py) and the OpenID Connect provider.
pytest_plugins = ["tests.workers", "tests.oidc_provider.fixtures"]


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


def pass_second_factor(client, user):
    """Records in the client's session that the user gave the second factor, as allauth records a
    TOTP code accepted at login (record_authentication → accounts.secondfactor.on_authentication_step)."""
    from allauth.account.internal.flows.login import record_authentication
    from django.http import HttpRequest

    request = HttpRequest()
    request.session = client.session
    record_authentication(request, user, "mfa", type="totp")
    request.session.save()


@pytest.fixture(autouse=True)
def _logins_pass_second_factor(request, monkeypatch):
    """The secretariat must give a second factor (accounts.secondfactor). The tests of other features
    log in with the test client (login(), force_login()): each such login is recorded as having given
    it. Tests of the second factor itself are marked without_second_factor and log in for real."""
    if request.node.get_closest_marker("without_second_factor"):
        return
    from django.test import Client

    original = Client._login

    def _login(self, user, backend=None):
        original(self, user, backend)
        pass_second_factor(self, user)

    monkeypatch.setattr(Client, "_login", _login)
