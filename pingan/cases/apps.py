from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "pingan.cases"
    label = "cases"
    verbose_name = _("工单")

    def ready(self):
        from pingan.cases import models, notices
        from pingan.cases.web import citizen_tiles, staff_tiles
        from pingan.core import audit

        audit.track(
            models.Case,
            exclude={"updated_at"},
            pii={"reporter_name": "name", "reporter_phone": "phone"},
            secret={"query_code_hash"},
        )
        audit.track(models.Category)
        audit.track(models.CategoryRoute)
        notices.register_templates()
        staff_tiles.register_tiles()
        citizen_tiles.register_tiles()
