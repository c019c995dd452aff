from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "pingan.people"
    label = "people"
    verbose_name = _("人员")

    def ready(self):
        from pingan.core import audit
        from pingan.people import phone_codes
        from pingan.people.models import Person

        phone_codes.register_template()

        audit.track(
            Person,
            pii={"name": "name", "phone": "phone", "id_number": "id_number", "address": "address"},
        )
