"""Benchmark of the reading pages under load: requests per second and p95 latency.

    .venv/bin/python bench/web.py [--seconds 10] [--connections 20]

Runs gunicorn (2 workers, as in docker-compose.yml) with DEBUG off on a fresh PostgreSQL database
(`kkr_bench_web` on the server of DATABASE_URL, default postgres://postgres@127.0.0.1:5432), loads the
demo data, and drives it from loopback with wrk (Debian package `wrk`) at 20 concurrent connections:
the 5 Feb 2021 meeting page, a search (repeated, so from the result cache after the first request, and
fresh: a new query each request), and the login page as the reference. Targets: the meeting page at least
half the login page's throughput, p95 at most 100 ms, no errors.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
PORT = 8765
PAGES = {
    "meeting": "/kkr-nordjylland/2021-02-05/",
    "search": "/soeg/?q=Limfjordsr%C3%A5det",
    # The same search, but each request a query never asked before ("... or <random word>" finds the
    # same items), so no request is answered from the result cache: the cost of a fresh search.
    "search-new": "/soeg/?q=Limfjordsr%C3%A5det",
    "login": "/log-ind/",
}
FRESH_QUERY_SCRIPT = """
request = function()
  return wrk.format(nil, wrk.path .. "+or+ord" .. math.random(1, 1000000000))
end
"""
# wrk prints 50/75/90/99 % by itself; p95 and the error count come from this script.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
  local e = summary.errors
  io.write(string.format("ERRORS %d\\n", e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def database_url(name="kkr_bench_web"):
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    parts = urlsplit(base)
    return parts._replace(path=f"/{name}").geturl(), parts._replace(path="/postgres").geturl()


def recreate_database(admin_url, name="kkr_bench_web"):
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")


def demo_site(database, workdir, **extra):
    """A production-like demonstration site (DEBUG off, demo data, mail to the log, plain HTTP) on a
    fresh PostgreSQL database: migrated, its static files collected, the demo loaded. Returns its
    environment and the address to drop the database by afterwards."""
    db_url, admin_url = database_url(database)
    recreate_database(admin_url, database)
    env = {
        **{name: value for name, value in os.environ.items() if name != "CELERY_BROKER_URL"},  # eager
        "DATABASE_URL": db_url,
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-secret-key",
        "DEMO": "true",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
        **extra,
    }
    run = {"cwd": ROOT, "env": env, "check": True}
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], **run)
    # With DEBUG off the pages name their static files from the manifest collectstatic writes.
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], **run)
    subprocess.run([python, "manage.py", "load_demo"], **run, stdout=subprocess.DEVNULL)
    return env, admin_url


def gunicorn_command(port):
    """gunicorn as docker-compose.yml runs it: 2 sync workers."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "kkr.wsgi",
        "-w",
        "2",
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]


def wait_until_up(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {url}")


def run_wrk(url, seconds, connections, script):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", script, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p95 = int(re.search(r"P95_US (\d+)", out).group(1)) / 1000
    errors = int(re.search(r"ERRORS (\d+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p95, errors + (int(non_2xx.group(1)) if non_2xx else 0)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="kkr-bench-web-"))
    env, admin_url = demo_site("kkr_bench_web", workdir)
    gunicorn = subprocess.Popen(gunicorn_command(PORT), cwd=ROOT, env=env)
    script = workdir / "p95.lua"
    script.write_text(WRK_SCRIPT)
    fresh_script = workdir / "fresh.lua"
    fresh_script.write_text(WRK_SCRIPT + FRESH_QUERY_SCRIPT)
    results = {}
    try:
        base = f"http://127.0.0.1:{PORT}"
        for path in PAGES.values():
            wait_until_up(base + path)
        for name, path in PAGES.items():
            lua = str(fresh_script if name == "search-new" else script)
            run_wrk(base + path, 2, args.connections, lua)  # warm-up
            results[name] = run_wrk(base + path, args.seconds, args.connections, lua)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
        recreate_database(admin_url, "kkr_bench_web")

    print(
        f"gunicorn 2 workers, PostgreSQL, wrk {args.connections} connections x {args.seconds} s "
        f"on loopback ({os.cpu_count()} cores)"
    )
    print(f"{'page':<10} {'req/s':>8} {'p95 ms':>8} {'errors':>7}")
    for name, (rps, p95, errors) in results.items():
        print(f"{name:<10} {rps:>8.0f} {p95:>8.1f} {errors:>7}")
    ratio = results["meeting"][0] / results["login"][0]
    print(f"meeting / login throughput: {ratio:.2f} (target >= 0.5); p95 target <= 100 ms; errors target 0")


if __name__ == "__main__":
    main()
