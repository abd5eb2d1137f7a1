"""Benchmark of the PDF renders: median time and peak memory per document, beside bare WeasyPrint
and pdfmake on the same agenda, in the same run.

    .venv/bin/python bench/pdf.py [--runs 3] [--postgres]

Every timed render is warm: each case's process renders once before its timed runs (imports, fonts,
parsed stylesheets), as a worker that has rendered before. The render cases run on a throwaway SQLite
database and media folder, one process per case so that its peak memory is its own. Cases:

- agenda   the 5 Feb 2021 agenda (public) rendered by the job code the worker runs
           (documents.jobs.claim_document + render_claimed_document) on a RenderedDocument row of the
           published AgendaVersion: build the HTML from the version, fingerprint it, lay out, write,
           store by hash, mark ready
- floor    bare WeasyPrint, none of our code, on the exact HTML the worker renders for that row, with one
           FontConfiguration and the stylesheet parsed once and reused across runs (as our code keeps
           both per process), same PDF variant (PDF/UA) and metadata. It runs in the agenda's process,
           its runs interleaved with ours: same process, warm against warm
- pdfmake  bench/pdfmake_agenda.js: pdfmake 0.2 (OpenSlides' PDF engine) in Node lays out the seed text
           of the same agenda (written as JSON by this script from kkr/demo) with a table of contents,
           running header and "SIDE | n" page labels; several renders in one Node process, the median
           of the warm ones. Needs node and `npm ci` in bench/; without them the column is skipped
- pack     the 5 Feb 2021 agenda pack (public): agenda + every attachment, stamped
- big      a generated meeting of 100 items with 40 ten-page attachments: its pack
           Where the pack is laid out in parts (documents.sections), these two cases are the job's steps
           with the pack in one layout, and beside them, in the same process and runs: the pack from
           parts on an empty part store (laid out here, one after the other: no workers), and from
           the parts the run before stored (the assembly and the underlay)
- publish  on PostgreSQL and Redis with 2 real Celery worker processes: publish the 5 Feb agenda again
           through agendas.services and poll until all four of its PDFs (agenda and pack, public and
           members) are ready; the wall time. The workers render one publication first (warm workers).
           Needs CELERY_BROKER_URL (its queue is purged) and a PostgreSQL server: DATABASE_URL's, or
           with --postgres postgres://postgres@127.0.0.1:5432; a database `kkr_bench_pdf` is created
           there and dropped afterwards (`<name>_bench_pdf` where DATABASE_URL names a database
           <name>, so that benches on one server under different names do not drop each other's).
           Skipped with a message otherwise
- sections per-section rendering (documents.sections), with the publish case's workers: a new
           version with a cold part store, and one with one item outside section 3 changed, and the
           pack of a new version with a cold part store; see SECTION CASES below. Skipped where that
           code does not exist. Where it does, the agenda case is the job's steps with the agenda in
           one layout (sectioned=False)
"""

import argparse
import html.parser
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
FEB_5 = "2021-02-05"
BIG = "2021-06-18"
PEAK_MB_TARGET = 300
# (target in seconds, or a factor of pdfmake's median, or None: printed only)
TARGETS = {
    "agenda": None,
    "floor": None,
    "pdfmake": None,
    "sections-cold": ("pdfmake", 1.5),
    "sections-one-item": ("pdfmake", 0.5),
    "pack": ("s", 1.2),
    "pack-parts-cold": ("s", 1.2),
    "pack-parts-warm": ("s", 1.2),
    "pack-parts-workers": ("s", 1.2),
    "big": ("s", 4.0),
    "big-parts-cold": ("s", 4.0),
    "big-parts-warm": ("s", 4.0),
    "publish": None,
}
LABELS = {
    "agenda": "5 Feb agenda, warm, one render (job code)",
    "floor": "  bare WeasyPrint, same HTML, warm (floor)",
    "pdfmake": "  pdfmake 0.2, seed text, warm",
    "sections-cold": "5 Feb agenda, cold section cache, 2 workers",
    "sections-one-item": "  same, one item outside section 3 changed",
    "pack": "5 Feb pack, warm",
    "pack-parts-cold": "  in parts, empty part store, 1 process",
    "pack-parts-warm": "  in parts, parts stored (assembly, underlay)",
    "pack-parts-workers": "  pack, cold part store, 2 workers",
    "big": "100 items + 40 x 10-page attachments, pack",
    "big-parts-cold": "  in parts, empty part store, 1 process",
    "big-parts-warm": "  in parts, parts stored (assembly, underlay)",
    "publish": "Publish -> all four 5 Feb PDFs ready, 2 workers",
}


