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
    "STORAGE_BACKEND",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
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


STORAGE_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage
print(json.dumps({
    "backend": settings.STORAGES["default"]["BACKEND"],
    "bucket": getattr(default_storage, "bucket_name", None),
    "endpoint": getattr(default_storage, "endpoint_url", None),
    "region": getattr(default_storage, "region_name", None),
    "access_key": getattr(default_storage, "access_key", None),
    "acl": getattr(default_storage, "default_acl", "none"),
    "signed": getattr(default_storage, "querystring_auth", None),
}))
"""


def test_files_are_on_the_local_disk_by_default_and_in_a_private_bucket_when_configured():
    local = json.loads(run_python("-c", STORAGE_PROBE).stdout)
    assert local["backend"] == "kkr.lib.storage.LocalStorage"
    result = run_python(
        "-c",
        STORAGE_PROBE,
        STORAGE_BACKEND="s3",
        AWS_STORAGE_BUCKET_NAME="kkr-filer",
        AWS_S3_ENDPOINT_URL="https://s3.example.dk",
        AWS_S3_REGION_NAME="eu-north-1",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY="hemmelig",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "backend": "kkr.lib.storage.S3Storage",
        "bucket": "kkr-filer",
        "endpoint": "https://s3.example.dk",
        "region": "eu-north-1",
        "access_key": "AKIAEXAMPLE",
        "acl": None,  # no ACL sent: objects are as private as the bucket
        "signed": True,  # any address the storage hands out is signed and expires
    }


def test_refuses_a_bucket_storage_without_a_bucket_or_an_unknown_storage():
    result = load_settings(STORAGE_BACKEND="s3")
    assert result.returncode != 0
    assert "Set AWS_STORAGE_BUCKET_NAME" in result.stderr
    result = load_settings(STORAGE_BACKEND="ftp")
    assert result.returncode != 0
    assert "STORAGE_BACKEND must be one of local, s3, not 'ftp'" in result.stderr
