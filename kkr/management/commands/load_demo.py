from django.core.management.base import BaseCommand

from kkr.demo.loader import load_demo


class Command(BaseCommand):
    help = "Indlæser demodata: KKR Nordjylland og møderne omkring 5. februar 2021 (kan køres flere gange)."

    def handle(self, *args, **options):
        report = load_demo()
        self.stdout.write(self.style.SUCCESS("Demodata er indlæst."))
        self.stdout.write("Demo-konti (kun til afprøvning):")
        for username, password, role in report["accounts"]:
            self.stdout.write(f"  {role:<12} brugernavn: {username:<12} adgangskode: {password}")
