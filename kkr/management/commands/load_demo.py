from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kkr.demo.loader import load_demo, render_published_documents
from kkr.demo.meetings import SECRETARIAT_TOTP_SECRET
from kkr.lib.statistics import analyze


class Command(BaseCommand):
    help = "Indlæser demodata: KKR Nordjylland og møderne omkring 5. februar 2021 (kan køres flere gange)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--pdfs",
            action="store_true",
            help="dan også de offentliggjorte mødedokumenter som PDF, så den første download er klar",
        )
        parser.add_argument(
            "--skip-unless-demo",
            action="store_true",
            help="gør ingenting (i stedet for at fejle) på et site i drift uden DEMO, som docker-compose.yml",
        )

    def handle(self, *args, pdfs=False, skip_unless_demo=False, **options):
        # The demo accounts have published passwords: never on a production site by accident.
        if not settings.DEBUG and not settings.DEMO:
            if skip_unless_demo:
                self.stdout.write("Ingen demodata: sitet er i drift (DEBUG er fra, og DEMO er ikke sat).")
                return
            raise CommandError(
                "Demodata og demo-konti indlæses kun med DEBUG slået til eller på et demosite (DEMO=1)."
            )
        report = load_demo()
        analyze()
        self.stdout.write(self.style.SUCCESS("Demodata er indlæst."))
        if pdfs:
            self.stdout.write("PDF'er til de offentliggjorte møder (kun første gang tager det lidt tid):")
            for meeting, document in render_published_documents():
                self.stdout.write(
                    f"  {meeting.date:%d-%m-%Y} {document.label}, "
                    f"{document.get_audience_display()}: {document.get_status_display()}"
                )
        self.stdout.write("Demo-konti (kun til afprøvning):")
        for username, password, role in report["accounts"]:
            self.stdout.write(f"  {role:<12} brugernavn: {username:<12} adgangskode: {password}")
        self.stdout.write(
            "  sekretariatet giver også en kode fra en godkendelsesapp med nøglen "
            f"{SECRETARIAT_TOTP_SECRET}\n"
            "  (eller få den aktuelle kode med: .venv/bin/python manage.py demo_code)"
        )
