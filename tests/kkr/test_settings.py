import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

from django.utils import formats, translation

ROOT = Path(__file__).resolve().parents[2]
CONFIG_VARS = (
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "DEBUG",
    "SECRET_KEY",
    "CELERY_TASK_ALWAYS_EAGER",
    "ALLOWED_HOSTS",
    "SMTP_HOST",
    "DEMO",
    "BEHIND_TLS_PROXY",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    # Set for the browser tests (tests/e2e/conftest.py); check --deploy rightly refuses it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)
# What a production site sets: a real key, its host name, its mail server.
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x9Kq2vLm7Tz4Rw8Yp3Nb6Hc1Jd5Fg0Sa-e_UoIiPlMkOjNhBgVfCdXsZaQwErTy",
    "ALLOWED_HOSTS": "moeder.kl.dk",
    "SMTP_HOST": "smtp.kl.dk",
}

PROBE = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "broker": settings.CELERY_BROKER_URL,
    "debug": settings.DEBUG,
    "language": settings.LANGUAGE_CODE,
    "time_zone": settings.TIME_ZONE,
}))
"""


def clean_env(**env):
    clean = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS}
    clean.update(env, DJANGO_SETTINGS_MODULE="kkr.settings")
    return clean


def load_settings(**env):
    """Import the settings in a fresh process with only the given configuration variables."""
    return run_python("-c", PROBE, **env)


def run_python(*args, **env):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean_env(**env), capture_output=True, text=True, timeout=60
    )


def test_embedded_default_is_sqlite_with_eager_tasks():
    result = load_settings()
    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout)
    assert settings["engine"] == "django.db.backends.sqlite3"
    assert settings["eager"] is True
    assert settings["debug"] is True
    assert (settings["language"], settings["time_zone"]) == ("da", "Europe/Copenhagen")


def test_database_and_broker_urls_switch_to_postgresql_and_real_workers():
    result = load_settings(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/kkr", CELERY_BROKER_URL="redis://127.0.0.1:6379/0"
    )
    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout)
    assert settings["engine"] == "django.db.backends.postgresql"
    assert settings["eager"] is False
    assert settings["broker"] == "redis://127.0.0.1:6379/0"


def test_refuses_to_start_without_debug_and_with_the_default_secret_key():
    result = load_settings(DEBUG="false")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_settings_pass_check_deploy_without_a_warning():
    result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_sends_https_only_with_hsts_and_refuses_framing():
    probe = PROBE.replace(
        '"debug": settings.DEBUG,',
        '"redirect": settings.SECURE_SSL_REDIRECT, "hsts": settings.SECURE_HSTS_SECONDS,'
        ' "subdomains": settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, "frames": settings.X_FRAME_OPTIONS,',
    )
    production = json.loads(run_python("-c", probe, **PRODUCTION).stdout)
    assert production["redirect"] is True
    assert production["hsts"] >= 365 * 24 * 3600 and production["subdomains"] is True
    assert production["frames"] == "DENY"
    # A staged roll-out starts with a short HSTS time; development sends none.
    assert json.loads(run_python("-c", probe, **PRODUCTION, SECURE_HSTS_SECONDS="300").stdout)["hsts"] == 300
    development = json.loads(run_python("-c", probe).stdout)
    assert development["hsts"] == 0 and development["redirect"] is False


def test_refuses_to_start_in_production_without_a_mail_server():
    without_mail = {**PRODUCTION, "SMTP_HOST": ""}
    result = load_settings(**without_mail)
    assert result.returncode != 0
    assert "Set SMTP_HOST" in result.stderr
    # A demonstration site prints its mail to the log instead.
    assert load_settings(**without_mail, DEMO="true").returncode == 0


def test_refuses_a_setting_that_does_not_parse():
    result = load_settings(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_dates_are_shown_as_dd_mm_yyyy():
    with translation.override("da"):
        assert formats.date_format(datetime.date(2021, 2, 5)) == "05-02-2021"
        assert formats.date_format(datetime.date(2021, 2, 5), "SHORT_DATE_FORMAT") == "05-02-2021"
