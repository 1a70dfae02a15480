from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActiesConfig(AppConfig):
    name = "acties"
    verbose_name = _("Stap 2: regiovisie en acties")
