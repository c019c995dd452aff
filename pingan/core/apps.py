from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pingan.core"
    label = "core"
    verbose_name = _("平台内核")

    def ready(self):
        from pingan.core import audit, models, session_lifetime, tiles  # noqa: F401 (signals)

        audit.track(models.CalendarDay)
        tiles.register_tiles()
