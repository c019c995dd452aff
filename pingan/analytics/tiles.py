"""The analytics entries on the home page (工作台)."""

from django.utils.translation import gettext_lazy as _

from pingan.core.workbench import Entry, register
from pingan.org.roles import Role

VIEWERS = frozenset({Role.LEADER, Role.ADMIN})


def register_tiles() -> None:
    register(
        Entry(
            key="analytics.dashboard",
            title=_("统计分析"),
            description=_("本辖区的工单、信访、调解等指标，同比环比，逐级下钻"),
            url_name="analytics:dashboard",
            icon="bar-chart-line",
            roles=VIEWERS,
            order=60,
        )
    )
    register(
        Entry(
            key="analytics.screen",
            title=_("指挥中心大屏"),
            description=_("深色全屏展示，自动刷新"),
            url_name="analytics:screen",
            icon="display",
            roles=VIEWERS,
            order=61,
        )
    )
    register(
        Entry(
            key="analytics.annual",
            title=_("年度报告"),
            description=_("全年主要数据的文字报告，可打印"),
            url_name="analytics:annual",
            icon="file-earmark-text",
            roles=VIEWERS,
            order=62,
        )
    )
    register(
        Entry(
            key="analytics.imports",
            title=_("部门数据导入"),
            description=_("刑事发案、民商事案件、安全事故按月导入"),
            url_name="analytics:imports",
            icon="upload",
            roles=VIEWERS,
            order=63,
        )
    )
