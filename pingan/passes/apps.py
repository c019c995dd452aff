from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PassesConfig(AppConfig):
    name = "pingan.passes"
    label = "passes"
    verbose_name = _("桐行通")

    def ready(self):
        from pingan.core import audit
        from pingan.passes import models, tiles

        for model in (models.Checkpoint, models.CheckpointGuard, models.TravelPass):
            audit.track(model)
        audit.track(models.SigningKey, secret=("private_key",))
        audit.track(models.Residence, exclude=("rid", "room"))
        audit.track(models.Employment, exclude=("rid",))
        tiles.register_tiles()
