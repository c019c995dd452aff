"""The citizens' entries on the home page (工作台): people without posts. Staff do not see them;
they take reports through their own intake pages."""

from django.utils.translation import gettext_lazy as _

from pingan.core.workbench import Entry, register


def register_tiles() -> None:
    register(
        Entry(
            key="cases.citizen.report",
            title=_("我要反映"),
            description=_("反映问题、投诉举报、求助咨询，可拍照上传"),
            url_name="cases_citizen:report",
            icon="megaphone",
            citizen_only=True,
            order=10,
        )
    )
    register(
        Entry(
            key="cases.citizen.mine",
            title=_("我的事项"),
            description=_("查看办理进度，评价答复"),
            url_name="cases_citizen:my_cases",
            icon="card-checklist",
            citizen_only=True,
            order=11,
        )
    )
