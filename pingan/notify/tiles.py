"""The notify app's entry on the home page (工作台): bulk SMS for leaders and administrators."""

from django.utils.translation import gettext_lazy as _

from pingan.core.workbench import Entry, register
from pingan.notify.bulk import BULK_ROLES


def register_tiles() -> None:
    register(
        Entry(
            key="notify.bulk",
            title=_("群发短信"),
            description=_("向辖区居民、Excel 名单或公约签署人群发通知，查看发送进度"),
            url_name="notify:batches",
            icon="send",
            roles=BULK_ROLES,
            order=60,
        )
    )
