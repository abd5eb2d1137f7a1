"""Load on a just-published agenda: 200 concurrent anonymous readers for 60 s.

    .venv/bin/python bench/load.py [--seconds 60] [--connections 200]

Runs gunicorn as docker-compose.yml does (2 sync workers, DEBUG off) on a fresh PostgreSQL database
(`kkr_bench_load` on the server of DATABASE_URL) with a real Celery worker on Redis (CELERY_BROKER_URL,
default redis://127.0.0.1:6379/14), loads the demo data, publishes the draft of 23 April 2021 and at once
lets wrk (Debian package `wrk`) loose on it from loopback: each connection asks in turn for the meeting
page, the agenda PDF and the pack, so the first requests find the PDFs being rendered (a page that says
so) and the later ones download them. Prints throughput, p50/p95 and errors; the target is zero errors
(a refused connection, a timeout, or any answer that is not 2xx/3xx).
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.web import ROOT, demo_site, gunicorn_command, recreate_database, wait_until_up  # noqa: E402

PORT = 8766
MEETING = "/kkr-nordjylland/2021-04-23/"
PATHS = [MEETING, MEETING + "pdf/dagsorden/", MEETING + "pdf/samlet/"]
# Each request the next of the three addresses; at the end p50, p95 and every kind of error.
LUA_PATHS = ", ".join(f'"{path}"' for path in PATHS)
WRK_SCRIPT = (
    f"local paths = {{{LUA_PATHS}}}\n"
    + """
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("P50_US %d\\n", latency:percentile(50)))
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
  local e = summary.errors
  io.write(string.format("ERRORS %d %d %d %d %d\\n", e.connect, e.read, e.write, e.status, e.timeout))
  io.write(string.format("BYTES %d\\n", summary.bytes))
end
"""
)
PUBLISH = """
from agendas.models import Meeting
from agendas.services import publish_agenda
publish_agenda(Meeting.objects.get(date="2021-04-23"), notify=False)
"""


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=200)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="kkr-bench-load-"))
    broker = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/14")
    env, admin_url = demo_site("kkr_bench_load", workdir, CELERY_BROKER_URL=broker)
    python = sys.executable
    run = {"cwd": ROOT, "env": env, "check": True}
    subprocess.run([python, "-m", "celery", "-A", "kkr", "purge", "-f"], **run, stdout=subprocess.DEVNULL)
    log = (workdir / "servers.log").open("w")
    servers = [
        subprocess.Popen(gunicorn_command(PORT), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT),
        subprocess.Popen(
            [python, "-m", "celery", "-A", "kkr", "worker", "--concurrency=1", "-n", "bench-load@%h"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        ),
    ]
    script = workdir / "readers.lua"
    script.write_text(WRK_SCRIPT)
    base = f"http://127.0.0.1:{PORT}"
    try:
        wait_until_up(base + "/log-ind/")
        subprocess.run([python, "manage.py", "shell", "-c", PUBLISH], **run)  # just published
        out = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{args.connections}",
                f"-d{args.seconds}s",
                "--timeout",
                "30s",
                "-s",
                script,
                base,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
        recreate_database(admin_url, "kkr_bench_load")
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50, p95 = (int(re.search(rf"{name}_US (\d+)", out).group(1)) / 1000 for name in ("P50", "P95"))
    connect, read, write, status, timeout = map(
        int, re.search(r"ERRORS (\d+) (\d+) (\d+) (\d+) (\d+)", out).groups()
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    bad = int(non_2xx.group(1)) if non_2xx else 0
    megabytes = int(re.search(r"BYTES (\d+)", out).group(1)) / 1e6
    print(
        f"gunicorn 2 workers + 1 Celery worker, PostgreSQL, wrk {args.connections} connections x "
        f"{args.seconds} s on loopback ({os.cpu_count()} cores); the 23-04-2021 agenda published at the start"
    )
    print(f"requests {requests}, {rps:.0f} req/s, {megabytes:.0f} MB, p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    print(
        f"errors: connect {connect}, read {read}, write {write}, timeout {timeout}, "
        f"non-2xx/3xx {bad} (target: all 0)"
    )


if __name__ == "__main__":
    main()
