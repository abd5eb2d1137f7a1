"""The site as `make run` serves it, in processes of its own, for tests that need what only separate
processes show: the dev server's log, SQLite's locking, a broker that is down."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANAGE = [sys.executable, "manage.py"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_env(tmp_path, **extra) -> dict:
    """The embedded default on a SQLite file in tmp_path (no broker unless given), demo data loaded."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "SMTP_HOST")}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path}/site.sqlite3", MEDIA_ROOT=str(tmp_path / "media"), **extra)
    for command in (["migrate", "--noinput"], ["load_demo"]):
        subprocess.run(MANAGE + command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    return env


def started(command, env, log: Path) -> subprocess.Popen:
    """A process in its own group (so stopping it takes its children too), its output in log."""
    with log.open("a") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def runserver(env, log: Path, *options) -> tuple[subprocess.Popen, str]:
    """The dev server on a free port, and its base address."""
    base = f"http://127.0.0.1:{free_port()}"
    return started([*MANAGE, "runserver", *options, base.removeprefix("http://")], env, log), base


def csrf_token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def logged_in(base, username, password):
    """A cookie-keeping opener logged in through the login form (waiting for the server to answer),
    with the second factor given where it is asked for."""
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    for _attempt in range(300):
        try:
            login_page = browser.open(base + "/log-ind/").read().decode()
            break
        except OSError:
            time.sleep(0.2)
    form = {"csrfmiddlewaretoken": csrf_token(login_page), "username": username, "password": password}
    login = base + "/log-ind/"
    data = urllib.parse.urlencode(form).encode()
    response = browser.open(urllib.request.Request(login, data, headers={"Referer": login}))
    if "/konto/2fa/reauthenticate/" in response.url:
        # The demo secretariat's second factor: the code its published key gives now.
        form = {"csrfmiddlewaretoken": csrf_token(response.read().decode()), "code": demo_code(username)}
        data = urllib.parse.urlencode(form).encode()
        browser.open(urllib.request.Request(response.url, data, headers={"Referer": response.url}))
    return browser


def demo_code(username):
    import pyotp

    from kkr.demo.meetings import SECRETARIAT_TOTP_SECRET

    assert username == "sekretariat", f"{username} has no demo authenticator"
    return pyotp.TOTP(SECRETARIAT_TOTP_SECRET).now()