# Django set-up and data


def setup_django(workdir: Path | None = None):
    """Django on the SQLite database and media folder in workdir (eager tasks), or, without workdir,
    on the environment's DATABASE_URL and CELERY_BROKER_URL."""
    if workdir is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
        os.environ["MEDIA_ROOT"] = str(workdir / "media")
        os.environ.pop("CELERY_BROKER_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kkr.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def create_data(workdir: Path):
    """The demo data plus a generated meeting of 100 items with 40 ten-page attachments, and the seed
    text as JSON for pdfmake."""
    import datetime

    from django.core.management import call_command

    from agendas.models import AgendaSection, Meeting
    from agendas.services import add_attachment, add_item, publish_agenda
    from kkr.demo.agenda_2021_02_05 import SECTIONS
    from kkr.lib.simplepdf import text_pdf
    from kkr.models import Council

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
    council = Council.objects.get(slug="kkr-nordjylland")
    meeting = Meeting.objects.create(
        council=council,
        date=datetime.date.fromisoformat(BIG),
        start_time=datetime.time(9, 0),
        place="Benchmark",
    )
    seed_items = [item for section in SECTIONS for item in section["items"]]
    sections = [
        AgendaSection.objects.create(meeting=meeting, position=n, title=section["title"])
        for n, section in enumerate(SECTIONS, start=1)
    ]
    for n in range(100):
        seed = seed_items[n % len(seed_items)]
        section = sections[2] if n % 4 else sections[n % len(sections)]
        item = add_item(
            section,
            title=f"{seed['title']} ({n + 1})",
            case_number=seed["case_number"],
            case_handler=seed["case_handler"],
            background=seed["background"],
            recommendation=seed["recommendation"],
            presentation=seed["presentation"],
        )
        if n < 40:
            title = f"Bilag {n + 1} til {seed['title']}"
            add_attachment(item, title, text_pdf(title, ["Benchmarkbilag. " * 40] * 6, pages=10))
    # Published as the secretariat publishes, so the benchmark renders what readers get.
    publish_agenda(meeting, notify=False, render=False)
    (workdir / "seed.json").write_text(json.dumps(seed_json(), ensure_ascii=False))


class _Blocks(html.parser.HTMLParser):
    """An item text's HTML (p, ul, ol, li, h5, strong, em: what the portal's allow-list keeps) as
    blocks of text runs, for pdfmake."""

    def __init__(self):
        super().__init__()
        self.blocks, self.runs, self.list, self.bold, self.italics = [], None, None, 0, 0

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "h5", "li"):
            self.runs = []
        elif tag in ("ul", "ol"):
            self.list = {"type": tag, "items": []}
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italics += 1

    def handle_endtag(self, tag):
        if tag == "li" and self.list is not None:
            self.list["items"].append(self.runs or [])
            self.runs = None
        elif tag in ("p", "h5") and self.runs is not None:
            self.blocks.append({"type": tag, "runs": self.runs})
            self.runs = None
        elif tag in ("ul", "ol") and self.list is not None:
            self.blocks.append(self.list)
            self.list = None
        elif tag in ("strong", "b"):
            self.bold -= 1
        elif tag in ("em", "i"):
            self.italics -= 1

    def handle_data(self, data):
        if self.runs is not None and data:
            self.runs.append({"text": data, "bold": self.bold > 0, "italics": self.italics > 0})


def _blocks(fragment: str) -> list[dict]:
    parser = _Blocks()
    parser.feed(fragment or "")
    parser.close()
    return parser.blocks


