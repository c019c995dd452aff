"""The hall's entries on the home page (工作台)."""

from django.utils.translation import gettext_lazy as _

from pingan.core.workbench import Entry, register
from pingan.org.roles import Role


def register_tiles() -> None:
    register(
        Entry(
            key="hall.workbench",
            title=_("窗口工作台"),
            description=_("叫号、登记来访、当场答复或受理为工单"),
            url_name="hall:workbench",
            icon="person-workspace",
            roles=frozenset({Role.CLERK}),
            order=20,
        )
    )
    register(
        Entry(
            key="hall.centres",
            title=_("服务中心"),
            description=_("窗口、今日排队、“最多跑一次”统计"),
            url_name="hall:centres",
            icon="building",
            roles=frozenset({Role.CLERK, Role.ADMIN, Role.LEADER}),
            order=21,
        )
    )
    register(
        Entry(
            key="hall.duty",
            title=_("我的坐班"),
            description=_("法律服务窗口值班安排，接待引导来的群众"),
            url_name="hall:duty",
            icon="briefcase",
            roles=frozenset({Role.LEGAL_DUTY}),
            order=22,
        )
    )
