from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HallConfig(AppConfig):
    name = "pingan.hall"
    label = "hall"
    verbose_name = _("服务中心")

    def ready(self):
        from pingan.core import audit
        from pingan.hall import models, notices, tiles

        for model in (
            models.WindowKind,
            models.ServiceCentre,
            models.Window,
            models.WindowAssignment,
            models.Matter,
            models.DutySlot,
            models.DutyPattern,
            models.DutySwap,
        ):
            audit.track(model)
        audit.track(models.Ticket, pii={"phone": "phone"})
        audit.track(models.Visit)
        notices.register_templates()
        tiles.register_tiles()
