"""The campaign roll-up as an Excel workbook (openpyxl): one row per town, then the total."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from pingan.safety.models import WorkKind


def columns() -> list[str]:
    return [
        _("镇街"),
        _("活动次数"),
        *[str(kind.label) for kind in WorkKind],
        _("覆盖人数"),
        _("发放问卷"),
        _("悬挂横幅"),
        _("电子屏"),
        _("发送短信"),
        _("任务完成"),
    ]


def row_values(row, name: str) -> list:
    return [
        name,
        row.activities,
        *[row.kinds.get(kind, 0) for kind in WorkKind.values],
        row.people_reached,
        row.questionnaires,
        row.banners,
        row.screens,
        row.sms_sent,
        f"{row.tasks_done}/{row.tasks_total}",
    ]


def rollup_workbook(rollup) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("汇总")
    sheet.append([rollup.campaign.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(
        [
            _("平安桐乡日：%(day)s；活动期间：%(start)s 至 %(end)s")
            % {
                "day": rollup.campaign.day,
                "start": rollup.campaign.starts_on,
                "end": rollup.campaign.ends_on,
            }
        ]
    )
    sheet.append(columns())
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for row in rollup.towns:
        sheet.append(row_values(row, row.region.name))
    sheet.append(row_values(rollup.total, _("合计")))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 14
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
