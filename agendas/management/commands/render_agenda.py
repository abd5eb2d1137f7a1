import argparse
import datetime
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agendas.models import Meeting
from documents import registry
from documents.services import render_pdf
from kkr.models import Audience


def positive_count(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"skal være et helt tal, mindst 1, ikke {value!r}")
    return count


class Command(BaseCommand):
    help = (
        "Danner et mødes dagsorden, samlede dagsorden med bilag eller referat som PDF, "
        "med det samme (uden kø)."
    )

    def add_arguments(self, parser):
        kinds = [kind.name for kind in registry.kinds() if kind.family == "meeting"]
        parser.add_argument("council", help="rådets kortnavn, fx kkr-nordjylland")
        parser.add_argument("date", type=datetime.date.fromisoformat, help="mødets dato, ÅÅÅÅ-MM-DD")
        parser.add_argument("--kind", choices=kinds, default="agenda")
        parser.add_argument("--audience", choices=Audience.values, default=Audience.PUBLIC)
        parser.add_argument("--output", type=Path, required=True, help="filen, PDF'en skrives til")
        parser.add_argument(
            "--repeat",
            type=positive_count,
            default=1,
            help="dan PDF'en så mange gange i samme proces (den første betaler opstarten), "
            "og skriv sider og sekunder for hver",
        )

    def handle(self, *args, council, date, kind, audience, output, repeat, **options):
        try:
            meeting = Meeting.objects.select_related("council").get(council__slug=council, date=date)
        except Meeting.DoesNotExist:
            raise CommandError(f"Der er intet møde i {council} den {date:%d-%m-%Y}.") from None
        if not meeting.is_published:
            raise CommandError(f"Dagsordenen til mødet den {date:%d-%m-%Y} er ikke offentliggjort.")
        for _run in range(repeat):
            # Each run as the worker renders a job: build the HTML, lay it out, write the PDF.
            started = time.perf_counter()
            data, pages = render_pdf(kind, meeting, audience)
            seconds = time.perf_counter() - started
            output.write_bytes(data)
            self.stdout.write(f"pages={pages} seconds={seconds:.3f}")
