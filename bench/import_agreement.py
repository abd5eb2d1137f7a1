"""How well the agenda import reads the 5 February 2021 agenda, and how long it takes.

    .venv/bin/python bench/import_agreement.py [--runs 5]

Two sources of the same agenda: the seed (tests/data/…-dagsorden.txt, the text extracted from the
printed PDF) and the project's own agenda PDF of that meeting (members' edition, rendered here on a
throwaway SQLite database with the demo data): the round trip. For each it prints the structure found
against the demo data (sections, items with number, title, case number and handler, "./." markers per
item), the word agreement of the items' titles and texts (agendas.importing.compare), how many of the
48 texts are identical HTML, and the median read time of warm runs (the first run, which loads
PDFium and the word list, is not counted).
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(workdir) / 'bench.sqlite3'}"
        os.environ["MEDIA_ROOT"] = str(Path(workdir) / "media")
        os.environ.pop("CELERY_BROKER_URL", None)
        os.environ["DJANGO_SETTINGS_MODULE"] = "kkr.settings"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command

        from agendas.models import Meeting
        from documents.services import render_pdf

        call_command("migrate", verbosity=0)
        call_command("load_demo", stdout=io.StringIO())
        meeting = Meeting.objects.get(council__slug="kkr-nordjylland", date="2021-02-05")
        pdf, pages = render_pdf("agenda", meeting, "members")
        seed = (ROOT / "tests/data/kkr-nordjylland-2021-02-05-dagsorden.txt").read_bytes()
        print(
            f"{'source':<28} {'sections':>8} {'items':>5} {'markers':>7} {'structure':>9} "
            f"{'words agreed':>16} {'agreement':>9} {'same HTML':>9} {'read ms':>8}"
        )
        report("seed (.txt)", seed, "seed.txt", args.runs)
        report(f"round trip ({pages}-page PDF)", pdf, "dagsorden.pdf", args.runs)


def report(name, data, filename, runs):
    from agendas.importing import read_agenda
    from agendas.importing.compare import word_agreement
    from kkr.demo.agenda_2021_02_05 import SECTIONS

    expected = [item for section in SECTIONS for item in section["items"]]
    numbers = [
        f"{s}.{i}" for s, section in enumerate(SECTIONS, 1) for i in range(1, len(section["items"]) + 1)
    ]
    read_agenda(data, filename)  # warm: imports, PDFium, the word list
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        agenda = read_agenda(data, filename)
        times.append((time.perf_counter() - start) * 1000)
    found = [
        (i.number, i.title, i.case_number, i.case_handler, len(i.attachment_markers)) for i in agenda.items
    ]
    wanted = [
        (number, item["title"], item["case_number"], item["case_handler"], len(item["attachments"]))
        for number, item in zip(numbers, expected, strict=True)
    ]
    sections_ok = [s.title for s in agenda.sections] == [s["title"] for s in SECTIONS]
    structure = "same" if found == wanted and sections_ok else "DIFFERS"
    agreed, total = word_agreement(expected, agenda.items)
    same_html = sum(
        getattr(item, field) == wanted_item[field]
        for item, wanted_item in zip(agenda.items, expected, strict=False)
        for field in ("background", "recommendation", "presentation")
    )
    markers = sum(len(i.attachment_markers) for i in agenda.items)
    print(
        f"{name:<28} {len(agenda.sections):>8} {len(agenda.items):>5} {markers:>7} {structure:>9} "
        f"{f'{agreed}/{total}':>16} {agreed / total:>9.2%} {f'{same_html}/{3 * len(expected)}':>9} "
        f"{statistics.median(times):>8.0f}"
    )


if __name__ == "__main__":
    main()
