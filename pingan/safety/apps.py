from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "pingan.safety"
    label = "safety"
    verbose_name = _("平安桐乡日")

    def ready(self):
        from pingan.core import audit
        from pingan.safety import models, notices, tiles

        for model in (models.Campaign, models.CampaignTown, models.Task, models.Activity):
            audit.track(model)
        notices.register_templates()
        tiles.register_tiles()