def seed_json() -> dict:
    """The 5 Feb 2021 agenda's seed text (kkr/demo, transcribed from shared/seed/) as the cover,
    contents, sections and items pdfmake lays out (bench/pdfmake_agenda.js)."""
    from kkr.demo.agenda_2021_02_05 import SECTIONS
    from kkr.demo.meetings import COUNCIL, MEETINGS

    facts = next(spec for spec in MEETINGS if spec["date"].isoformat() == FEB_5)
    date = facts["date"].strftime("%d-%m-%Y")
    sections = []
    for position, section in enumerate(SECTIONS, start=1):
        items = []
        for number, item in enumerate(section["items"], start=1):
            texts = [
                {"heading": heading, "blocks": _blocks(item[key])}
                for heading, key in (
                    ("Baggrund", "background"),
                    ("Indstilling", "recommendation"),
                    ("Sagsfremstilling", "presentation"),
                )
                if item[key]
            ]
            items.append(
                {
                    "position": number,
                    "title": item["title"],
                    "case_line": f"{item['case_number']} {item['case_handler']}",
                    "texts": texts,
                    "attachments": list(item["attachments"]),
                }
            )
        sections.append({"position": position, "title": section["title"], "items": items})
    return {
        "kind": "Dagsorden",
        "title": f"Dagsorden – {COUNCIL['name']} {date}",
        "council": COUNCIL["name"],
        "running_header": f"{COUNCIL['name']} | {date}",
        "facts": [
            ["Dato:", f"{date} kl. {facts['start_time']:%H.%M}"],
            ["Sted:", facts["place"]],
            ["Dagsorden udsendt:", facts["agenda_sent_on"].strftime("%d-%m-%Y")],
        ],
        "statements": [["Mission", COUNCIL["mission"]], ["Vision", COUNCIL["vision"]]],
        "toc_title": "Indholdsfortegnelse",
        "attachments_title": "Bilag:",
        "sections": sections,
    }


# Renders in one process


def job_renderer(kind_name: str, date: str, audience: str = "public"):
    """A render as the worker does one job: claim the RenderedDocument row of the meeting's published
    version, build its HTML from the version, check its fingerprint, lay out and write the PDF, store it
    by hash and mark the row ready (documents.jobs, which documents.tasks.render_document runs). The
    row is put back in the queue before each run. Returns (render, html)."""
    from agendas.content import AgendaContent
    from agendas.models import Meeting
    from documents import jobs, registry
    from documents.models import RenderedDocument

    kind = registry.get(kind_name)
    meeting = Meeting.objects.select_related("council", "published_version").get(date=date)
    published = AgendaContent.from_version(meeting.published_version)
    identity = kind.identify(published)
    document, _created = RenderedDocument.objects.get_or_create(
        kind=kind.name,
        audience=audience,
        content_hash=jobs.fingerprint(kind, published, audience),
        defaults={
            "council_id": identity.council_id,
            "meeting_id": identity.meeting_id,
            "version_id": identity.version_id,
        },
    )

    def render():
        RenderedDocument.objects.filter(pk=document.pk).update(
            status=RenderedDocument.Status.QUEUED, attempts=0, claimed_by=""
        )
        claimed = jobs.claim_document(document.pk, "bench")
        done = jobs.render_claimed_document(claimed)
        assert done.status == RenderedDocument.Status.READY, done.error
        return done.page_count

    def render_in_one_layout():
        # A kind laid out in sections (documents.sections) would, from the second run on, only
        # assemble the parts it stored in the first: its single render is the job's steps with the
        # whole document in one layout, as before sections (the sections have their own cases).
        source = kind.source_of(document)
        built = jobs.build(kind, source, audience)
        assert jobs.fingerprint(kind, source, audience, built) == document.content_hash
        _data, pages = jobs.render_pdf(kind, source, audience, built, sectioned=False)
        return pages

    # Exactly the HTML the job lays out: from the row's version, as render_claimed_document builds it.
    built = jobs.build(kind, kind.source_of(document), audience)
    return (render_in_one_layout if getattr(kind, "sectioned", False) else render), built


