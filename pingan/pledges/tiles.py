"""The pledges app's entry on the home page (工作台)."""

from django.utils.translation import gettext_lazy as _

from pingan.core.workbench import Entry, register
from pingan.pledges.access import VIEW_ROLES


def register_tiles() -> None:
    register(
        Entry(
            key="pledges.list",
            title=_("公约签署"),
            description=_("发布村规民约和公约，录入纸质签字，查看户覆盖率"),
            url_name="pledges:list",
            icon="pen",
            roles=VIEW_ROLES,
            order=55,
        )
    )
