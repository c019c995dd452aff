"""The Safety Day entries on the home page (工作台)."""

from django.utils.translation import gettext_lazy as _

from pingan.core.workbench import Entry, register
from pingan.safety.roles import VIEW_ROLES


def register_tiles() -> None:
    register(
        Entry(
            key="safety.campaigns",
            title=_("平安桐乡日"),
            description=_("每月 26 日：宣讲、培训、巡查、整改；上报活动与宣传数据，查看汇总"),
            url_name="safety:campaigns",
            icon="shield-check",
            roles=frozenset(VIEW_ROLES),
            order=40,
        )
    )