def floor_renderer(built):
    """Bare WeasyPrint on the HTML the worker renders and our stylesheet: none of our code (its URL
    fetcher, its paused garbage collector), but, as our code does per process, one FontConfiguration and
    the stylesheet parsed once, reused by every render. Only the stylesheet's static: font URLs are
    rewritten to file: URLs, which WeasyPrint's default fetcher reads. Same PDF variant (tagged PDF/UA)
    and metadata as ours, so the ratio measures what our code adds."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    from agendas import pdf
    from kkr.lib.pdf import PDF_UA

    css_text = "".join((ROOT / "static" / path).read_text() for path in pdf.AGENDA.stylesheets)
    css_text = css_text.replace("static:", (ROOT / "static").as_uri() + "/")
    font_config = FontConfiguration()
    css = weasyprint.CSS(string=css_text, font_config=font_config)

    def render():
        document = weasyprint.HTML(string=built.html).render(
            stylesheets=[css], font_config=font_config, pdf_variant=PDF_UA
        )
        document.metadata.title = built.title
        document.metadata.authors = [built.author]
        document.metadata.lang = "da"
        document.write_pdf(pdf_variant=PDF_UA)
        return len(document.pages)

    return render


def timed(renders: dict, runs: int) -> dict:
    """Warm each render once, then time `runs` rounds, the renders interleaved within a round (so a
    load on the machine hits them alike)."""
    pages = {name: render() for name, render in renders.items()}  # warm-up
    times = {name: [] for name in renders}
    for _ in range(runs):
        for name, render in renders.items():
            started = time.perf_counter()
            pages[name] = render()
            times[name].append(time.perf_counter() - started)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        name: {
            "median": statistics.median(times[name]),
            "runs": times[name],
            "pages": pages[name],
            "peak_mb": peak_mb,
        }
        for name in renders
    }


def run_case(case: str, runs: int) -> dict:
    """One child process's cases: "agenda" (with the floor), "pack", "big"."""
    if case == "agenda":
        ours, built = job_renderer("agenda", FEB_5)
        results = timed({"agenda": ours, "floor": floor_renderer(built)}, runs)
        results["agenda"]["one_layout"] = sectioned()
        return results
    ours, _built = job_renderer("pack", FEB_5 if case == "pack" else BIG)
    if not pack_sectioned():
        return timed({case: ours}, runs)
    renders = {case: ours, **pack_parts_renderers(case, FEB_5 if case == "pack" else BIG)}
    results = timed(renders, runs)
    results[case]["one_layout"] = True
    return results


def pack_sectioned() -> bool:
    from documents import registry

    return bool(getattr(registry.get("pack"), "sectioned", False))


def pack_parts_renderers(case: str, date: str) -> dict:
    """The pack laid out in parts (documents.sections) in this one process (eager: no workers): on an
    empty part store each run, and on the store the run before filled (only the assembly and the
    underlay)."""
    from agendas.content import AgendaContent
    from agendas.models import Meeting
    from documents import jobs

    meeting = Meeting.objects.select_related("council", "published_version").get(date=date)
    source = AgendaContent.from_version(meeting.published_version)
    built = jobs.build("pack", source, "public")

    def cold():
        empty_section_store()
        return jobs.render("pack", source, "public", built, sectioned=True).pages

    def warm():
        return jobs.render("pack", source, "public", built, sectioned=True).pages

    return {f"{case}-parts-cold": cold, f"{case}-parts-warm": warm}


# pdfmake


def pdfmake_case(seed: Path, runs: int) -> dict | str:
    """pdfmake's warm median on the seed text, or why it was skipped."""
    node = shutil.which("node")
    if node is None:
        return "node is missing (apt-get install nodejs): pdfmake skipped"
    if not (BENCH / "node_modules" / "pdfmake").is_dir():
        return "pdfmake is not installed (cd bench && npm ci): pdfmake skipped"
    out = subprocess.run(
        [node, str(BENCH / "pdfmake_agenda.js"), str(seed), str(runs + 1)],
        capture_output=True,
        text=True,
    )
    if out.returncode:
        return f"pdfmake failed: {out.stderr.strip().splitlines()[-1:]}"
    result = json.loads(out.stdout)
    warm = result["seconds"][1:]  # the first render warms the process
    return {"median": statistics.median(warm), "runs": warm, "pages": result["pages"], "peak_mb": None}


