from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KkrConfig(AppConfig):
    name = "kkr"
    verbose_name = _("Råd og personer")
