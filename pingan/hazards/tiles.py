"""The hazards app's entries on the home page (工作台)."""

from django.utils.translation import gettext_lazy as _

from pingan.core.workbench import Entry, register
from pingan.org.roles import Role


def register_tiles() -> None:
    register(
        Entry(
            key="hazards.list",
            title=_("隐患排查整改"),
            description=_("隐患清单：整改期限、复查、销号，逾期一目了然"),
            url_name="hazards:list",
            icon="cone-striped",
            roles=frozenset({Role.INSPECTOR, Role.GRID, Role.LEADER, Role.ADMIN}),
            order=50,
        )
    )
    register(
        Entry(
            key="hazards.places",
            title=_("场所登记与检查"),
            description=_("企业、出租房、商铺、公共场所、工地：登记、按检查表检查"),
            url_name="hazards:places",
            icon="buildings",
            roles=frozenset({Role.INSPECTOR, Role.GRID, Role.LEADER, Role.ADMIN}),
            order=51,
        )
    )
    register(
        Entry(
            key="hazards.supervision",
            title=_("重大隐患挂牌督办"),
            description=_("待挂牌的重大隐患、督办中的隐患与逾期升级"),
            url_name="hazards:supervision",
            icon="flag",
            roles=frozenset({Role.LEADER, Role.ADMIN}),
            order=52,
        )
    )
    register(
        Entry(
            key="hazards.checklists",
            title=_("检查表配置"),
            description=_("按场所类型编辑检查项"),
            url_name="admin:hazards_checklistitem_changelist",
            icon="list-check",
            roles=frozenset({Role.ADMIN}),
            superuser_only=True,
            order=53,
        )
    )
