from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "pingan.pledges"
    label = "pledges"
    verbose_name = _("公约")

    def ready(self):
        from pingan.core import audit
        from pingan.notify import bulk
        from pingan.people import phone_codes
        from pingan.pledges import access, models, recipients, tiles

        audit.track(models.Pledge)
        audit.track(models.Signature, pii={"household": "address"})
        phone_codes.register_purpose(access.PHONE_PURPOSE, _("签署公约"))
        bulk.register_source(recipients.SOURCE)
        tiles.register_tiles()
