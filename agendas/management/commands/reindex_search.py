from django.core.management.base import BaseCommand, CommandError

from agendas.search import REINDEX_BATCH, reindex_all
from kkr.lib.statistics import analyze


class Command(BaseCommand):
    help = (
        "Genopbygger søgeindekset fra hvert mødes seneste offentliggjorte dagsorden. Publicering holder "
        "indekset ajour; kør kommandoen efter migrering eller hvis indekset er kommet ud af trit."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--extract-text",
            action="store_true",
            help="Læs også bilagenes tekst fra PDF-filerne igen (fx efter en ny version af pypdf).",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=REINDEX_BATCH,
            help=f"Møder pr. transaktion (standard {REINDEX_BATCH}).",
        )

    def handle(self, *args, extract_text=False, batch_size=REINDEX_BATCH, **options):
        if batch_size < 1:
            raise CommandError("--batch-size skal være mindst 1.")

        def progress(meetings, entries):
            self.stdout.write(f"{meetings} møder indekseret ({entries} indgange i alt)")

        count = reindex_all(extract_text=extract_text, batch_size=batch_size, progress=progress)
        analyze()
        self.stdout.write(self.style.SUCCESS(f"Søgeindekset er genopbygget: {count} indgange."))
