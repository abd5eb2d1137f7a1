from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendasConfig(AppConfig):
    name = "agendas"
    verbose_name = _("Møder og dagsordener")

    def ready(self):
        from agendas import pdf
        from documents import registry

        registry.register(pdf.AGENDA)
        registry.register(pdf.PACK)