# SECTION CASES (per-section rendering with a part store and Celery fan-out: documents.sections, branch
# `sections`). Measured in the workers' process (publish_and_wait) when the agenda kind is sectioned:
# - "sections-cold": a new version of the 5 Feb agenda (one item's case handler changed), the part
#   store emptied, its public agenda requested: wall time until ready, 2 warm workers sharing the parts
#   (target <= 1.5 x pdfmake).
# - "sections-one-item": the same with the store as the previous render left it: one item outside
#   section 3 changed, so its section and the cover and contents are laid out again (target <= 0.5 x
#   pdfmake).
# - "pack-parts-workers": a new version, the part store emptied, its public pack requested: wall time
#   until ready (its parts shared by the 2 workers, then the underlay), beside the pack's target 1.2 s.
# Without per-section rendering in the code both are printed as skipped.
SECTION_STORE = "documents/parts"  # documents.sections.PREFIX
CHANGED_SECTION = 2  # "Siden sidst": outside section 3, the largest


def sectioned() -> bool:
    from documents import registry

    return bool(getattr(registry.get("agenda"), "sectioned", False))


def empty_section_store() -> None:
    from documents import sections
    from documents.models import RenderedDocument

    storage = RenderedDocument._meta.get_field("file").storage

    def remove(folder: str) -> None:
        if not storage.exists(folder):
            return
        folders, files = storage.listdir(folder)
        for name in files:
            storage.delete(f"{folder}/{name}")
        for name in folders:
            remove(f"{folder}/{name}")

    remove(getattr(sections, "PREFIX", SECTION_STORE))


def section_cases(runs: int) -> dict:
    """The per-section cases, with the 2 workers that are running."""
    from agendas.content import AgendaContent
    from agendas.models import AgendaItem, Meeting
    from agendas.pdf import AGENDA, PACK
    from agendas.services import publish_agenda, update_item
    from documents.models import RenderedDocument
    from documents.services import request_document

    edits = iter(range(1, 1000))

    def new_version_rendered(cold: bool, kind=AGENDA) -> tuple[float, int, float]:
        meeting = Meeting.objects.get(council__slug="kkr-nordjylland", date=FEB_5)
        items = AgendaItem.objects.filter(section__meeting=meeting, section__position=CHANGED_SECTION)
        item = items.order_by("position").first()
        update_item(item, {"case_handler": f"bm{next(edits):02d}"}, revision=item.revision)
        note = "Benchmark: et punkt rettet"
        version = publish_agenda(meeting, change_note=note, notify=False, render=False)
        if cold:
            empty_section_store()
        started = time.perf_counter()
        document = request_document(kind, AgendaContent.from_version(version), "public")
        while document.status != RenderedDocument.Status.READY:
            if document.status == RenderedDocument.Status.FAILED or time.perf_counter() - started > 300:
                raise SystemExit(f"the {kind.name} was not rendered: {document.status} {document.error}")
            # Polled often: a poll costs one primary-key query, and a coarse interval would add half
            # of itself to a render of a fraction of a second.
            time.sleep(0.005)
            document.refresh_from_db()
        return time.perf_counter() - started, document.page_count, document.render_seconds

    results = {}
    cases = (
        ("sections-cold", True, AGENDA),
        ("sections-one-item", False, AGENDA),
        ("pack-parts-workers", True, PACK),
    )
    for case, cold, kind in cases:
        new_version_rendered(cold, kind)  # the render before: the store as the case needs it
        measured = [new_version_rendered(cold, kind) for _ in range(runs)]
        times = [seconds for seconds, _pages, _job in measured]
        results[case] = {
            "median": statistics.median(times),
            "runs": times,
            "pages": measured[-1][1],
            # The render job's own time in its worker (RenderedDocument.render_seconds); the rest of
            # the wall time is the request (building the HTML to fingerprint it), the broker and the
            # poll.
            "job": statistics.median(job for _seconds, _pages, job in measured),
        }
    return results


# Publish with real workers


def postgres_urls(base: str, name: str = "kkr_bench_pdf") -> tuple[str, str]:
    parts = urlsplit(base)
    return parts._replace(path=f"/{name}").geturl(), parts._replace(path="/postgres").geturl()


