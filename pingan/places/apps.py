from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "pingan.places"
    label = "places"
    verbose_name = _("场所")

    def ready(self):
        from pingan.core import audit
        from pingan.places.models import Place

        audit.track(Place, pii={"contact_name": "contact_name", "contact_phone": "contact_phone"})
