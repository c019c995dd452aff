"""Every table of the dashboard as an Excel workbook (openpyxl), with the same figures."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from pingan.analytics.dashboard import Dashboard
from pingan.analytics.figures import Change

TABLES = ("indicators", "regions", "channels", "kinds", "categories", "trend")


def _change(change: Change):
    if change.delta is None:
        return ""
    return float(change.delta)


def _value(value):
    return float(value) if value is not None and not isinstance(value, int) else value


def rows_of(dashboard: Dashboard, table: str) -> tuple[str, list[str], list[list]]:
    """(sheet title, header, rows) of one table."""
    if table == "indicators":
        header = [
            _("类别"),
            _("指标"),
            _("数值"),
            _("单位"),
            _("去年同期"),
            _("同比（%或百分点）"),
            _("上期"),
            _("环比（%或百分点）"),
            _("分子"),
            _("分母"),
            _("口径"),
        ]
        rows = [
            [
                str(label),
                str(fig.indicator.label),
                _value(fig.value),
                str(fig.indicator.unit),
                _value(fig.yoy.previous),
                _change(fig.yoy),
                _value(fig.mom.previous),
                _change(fig.mom),
                fig.numerator,
                fig.denominator,
                str(fig.indicator.definition),
            ]
            for label, figures in dashboard.groups
            for fig in figures
        ]
        return _("指标"), header, rows
    if table == "regions":
        header = [_("区域")] + [f"{col.label}（{col.unit}）" for col in dashboard.region_columns]
        rows = [
            [row.name] + [_value(fig.value) for fig in row.figures] for row in dashboard.region_rows
        ]
        return _("分区域"), header, rows
    if table in ("channels", "kinds", "categories"):
        breakdown = dashboard.breakdown(table)
        header = [breakdown.title, _("工单数"), _("同比（%）")]
        rows = [[label, value, _change(chg)] for label, value, chg in breakdown.rows]
        return str(breakdown.title), header, rows
    trend = dashboard.trend
    keys = [key for key in trend["labels"]]
    header = [_("月份")] + [trend["labels"][key] for key in keys]
    rows = [
        [month] + [trend[key][index] for key in keys] for index, month in enumerate(trend["months"])
    ]
    return _("月度趋势"), header, rows


def workbook(dashboard: Dashboard, table: str) -> bytes:
    title, header, rows = rows_of(dashboard, table)
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([f"{dashboard.region.name} · {dashboard.period.label} · {title}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    if dashboard.as_of:
        sheet.append([])
        local = timezone.localtime(dashboard.as_of)
        sheet.append([_("数据截至 %(t)s") % {"t": f"{local:%Y-%m-%d %H:%M}"}])
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column[1:]) if len(column) > 1 else 10
        sheet.column_dimensions[column[0].column_letter].width = min(max(width * 2, 10), 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
