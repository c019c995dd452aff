"""The health app's entries on the home page (工作台)."""

from django.utils.translation import gettext_lazy as _

from pingan.core.workbench import Entry, register
from pingan.org.roles import Role


def register_tiles() -> None:
    register(
        Entry(
            key="health.mine",
            title=_("我的健康码"),
            description=_("健康申报、码色及原因、申诉"),
            url_name="health:mine",
            icon="heart-pulse",
            citizen_only=True,
            order=30,
        )
    )
    register(
        Entry(
            key="health.officer",
            title=_("健康码管理"),
            description=_("查人员码色、赋码与审批、处理申诉"),
            url_name="health:officer",
            icon="heart-pulse",
            roles=frozenset({Role.HEALTH_OFFICER, Role.ADMIN}),
            order=30,
        )
    )
    register(
        Entry(
            key="health.window",
            title=_("代办健康登记"),
            description=_("为来窗口的群众登记身份、手机、住所和单位"),
            url_name="health:window-register",
            icon="person-vcard",
            roles=frozenset({Role.CLERK, Role.HEALTH_OFFICER}),
            order=31,
        )
    )
