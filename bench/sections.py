"""Benchmark of the agenda laid out in parts (documents.sections) against one layout.

    .venv/bin/python bench/sections.py [--runs 3] [--workers]

In one warm process, on a throwaway SQLite database and media folder, the 5 Feb 2021 agenda's working
copy (members' edition, as the secretariat's preview renders it):

- single     laid out in one go (what the parts must add up to)
- cold       from parts, the store emptied before each run: every part laid out, one after the other
- edited     from parts, one item of section 4 (outside the largest section, 3) changed before each run
- pack       the 5 Feb pack, laid out in one go (the pack is not laid out in parts)

With --workers (needs DATABASE_URL=postgres://… and CELERY_BROKER_URL=redis://…): the same agenda
rendered by the render job on two real Celery workers, which share its parts; the job's own time
(RenderedDocument.render_seconds) for a cold store and for one edited item. Medians of --runs runs.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_django(workdir: Path, workers: bool):
    if not workers:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
        os.environ.pop("CELERY_BROKER_URL", None)
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DJANGO_SETTINGS_MODULE"] = "kkr.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def median_of(runs, prepare, render):
    times, results = [], []
    for run in range(runs):
        prepare(run)
        started = time.perf_counter()
        results.append(render())
        times.append(time.perf_counter() - started)
    return statistics.median(times), results[-1]


def edit_section_4(meeting, run):
    from agendas.models import AgendaItem

    item = AgendaItem.objects.filter(section__meeting=meeting, section__position=4).order_by("position")[0]
    field = next(f for f in ("recommendation", "presentation", "background") if "</p>" in getattr(item, f))
    setattr(item, field, getattr(item, field).replace("</p>", f" Rettet {run}.</p>", 1))
    item.save(update_fields=[field])


def in_process(runs: int, media: Path):
    from agendas.content import AgendaContent
    from agendas.models import Meeting
    from documents import jobs

    meeting = Meeting.objects.get(council__slug="kkr-nordjylland", date="2021-02-05")
    parts = media / "documents" / "parts"

    def working():
        return AgendaContent.live(meeting)

    jobs.render("agenda", working(), "members", sectioned=False)  # warm-up: fonts, CSS, imports
    single, result = median_of(
        runs, lambda run: None, lambda: jobs.render("agenda", working(), "members", sectioned=False)
    )
    print(f"single   {single:.2f} s  pages={result.pages}")
    cold, result = median_of(
        runs,
        lambda run: shutil.rmtree(parts, ignore_errors=True),
        lambda: jobs.render("agenda", working(), "members"),
    )
    print(f"cold     {cold:.2f} s  parts laid out={len(result.laid_out)} rounds={result.rounds} (1 process)")
    edited, result = median_of(
        runs, lambda run: edit_section_4(meeting, run), lambda: jobs.render("agenda", working(), "members")
    )
    print(f"edited   {edited:.2f} s  laid out={result.laid_out} rounds={result.rounds}")
    jobs.render("pack", meeting, "public")
    pack, result = median_of(runs, lambda run: None, lambda: jobs.render("pack", meeting, "public"))
    print(f"pack     {pack:.2f} s  pages={result.pages} (one layout, warm; target 1.2 s)")


def with_workers(runs: int, media: Path):
    from agendas.content import AgendaContent
    from agendas.models import Meeting
    from documents.models import RenderedDocument
    from documents.services import request_document

    meeting = Meeting.objects.get(council__slug="kkr-nordjylland", date="2021-02-05")
    parts = media / "documents" / "parts"
    env = {**os.environ, "MEDIA_ROOT": str(media)}
    command = [sys.executable, "-m", "celery", "-A", "kkr", "worker", "--concurrency=1", "-l", "warning"]
    workers = [
        subprocess.Popen([*command, "-n", f"bench-{n}@%h"], cwd=ROOT, env=env, start_new_session=True)
        for n in range(2)
    ]

    def render():
        RenderedDocument.objects.all().delete()
        document = request_document("agenda", AgendaContent.live(meeting), "members")
        while document.status not in (RenderedDocument.Status.READY, RenderedDocument.Status.FAILED):
            time.sleep(0.01)
            document.refresh_from_db()
        assert document.status == RenderedDocument.Status.READY, document.error
        return document.render_seconds

    try:
        time.sleep(8)  # the workers start
        for _ in range(2):  # warm both workers: fonts, CSS, imports
            shutil.rmtree(parts, ignore_errors=True)
            render()
        for name, prepare in (
            ("cold", lambda run: shutil.rmtree(parts, ignore_errors=True)),
            ("edited", lambda run: edit_section_4(meeting, 100 + run)),
        ):
            seconds = []
            for run in range(runs):
                prepare(run)
                seconds.append(render())
            print(f"{name:8} {statistics.median(seconds):.2f} s  (2 workers, the job's render_seconds)")
    finally:
        for worker in workers:
            os.killpg(worker.pid, 15)
            worker.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        workdir = Path(workdir)
        setup_django(workdir, options.workers)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        with open(os.devnull, "w") as quiet:
            call_command("load_demo", stdout=quiet)
        if options.workers:
            with_workers(options.runs, workdir / "media")
        else:
            in_process(options.runs, workdir / "media")


if __name__ == "__main__":
    main()
