import datetime
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agendas import pdf
from agendas.models import Meeting, RenderedDocument


class Command(BaseCommand):
    help = "Danner et mødes dagsorden eller samlede dagsorden med bilag som PDF, med det samme (uden kø)."

    def add_arguments(self, parser):
        parser.add_argument("council", help="rådets kortnavn, fx kkr-nordjylland")
        parser.add_argument("date", type=datetime.date.fromisoformat, help="mødets dato, ÅÅÅÅ-MM-DD")
        parser.add_argument(
            "--kind", choices=RenderedDocument.Kind.values, default=RenderedDocument.Kind.AGENDA
        )
        parser.add_argument(
            "--audience", choices=RenderedDocument.Audience.values, default=RenderedDocument.Audience.PUBLIC
        )
        parser.add_argument("--output", type=Path, required=True, help="filen, PDF'en skrives til")

    def handle(self, *args, council, date, kind, audience, output, **options):
        try:
            meeting = Meeting.objects.select_related("council").get(council__slug=council, date=date)
        except Meeting.DoesNotExist:
            raise CommandError(f"Der er intet møde i {council} den {date:%d-%m-%Y}.") from None
        if not meeting.is_published:
            raise CommandError(f"Dagsordenen til mødet den {date:%d-%m-%Y} er ikke offentliggjort.")
        started = time.perf_counter()
        data, pages = pdf.render_pdf(meeting, kind, audience)
        seconds = time.perf_counter() - started
        output.write_bytes(data)
        self.stdout.write(f"pages={pages} seconds={seconds:.3f}")
