from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthConfig(AppConfig):
    name = "pingan.health"
    label = "health"
    verbose_name = _("健康申报")

    def ready(self):
        from pingan.core import audit
        from pingan.health import models, notices, tiles
        from pingan.health.services.register import PHONE_CODE_PURPOSE
        from pingan.people.phone_codes import register_purpose

        for model in (
            models.RiskArea,
            models.StatusRule,
            models.Registration,
            models.Declaration,
            models.HealthStatus,
            models.StatusChange,
            models.ChangeRequest,
            models.ChangeRequestEvent,
            models.Appeal,
            models.AppealEvent,
        ):
            audit.track(model)
        register_purpose(PHONE_CODE_PURPOSE, _("健康码登记"))
        notices.register_templates()
        tiles.register_tiles()
