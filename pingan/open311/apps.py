from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Open311Config(AppConfig):
    name = "pingan.open311"
    label = "open311"
    verbose_name = _("Open311 接口")

    def ready(self):
        from pingan.core import audit
        from pingan.open311 import models

        audit.track(models.Open311Client, secret={"key_hash"})
        audit.track(models.RegionPoint)
        audit.track(models.Open311Request)
