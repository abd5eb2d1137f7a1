"""Benchmark of the PDF renders: median time and peak memory per document.

    .venv/bin/python bench/pdf.py [--runs 3]

Each case runs in its own process (one process = one worker's life: a warm-up render, then the timed
ones), on a throwaway SQLite database and media folder, so that its peak memory is its own. Cases:

- agenda   the 5 Feb 2021 agenda (public), as the worker renders it
- pack     the 5 Feb 2021 agenda pack (public): agenda + every attachment, stamped
- big      a generated meeting of 100 items with 40 ten-page attachments: its pack
- floor    the 5 Feb agenda's HTML rendered by bare WeasyPrint, none of our code: the floor
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"agenda": 1.2, "pack": 1.6, "big": 8.0}
PEAK_MB_TARGET = 300


def setup_django(workdir: Path):
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kkr.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def create_data():
    """The demo data plus a generated meeting of 100 items with 40 ten-page attachments."""
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
        date=datetime.date(2021, 6, 18),
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


def run_case(case: str, runs: int) -> dict:
    from agendas.models import Meeting
    from documents.services import build, render_pdf

    dates = {"agenda": "2021-02-05", "pack": "2021-02-05", "big": "2021-06-18", "floor": "2021-02-05"}
    meeting = Meeting.objects.select_related("council").get(date=dates[case])
    kind = "agenda" if case in ("agenda", "floor") else "pack"

    if case == "floor":
        render = floor_renderer(build("agenda", meeting, "public").html)
    else:

        def render():
            # What the worker does for one job: build the HTML, then lay out and write the PDF.
            return render_pdf(kind, meeting, "public")

    render()  # warm-up: imports, fonts, parsed stylesheets
    times, pages = [], None
    for _ in range(runs):
        started = time.perf_counter()
        _data, pages = render()
        times.append(time.perf_counter() - started)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "case": case,
        "median": statistics.median(times),
        "runs": times,
        "pages": pages,
        "peak_mb": peak_mb,
    }


def floor_renderer(html: str):
    """Bare WeasyPrint on the same HTML and stylesheet, as its documentation shows it: a new font
    configuration and stylesheet per render, the default URL fetcher, no caches. Only the font URLs
    are rewritten to plain file paths, which the default fetcher can read. Same PDF variant (tagged
    PDF/UA) as ours, so the ratio measures what our code adds."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    from agendas import pdf
    from kkr.lib.pdf import PDF_UA

    css_text = "".join((ROOT / "static" / path).read_text() for path in pdf.AGENDA.stylesheets)
    css_text = css_text.replace("static:", (ROOT / "static").as_uri() + "/")

    def render():
        font_config = FontConfiguration()
        css = weasyprint.CSS(string=css_text, font_config=font_config)
        document = weasyprint.HTML(string=html).render(
            stylesheets=[css], font_config=font_config, pdf_variant=PDF_UA
        )
        return document.write_pdf(pdf_variant=PDF_UA), len(document.pages)

    return render


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.case:  # a child process: one case
        setup_django(Path(args.workdir))
        print(json.dumps(run_case(args.case, args.runs)))
        return

    with tempfile.TemporaryDirectory(prefix="kkr-bench-") as workdir:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        setup = [
            sys.executable,
            "-c",
            "import bench.pdf as b, pathlib, sys; "
            f"b.setup_django(pathlib.Path({workdir!r})); b.create_data()",
        ]
        subprocess.run(setup, check=True, cwd=ROOT, env=env)
        results = {}
        for case in ("agenda", "pack", "big", "floor"):
            out = subprocess.run(
                [sys.executable, __file__, "--case", case, "--workdir", workdir, "--runs", str(args.runs)],
                check=True,
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            results[case] = json.loads(out.stdout.strip().splitlines()[-1])

    print(
        f"PDF renders, median of {args.runs} after a warm-up, one process per case ({os.cpu_count()} cores)"
    )
    print(f"{'case':<8} {'median s':>9} {'target s':>9} {'pages':>6} {'peak MB':>8}")
    for case, r in results.items():
        target = TARGETS.get(case, "")
        print(f"{case:<8} {r['median']:>9.3f} {target:>9} {r['pages']:>6} {r['peak_mb']:>8.0f}")
    ratio = results["agenda"]["median"] / results["floor"]["median"]
    print(f"agenda / bare WeasyPrint floor: {ratio:.2f} (target <= 1.5)")
    print(f"peak memory target per worker: <= {PEAK_MB_TARGET} MB")


if __name__ == "__main__":
    main()
