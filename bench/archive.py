"""Growth with the archive: the reading pages, the edit page and search at 1, 4 and 12 years.

    .venv/bin/python bench/archive.py [--years 1 4 12] [--rebuild] [--runs 15] [--seconds 10]

Builds an archive of 5 councils × N years (10 meetings a council a year of 20 items each, so about 50,
200 and 600 meetings; the seed agenda's Danish text varied per council and year, one item in ten
closed, the seed's attachments) through the services (agendas.services.create_meeting, add_item,
add_attachment, publish_agenda) on PostgreSQL, with the PDF jobs requested but deferred: no worker takes
them (tasks are not eager and go to an in-memory broker), so nothing is rendered. Each size is kept in
its own database (`kkr_archive_1y`, `…_4y`, `…_12y` on the server of DATABASE_URL, default
postgres://postgres@127.0.0.1:5432) and reused on the next run; `--rebuild` builds them again.

For each size it prints the query count and the median in-process time (Django's test client, DEBUG
off; the sizes measured in turns, --rounds, so the load others put on the machine falls on each alike)
of: the home page, a council's year page, a meeting page, the edit page (secretariat), search
(a fresh common word and a fresh rare word, public and member: "fresh" means a query never asked before,
so the result cache does not answer), the iCalendar feed, the API's meeting list (first page) and the
Atom feed; then gunicorn (2 workers, as docker-compose.yml) under wrk at 20 connections on the fresh
common-word search. It says of every page whether it is flat, and whether the search targets are met.
Targets: the fresh common-word search at 12 years ≤ 25 ms in-process and ≥ 100 req/s
at 20 connections; every other page flat from 1 to 12 years (queries equal, time within 20 %).
A page that does not answer 200 is printed with its status, not measured.
"""

import argparse
import datetime
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.web import (  # noqa: E402
    FRESH_QUERY_SCRIPT,
    ROOT,
    WRK_SCRIPT,
    database_url,
    gunicorn_command,
    run_wrk,
    wait_until_up,
)

PORT = 8767
COUNCILS = [
    ("KKR Nordjylland", "kkr-nordjylland", "Nordjylland", "Aalborg Rådhus"),
    ("KKR Midtjylland", "kkr-midtjylland", "Midtjylland", "Aarhus Rådhus"),
    ("KKR Syddanmark", "kkr-syddanmark", "Syddanmark", "Odense Rådhus"),
    ("KKR Sjælland", "kkr-sjaelland", "Sjælland", "Sorø Rådhus"),
    ("KKR Hovedstaden", "kkr-hovedstaden", "Hovedstaden", "Hillerød Rådhus"),
]
LAST_YEAR = 2025
MONTHS = [1, 2, 3, 4, 5, 6, 9, 10, 11, 12]  # ten meetings a year, none in July and August
ITEMS_PER_MEETING = 20
COMMON_WORD = "kommunerne"
RARE_WORD = "Hjelmsøen"  # in one item of about every thousand
SECRETARY = "arkiv-sekretariat"
MEMBER = "arkiv-medlem"
MARKER = "bench_archive_built"  # a table written when a build has finished, with its size and time


def child_env(name):
    db_url, _admin = database_url(name)
    media = Path(tempfile.gettempdir()) / "kkr-archive-media" / name
    return {
        **{k: v for k, v in os.environ.items() if k != "CELERY_BROKER_URL"},
        "DATABASE_URL": db_url,
        # Not eager, no broker: the PDF jobs are written and sent to an in-memory queue nobody reads.
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-secret-key",
        "DEMO": "true",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "MEDIA_ROOT": str(media),
        "LOG_LEVEL": "ERROR",
    }


# The build, in a child process on the size's database


def _vary(text, region, year):
    """The seed's text as another council would write it another year."""
    for old, new in (("2022", str(year + 1)), ("2021", str(year)), ("2020", str(year - 1))):
        text = text.replace(old, new)
    return text.replace("Nordjylland", region).replace("nordjyske", f"{region.lower()}s")


def _seed_items():
    """The seed agenda's items that are not routine (those come with the standard agenda)."""
    from kkr.demo.agenda_2021_02_05 import SECTIONS

    routine = {"Godkendelse af referat", "Godkendelse af dagsorden", "Punkter til næste møde"}
    return [item for section in SECTIONS for item in section["items"] if item["title"] not in routine]


