from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisicofactorenConfig(AppConfig):
    name = "risicofactoren"
    verbose_name = _("Stap 1: risicofactoren en schatting")

    def ready(self) -> None:
        from . import receivers  # noqa: F401
