"""The core app's entry on the home page (工作台): the data-retention overview in the admin."""

from django.utils.translation import gettext_lazy as _

from pingan.core.workbench import Entry, register


def register_tiles() -> None:
    register(
        Entry(
            key="core.retention",
            title=_("数据保留"),
            description=_("个人信息的保留期限、最近执行情况和到期数量"),
            url_name="admin:core_retentionrun_changelist",
            icon="shield-lock",
            superuser_only=True,
            order=95,
        )
    )
