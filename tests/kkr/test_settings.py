import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

from django.utils import formats, translation

ROOT = Path(__file__).resolve().parents[2]
CONFIG_VARS = ("DATABASE_URL", "CELERY_BROKER_URL", "DEBUG", "SECRET_KEY", "CELERY_TASK_ALWAYS_EAGER")

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


def load_settings(**env):
    """Import the settings in a fresh process with only the given configuration variables."""
    clean = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS}
    clean.update(env, DJANGO_SETTINGS_MODULE="kkr.settings")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )
    return result


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


def test_refuses_a_setting_that_does_not_parse():
    result = load_settings(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_dates_are_shown_as_dd_mm_yyyy():
    with translation.override("da"):
        assert formats.date_format(datetime.date(2021, 2, 5)) == "05-02-2021"
        assert formats.date_format(datetime.date(2021, 2, 5), "SHORT_DATE_FORMAT") == "05-02-2021"
