from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "pingan.analytics"
    label = "analytics"
    verbose_name = _("统计分析")

    def ready(self):
        from pingan.analytics import tiles

        tiles.register_tiles()