def publish_case(use_postgres: bool, runs: int) -> dict | str:
    """Publish the 5 Feb agenda on PostgreSQL + Redis with 2 real worker processes; the wall time until
    its four PDFs are ready. Or why it was skipped."""
    broker = os.environ.get("CELERY_BROKER_URL", "")
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith("postgres") and use_postgres:
        database = "postgres://postgres@127.0.0.1:5432/postgres"
    if not broker or not database.startswith("postgres"):
        return (
            "publish with real workers skipped: set CELERY_BROKER_URL (Redis) and DATABASE_URL "
            "(PostgreSQL), or CELERY_BROKER_URL and --postgres"
        )
    import psycopg

    own = urlsplit(database).path.lstrip("/")
    name = (
        f"{own}_bench_pdf"
        if own and own != "postgres" and os.environ.get("DATABASE_URL")
        else "kkr_bench_pdf"
    )
    db_url, admin_url = postgres_urls(database, name)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    workdir = Path(tempfile.mkdtemp(prefix="kkr-bench-publish-"))
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": db_url,
        "CELERY_BROKER_URL": broker,
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
    }
    python = sys.executable
    run = {"cwd": ROOT, "env": env, "check": True}
    workers = []
    try:
        subprocess.run([python, "manage.py", "migrate", "-v0"], **run)
        subprocess.run([python, "manage.py", "load_demo"], **run, stdout=subprocess.DEVNULL)
        subprocess.run([python, "-m", "celery", "-A", "kkr", "purge", "-f"], **run, stdout=subprocess.DEVNULL)
        log = (workdir / "workers.log").open("w")
        for n in range(2):
            workers.append(
                subprocess.Popen(
                    [
                        python,
                        "-m",
                        "celery",
                        "-A",
                        "kkr",
                        "worker",
                        "--concurrency=1",
                        "-n",
                        f"bench-pdf-{n}@%h",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # its own process group: stopping it stops its pool child
                )
            )
        out = subprocess.run(
            [python, __file__, "--case", "publish", "--runs", str(runs)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
        )
        if out.returncode:
            return f"publish failed: {out.stderr.strip()[-2000:]}"
        return json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        for worker in workers:
            os.killpg(worker.pid, signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        shutil.rmtree(workdir, ignore_errors=True)


def publish_and_wait(runs: int) -> dict:
    """In a process on the bench database and broker, with the workers started: wait for both workers,
    publish once to warm them, then publish again and time until the four PDFs are ready."""
    from agendas.models import Meeting
    from agendas.services import publish_agenda
    from documents.models import RenderedDocument
    from kkr.celery import app

    deadline = time.monotonic() + 120
    while len(app.control.ping(timeout=1.0)) < 2:
        if time.monotonic() > deadline:
            raise SystemExit("the 2 Celery workers did not answer within 120 s")

    def publish(note: str) -> tuple[float, list]:
        meeting = Meeting.objects.get(council__slug="kkr-nordjylland", date=FEB_5)
        started = time.perf_counter()
        version = publish_agenda(meeting, change_note=note, notify=False)
        documents = RenderedDocument.objects.filter(version=version)
        while True:
            rows = list(
                documents.values("kind", "audience", "status", "render_seconds", "page_count", "error")
            )
            if len(rows) == 4 and all(row["status"] == RenderedDocument.Status.READY for row in rows):
                return time.perf_counter() - started, rows
            if any(row["status"] == RenderedDocument.Status.FAILED for row in rows):
                raise SystemExit(f"a PDF failed: {rows}")
            if time.perf_counter() - started > 300:
                raise SystemExit(f"the PDFs were not ready after 300 s: {rows}")
            time.sleep(0.01)

    publish("Benchmark: workers varmes op")
    seconds, rows = publish("Benchmark: målt")
    results = {
        "publish": {
            "median": seconds,
            "runs": [seconds],
            "pages": "/".join(
                str(row["page_count"]) for row in sorted(rows, key=lambda r: (r["kind"], r["audience"]))
            ),
            "peak_mb": None,
            "documents": rows,
        }
    }
    if sectioned():
        results.update(section_cases(runs))
    return results


# The table


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3, help="timed renders per case, after a warm-up")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="run the publish case on postgres://postgres@127.0.0.1:5432 when DATABASE_URL is not set",
    )
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    if args.case == "publish":  # a child process on the bench database and broker
        setup_django()
        print(json.dumps(publish_and_wait(args.runs)))
        return
    if args.case:  # a child process: one render case
        setup_django(Path(args.workdir))
        print(json.dumps(run_case(args.case, args.runs)))
        return

    results, notes = {}, []
    with tempfile.TemporaryDirectory(prefix="kkr-bench-") as workdir:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        setup = [
            sys.executable,
            "-c",
            f"import bench.pdf as b, pathlib; w = pathlib.Path({workdir!r}); "
            "b.setup_django(w); b.create_data(w)",
        ]
        subprocess.run(setup, check=True, cwd=ROOT, env=env)
        pdfmake = pdfmake_case(Path(workdir) / "seed.json", args.runs)
        for case in ("agenda", "pack", "big"):
            out = subprocess.run(
                [sys.executable, __file__, "--case", case, "--workdir", workdir, "--runs", str(args.runs)],
                check=True,
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            results.update(json.loads(out.stdout.strip().splitlines()[-1]))
    if isinstance(pdfmake, str):
        notes.append(pdfmake)
    else:
        results["pdfmake"] = pdfmake
    with_workers = publish_case(args.postgres, args.runs)
    if isinstance(with_workers, str):
        notes.append(with_workers)
        notes.append("the section cases need the workers too: skipped")
    else:
        results.update(with_workers)
        if "sections-cold" not in with_workers:
            notes.append("per-section rendering is not in this code (documents.sections): skipped")

    reference = results.get("pdfmake", {}).get("median")
    print(
        f"PDF renders: median of {args.runs} warm runs (publish: one, after a warm-up publication; "
        "the section cases: wall time from request to ready, with 2 warm workers); "
        f"{os.cpu_count()} cores; 'agenda' and 'floor' share one process, runs interleaved"
    )
    columns = ("median s", 9), ("target", 16), ("met", 4), ("pages", 9), ("peak MB", 8), ("x pdfmake", 10)
    header = f"{'case':<48}" + "".join(f" {name:>{width}}" for name, width in columns)
    print(header)
    print("-" * len(header))
    for case, label in LABELS.items():
        if case not in results:
            target = TARGETS[case]
            shown = f"<= {target[1]}x pdfm" if target and target[0] == "pdfmake" else ""
            print(f"{label:<48} {'skipped':>9} {shown:>16}")
            continue
        r = results[case]
        target, met, shown = TARGETS[case], "", ""
        if target and target[0] == "s":
            shown, met = f"<= {target[1]} s", r["median"] <= target[1]
        elif target and target[0] == "pdfmake" and reference:
            shown, met = f"<= {target[1]}x pdfm", r["median"] <= target[1] * reference
        if case.startswith("big"):
            met = met and r["peak_mb"] <= PEAK_MB_TARGET
            shown += f", {PEAK_MB_TARGET} MB"
        ratio = f"{r['median'] / reference:.2f}" if reference else "-"
        peak = f"{r['peak_mb']:.0f}" if r.get("peak_mb") else "-"
        if case == "agenda" and r.get("one_layout"):
            label = "5 Feb agenda, warm, one layout (job steps)"
        if case in ("pack", "big") and r.get("one_layout"):
            label += ", one layout"
        met_text = {True: "yes", False: "NO", "": ""}[met]
        pages = str(r["pages"])
        print(f"{label:<48} {r['median']:>9.3f} {shown:>16} {met_text:>4} {pages:>9} {peak:>8} {ratio:>10}")
    if "floor" in results:
        print(
            f"agenda / bare WeasyPrint floor: {results['agenda']['median'] / results['floor']['median']:.2f}"
        )
    if "publish" in results:
        each = ", ".join(
            f"{row['kind']} {row['audience']} {row['render_seconds']:.2f} s"
            for row in results["publish"]["documents"]
        )
        print(f"publish: each PDF's render in its worker: {each}")
    jobs = [
        f"{LABELS[case].strip()} {results[case]['job']:.3f} s"
        for case in LABELS
        if "job" in results.get(case, {})
    ]
    if jobs:
        print(f"section cases, the render job's own time in its worker (median): {'; '.join(jobs)}")
    for note in notes:
        print(f"note: {note}")


if __name__ == "__main__":
    main()
