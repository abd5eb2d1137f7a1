from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = _("Referater")

    def ready(self):
        from documents import registry
        from minutes import pdf

        registry.register(pdf.MINUTES)
