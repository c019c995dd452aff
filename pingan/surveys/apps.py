from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "pingan.surveys"
    label = "surveys"
    verbose_name = _("问卷调查")

    def ready(self):
        from pingan.core import audit
        from pingan.people.phone_codes import register_purpose
        from pingan.surveys import models, services, tiles

        for model in (models.Survey, models.Question, models.Choice):
            audit.track(model)
        audit.track(models.Response, pii={"phone": "phone"})
        register_purpose(services.PHONE_PURPOSE, _("问卷调查"))
        tiles.register_tiles()
