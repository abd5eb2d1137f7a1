import pyotp
from django.core.management.base import BaseCommand

from kkr.demo.meetings import SECRETARIAT_TOTP_SECRET


class Command(BaseCommand):
    help = "Viser demo-sekretariatets aktuelle kode til totrinsbekræftelse (nøglen er offentlig)."

    def handle(self, *args, **options):
        self.stdout.write(pyotp.TOTP(SECRETARIAT_TOTP_SECRET).now())
