"""The surveys' entries on the home page (工作台)."""

from django.utils.translation import gettext_lazy as _

from pingan.core.workbench import Entry, register
from pingan.surveys.roles import STAFF_ROLES


def register_tiles() -> None:
    register(
        Entry(
            key="surveys.list",
            title=_("问卷调查"),
            description=_("编制问卷、扫码或纸质收集答卷"),
            url_name="surveys:list",
            icon="ui-checks",
            roles=frozenset(STAFF_ROLES),
            order=41,
        )
    )
    register(
        Entry(
            key="surveys.rates",
            title=_("三率统计"),
            description=_("知晓率、参与率、满意率：按辖区和期间，附计算公式"),
            url_name="surveys:rates",
            icon="bar-chart",
            roles=frozenset(STAFF_ROLES),
            order=42,
        )
    )
