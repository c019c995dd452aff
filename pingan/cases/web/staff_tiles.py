"""The work-order entries of the home page (工作台)."""

from django.utils.translation import gettext_lazy as _

from pingan.cases.web.staff_common import CASE_ROLES
from pingan.core.workbench import Entry, register
from pingan.org.roles import Role


def register_tiles() -> None:
    register(
        Entry(
            key="cases.intake",
            title=_("来电登记"),
            description=_("边接听边登记工单，自动显示来电人的历史诉求和疑似重复件"),
            url_name="cases_staff:intake",
            icon="telephone-inbound",
            roles=frozenset({Role.HOTLINE}),
            order=10,
        )
    )
    register(
        Entry(
            key="cases.queue",
            title=_("工单队列"),
            description=_("待受理、待派单、待签收、办理中、待回访和逾期工单"),
            url_name="cases_staff:queue",
            icon="inboxes",
            roles=frozenset(CASE_ROLES),
            order=11,
        )
    )
    register(
        Entry(
            key="cases.supervise",
            title=_("督办"),
            description=_("本辖区已逾期的工单，黄牌、红牌督办"),
            url_name="cases_staff:supervise",
            icon="exclamation-octagon",
            roles=frozenset({Role.LEADER}),
            order=12,
        )
    )
