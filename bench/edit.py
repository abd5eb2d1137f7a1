"""Benchmark of an item save on the secretariat's edit page: the server time of the htmx request.

    .venv/bin/python bench/edit.py [--runs 50]

In-process with Django's test client (no network, so the figure is the server's time: access check,
locking, sanitising, saving, the audit entry, and rendering the item's part of the page), on a
throwaway SQLite database, or on PostgreSQL when DATABASE_URL is set (a database named after it with
a "bench_" prefix is created and dropped). The item is 3.3 of the 5 Feb 2021 agenda, the longest.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="kkr-bench-edit-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kkr.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        results = run(args.runs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"Item save (htmx POST, server time), {args.runs} saves on {connection.vendor} ({test_db})")
    print(
        f"median {results['median'] * 1000:.1f} ms, p95 {results['p95'] * 1000:.1f} ms, "
        f"min {results['min'] * 1000:.1f} ms"
    )


def run(runs):
    from django.core.management import call_command
    from django.test import Client

    from agendas.models import AgendaItem

    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
    client = Client()
    assert client.login(username="sekretariat", password="demo-sekretariat")
    item = AgendaItem.objects.get(section__meeting__date="2021-02-05", section__position=3, position=3)
    url = f"/kkr-nordjylland/2021-02-05/rediger/punkt/{item.pk}/"
    prefix = f"item-{item.pk}-"
    times = []
    for n in range(runs + 1):
        item.refresh_from_db()
        data = {
            prefix + "title": item.title,
            prefix + "case_number": item.case_number,
            prefix + "case_handler": item.case_handler,
            prefix + "background": item.background,
            prefix + "recommendation": item.recommendation,
            prefix + "presentation": item.presentation + f"<p>Rettelse {n}.</p>",
            prefix + "revision": item.revision,
        }
        started = time.perf_counter()
        response = client.post(url, data, headers={"HX-Request": "true"})
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        if n:  # the first is the warm-up
            times.append(elapsed)
    times.sort()
    return {"median": statistics.median(times), "p95": times[int(len(times) * 0.95) - 1], "min": times[0]}


if __name__ == "__main__":
    main()
