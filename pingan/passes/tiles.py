"""The passes app's entries on the home page (工作台)."""

from django.utils.translation import gettext_lazy as _

from pingan.core.workbench import Entry, register
from pingan.org.roles import Role


def register_tiles() -> None:
    register(
        Entry(
            key="passes.scan",
            title=_("扫码核验"),
            description=_("在企业、小区、城市卡口扫桐健码/桐行码"),
            url_name="passes:scan",
            icon="upc-scan",
            roles=frozenset({Role.GUARD}),
            order=60,
        )
    )
    register(
        Entry(
            key="passes.scans",
            title=_("扫码记录"),
            description=_("查阅卡口扫码记录（查阅留痕）"),
            url_name="passes:scans",
            icon="list-check",
            roles=frozenset({Role.HEALTH_OFFICER}),
            order=61,
        )
    )