def build(years):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from agendas.services import add_attachment, add_item, create_meeting, publish_agenda
    from kkr.demo.loader import stand_in_pdf
    from kkr.models import Council, Membership, Person

    started = time.perf_counter()
    users = get_user_model().objects
    secretary = users.create_user(SECRETARY, password="arkiv", first_name="Arkivets sekretariat")
    member = users.create_user(MEMBER, password="arkiv", first_name="Arkivets medlem")
    person = Person.objects.create(name="Arkivets medlem", party="A", user=member)
    councils = []
    for name, slug, region, place in COUNCILS:
        council = Council.objects.create(name=name, slug=slug)
        council.secretariat.add(secretary)
        councils.append((council, region, place))
    Membership.objects.create(person=person, council=councils[0][0], start=datetime.date(2000, 1, 1))

    seed = _seed_items()
    pdfs = {}  # one stand-in file per attachment title: stored and read once, as the same file would be
    counter = 0
    for year in range(LAST_YEAR - years + 1, LAST_YEAR + 1):
        for month in MONTHS:
            for n, (council, region, place) in enumerate(councils):
                with transaction.atomic():
                    date = datetime.date(year, month, 4 + 5 * n)
                    meeting = create_meeting(
                        council,
                        date=date,
                        start_time=datetime.time(9, 0),
                        place=place,
                        case_number=f"SAG-{year}-{n + 1}{month:02d}00",
                        case_handler="arkiv",
                    )
                    sections = {s.position: s for s in meeting.sections.all()}
                    extra = ITEMS_PER_MEETING - sum(s.items.count() for s in sections.values())
                    for k in range(extra):
                        counter += 1
                        spec = seed[(counter + year + n) % len(seed)]
                        background = _vary(spec["background"], region, year)
                        if counter % 997 == 0:
                            background += f"<p>Sagen vedrører også området ved {RARE_WORD}.</p>"
                        section = sections[4 if k == extra - 2 else 5 if k == extra - 1 else 3]
                        item = add_item(
                            section,
                            title=_vary(spec["title"], region, year)[:300],
                            case_number=f"SAG-{year}-{counter:05d}",
                            case_handler=spec.get("case_handler", "arkiv"),
                            background=background,
                            recommendation=_vary(spec["recommendation"], region, year),
                            presentation=_vary(spec["presentation"], region, year),
                            is_closed=counter % 10 == 7,
                        )
                        for title in spec["attachments"][:2]:
                            title = title if isinstance(title, str) else title[0]
                            if title not in pdfs:
                                pdfs[title] = stand_in_pdf(title, "3.1")
                            add_attachment(item, title, pdfs[title])
                    publish_agenda(meeting, sent_on=date - datetime.timedelta(days=7), notify=False)
        print(f"  {year}: {counter} items so far, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    # The meeting after the archive, in the making: the edit page's subject.
    create_meeting(
        councils[0][0],
        date=datetime.date(LAST_YEAR + 1, 1, 9),
        start_time=datetime.time(9, 0),
        place=councils[0][2],
        case_number=f"SAG-{LAST_YEAR + 1}-00001",
        case_handler="arkiv",
    )
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute(f"CREATE TABLE {MARKER} (years integer, seconds double precision)")
        cursor.execute(f"INSERT INTO {MARKER} VALUES (%s, %s)", [years, seconds])
    return {"seconds": seconds}


# The measurement, in a child process on the size's database


def measure(runs):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from agendas.models import Meeting, SearchEntry

    slug = COUNCILS[0][1]
    last = Meeting.objects.published().filter(council__slug=slug).latest("date")
    draft = Meeting.objects.filter(council__slug=slug, published_version__isnull=True).latest("date")
    users = get_user_model().objects
    public, member, secretary = Client(), Client(), Client()
    member.force_login(users.get(username=MEMBER))
    secretary.force_login(users.get(username=SECRETARY))
    fresh = iter(range(1, 10**9))

    def search(word):
        # never asked before, in this process or an earlier one (the cache may be shared)
        return lambda: f"/soeg/?q={word}+or+ord{os.getpid()}x{next(fresh)}"

    cases = [
        ("home", public, lambda: "/"),
        ("year page", public, lambda: f"/{slug}/{last.date.year}/"),
        ("meeting page", public, lambda: last.get_absolute_url()),
        ("edit page", secretary, lambda: f"/{slug}/{draft.date.isoformat()}/rediger/"),
        ("search common, public", public, search(COMMON_WORD)),
        ("search common, member", member, search(COMMON_WORD)),
        ("search rare, public", public, search(RARE_WORD)),
        ("search rare, member", member, search(RARE_WORD)),
        ("iCal feed", public, lambda: f"/{slug}/moeder.ics"),
        ("API meetings", public, lambda: "/api/v1/moeder/"),
        ("Atom feed", public, lambda: f"/{slug}/dagsordener.atom"),
    ]
    results = {}
    for name, client, path in cases:
        response = client.get(path())  # warm-up: connection, templates, the search form's choices
        if response.status_code != 200:
            results[name] = {"status": response.status_code}
            continue
        times, queries, size = [], 0, 0
        for _ in range(runs):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(path())
                times.append(time.perf_counter() - start)
            queries = len(captured)
            size = len(response.content)
        results[name] = {"queries": queries, "times": times, "kb": size / 1024}
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_total_relation_size(%s)", [SearchEntry._meta.db_table])
        index_bytes = cursor.fetchone()[0]
    return {
        "meetings": Meeting.objects.published().count(),
        "entries": SearchEntry.objects.count(),
        "index_mb": index_bytes / 1024 / 1024,
        "pages": results,
    }


# The parent: builds what is missing, measures each size, runs wrk


def run_child(name, *args):
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        cwd=ROOT,
        env=child_env(name),
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def built_seconds(name):
    """The build time of the size's database if a build finished there, else None."""
    import psycopg

    db_url, admin_url = database_url(name)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return None
    with psycopg.connect(db_url) as connection:
        if not connection.execute("SELECT to_regclass(%s)", [MARKER]).fetchone()[0]:
            return None
        return connection.execute(f"SELECT seconds FROM {MARKER}").fetchone()[0]


def ensure_built(name, years, rebuild):
    import psycopg

    seconds = None if rebuild else built_seconds(name)
    if seconds is not None:
        # Kept from an earlier run: brought up to the code's migrations, and vacuumed and analyzed as
        # autovacuum would have done by now (a migration may have rewritten a table).
        env = child_env(name)
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        with psycopg.connect(database_url(name)[0], autocommit=True) as connection:
            connection.execute("VACUUM ANALYZE")
        return seconds, False

    _db_url, admin_url = database_url(name)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    shutil.rmtree(child_env(name)["MEDIA_ROOT"], ignore_errors=True)
    env = child_env(name)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    print(f"building {name} ({years} years × {len(COUNCILS)} councils) …", file=sys.stderr)
    return run_child(name, "build", str(years))["seconds"], True


def wrk_search(name, seconds, connections, workdir):
    """Requests per second of the fresh common-word search under gunicorn."""
    env = child_env(name)
    gunicorn = subprocess.Popen(gunicorn_command(PORT), cwd=ROOT, env=env)
    script = workdir / "fresh.lua"
    script.write_text(WRK_SCRIPT + FRESH_QUERY_SCRIPT)
    url = f"http://127.0.0.1:{PORT}/soeg/?q={COMMON_WORD}"
    try:
        wait_until_up(url, timeout=60)
        run_wrk(url, 2, connections, str(script))  # warm-up
        return run_wrk(url, seconds, connections, str(script))
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--years", type=int, nargs="+", default=[1, 4, 12])
    parser.add_argument("--rebuild", action="store_true", help="build the databases again")
    parser.add_argument("--runs", type=int, default=15, help="requests per page for the median")
    parser.add_argument(
        "--rounds", type=int, default=3, help="turns the sizes are measured in (--runs shared among them)"
    )
    parser.add_argument("--seconds", type=int, default=10, help="wrk's duration")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--no-wrk", action="store_true", help="in-process figures only")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kkr.settings")
        what, value = args.child
        result = build(int(value)) if what == "build" else measure(int(value))
        print(json.dumps(result))
        return
    if not args.no_wrk and not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (or --no-wrk)")

    workdir = Path(tempfile.mkdtemp(prefix="kkr-bench-archive-"))
    env = child_env(f"kkr_archive_{args.years[0]}y")
    # With DEBUG off the pages name their static files from the manifest collectstatic writes.
    collect = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(collect, cwd=ROOT, env=env, check=True)
    sizes = {}
    for years in args.years:
        name = f"kkr_archive_{years}y"
        sizes[years] = {"build": ensure_built(name, years, args.rebuild)}
    # The sizes are measured in turns, a share of the requests each round, so a change in the load others
    # put on the machine meanwhile falls on every size alike.
    per_round = max(args.runs // args.rounds, 1)
    for _ in range(args.rounds):
        for years, figures in sizes.items():
            measured = run_child(f"kkr_archive_{years}y", "measure", str(per_round))
            pages = figures.setdefault("pages", {})
            for page, cell in measured.pop("pages").items():
                if "times" in cell and "times" in pages.get(page, cell):
                    cell["times"] = pages.get(page, {}).get("times", []) + cell["times"]
                pages[page] = cell
            figures.update(measured)
    for figures in sizes.values():
        for cell in figures["pages"].values():
            if "times" in cell:
                times = cell.pop("times")
                cell.update(ms=statistics.median(times) * 1000, min_ms=min(times) * 1000)
    if not args.no_wrk:
        for years, figures in sizes.items():
            figures["wrk"] = wrk_search(f"kkr_archive_{years}y", args.seconds, args.connections, workdir)
    shutil.rmtree(workdir, ignore_errors=True)
    report(sizes, args)


FLAT = 1.2  # a page is flat if its time at the largest size is within 20 % of the smallest's
TARGET_MS, TARGET_RPS = 25, 100  # the fresh common-word search at 12 years
SEARCH_PAGES = ("search common, public", "search common, member")


def report(sizes, args):
    print(
        f"Archive of {len(COUNCILS)} councils, PostgreSQL, in-process medians of {args.runs} requests "
        f"in {args.rounds} rounds "
        f"({os.cpu_count()} cores; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end)"
    )
    for years, figures in sizes.items():
        seconds, fresh = figures["build"]
        kept = "" if fresh else " (kept from an earlier run; --rebuild to build again)"
        print(
            f"{years:>2} years: {figures['meetings']} published meetings, "
            f"{figures['entries']} search entries ({figures['index_mb']:.0f} MB on disk); "
            f"built in {seconds:.0f} s{kept}"
        )
    first, last = min(sizes), max(sizes)
    header = f"{'page':<24}" + "".join(f"{f'{y}y q':>6}{f'{y}y ms':>9}" for y in sizes)
    print(header + f"   {first}→{last} years")
    for page in next(iter(sizes.values()))["pages"]:
        line = f"{page:<24}"
        for figures in sizes.values():
            cell = figures["pages"][page]
            if "status" in cell:
                line += f"{'HTTP':>6}{cell['status']:>9}"
            else:
                line += f"{cell['queries']:>6}{cell['ms']:>9.1f}"
        print(f"{line}   {verdict(page, sizes[first]['pages'][page], sizes[last]['pages'][page])}")
    if not args.no_wrk:
        print(
            f"fresh search for {COMMON_WORD!r}, gunicorn 2 workers, wrk {args.connections} connections "
            f"× {args.seconds} s:"
        )
        for years, figures in sizes.items():
            rps, p95, errors = figures["wrk"]
            print(f"  {years:>2} years: {rps:.0f} req/s, p95 {p95:.0f} ms, {errors} errors")
    print(
        f"targets: fresh common-word search at 12 years ≤ {TARGET_MS} ms in-process and ≥ {TARGET_RPS} "
        "req/s; every other page flat (queries equal, time within 20 %)"
    )
    if 12 in sizes:
        pages = sizes[12]["pages"]
        for page in SEARCH_PAGES:
            ms = pages[page].get("ms")
            met = ms is not None and ms <= TARGET_MS
            print(f"  {page} at 12 years: {ms or 0:.1f} ms in-process: {'met' if met else 'NOT met'}")
        if not args.no_wrk:
            rps = sizes[12]["wrk"][0]
            print(f"  public, 20 connections: {rps:.0f} req/s: {'met' if rps >= TARGET_RPS else 'NOT met'}")
    else:
        print("  (the search targets are for 12 years: run with --years … 12)")


def verdict(page, small, large):
    """Whether a page is flat from the smallest archive to the largest: the same queries, and time
    within 20 %. The fastest request's ratio is printed too: on a machine others are loading, it is the
    figure least moved by them."""
    if "status" in small or "status" in large:
        return "not measured"
    ratio, fastest = large["ms"] / small["ms"], large["min_ms"] / small["min_ms"]
    figures = f"×{ratio:.2f} median, ×{fastest:.2f} fastest"
    if page.startswith("search"):
        return f"{figures} (search: bounded, see the targets)"
    if large["queries"] != small["queries"]:
        return f"NOT flat: {small['queries']} → {large['queries']} queries; {figures}"
    if ratio <= FLAT:
        return f"flat: queries equal, {figures}"
    # A page that holds more at the larger size (a feed up to its cap of entries) says so by its size.
    grown = f"; {small['kb']:.0f} → {large['kb']:.0f} KB" if large["kb"] > FLAT * small["kb"] else ""
    return f"NOT flat: queries equal, {figures}{grown}"


if __name__ == "__main__":
    main()
