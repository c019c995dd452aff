from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HazardsConfig(AppConfig):
    name = "pingan.hazards"
    label = "hazards"
    verbose_name = _("隐患排查")

    def ready(self):
        from pingan.core import audit
        from pingan.hazards import models, notices, tiles

        audit.track(
            models.Hazard,
            exclude={"updated_at"},
            pii={"responsible_name": "responsible_name", "responsible_phone": "responsible_phone"},
        )
        audit.track(models.Inspection)
        audit.track(models.ChecklistItem)
        notices.register_templates()
        tiles.register_tiles()
