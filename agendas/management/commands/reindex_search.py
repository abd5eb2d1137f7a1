from django.core.management.base import BaseCommand

from agendas.search import reindex_all


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

    def handle(self, *args, extract_text=False, **options):
        count = reindex_all(extract_text=extract_text)
        self.stdout.write(self.style.SUCCESS(f"Søgeindekset er genopbygget: {count} indgange."))
