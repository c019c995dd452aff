"""Importing the monthly figures kept by other systems from the Excel template: every row is
checked, every rejected row is named with its reason, and nothing is written unless all pass."""

import datetime
import io
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from pingan.analytics.models import (
    ExternalFigure,
    ExternalFigureHistory,
    ExternalImport,
    ExternalKind,
)
from pingan.analytics.periods import add_months
from pingan.analytics.rollup import rollup
from pingan.analytics.sources import external
from pingan.core import uploads
from pingan.core.errors import DomainError
from pingan.org import scoping
from pingan.org.models import Region

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
COLUMNS = ["区划代码", "区域名称", "月份", "刑事发案", "民商事案件", "安全事故"]
KIND_COLUMNS = {3: ExternalKind.CRIMINAL, 4: ExternalKind.CIVIL, 5: ExternalKind.ACCIDENT}
IMPORT_ROLES = ("leader", "admin")
MONTH_TEXT = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?$")


def template_workbook() -> bytes:
    """The template the page offers: headers, one example row, and how to fill it in."""
    book = Workbook()
    sheet = book.active
    sheet.title = "数据"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(["330483103", "屠甸镇", "2026-03", 12, 35, 0])
    for letter, width in zip("ABCDEF", (14, 14, 10, 10, 12, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    notes = book.create_sheet("填写说明")
    for line in (
        "每行一个区域一个月：区划代码为镇（街道）9 位或全市 6 位代码；"
        "区域名称可留空，填写时须与代码一致。",
        "月份写成 2026-03；不能是将来的月份。",
        "三项数量为不小于 0 的整数；某项不报送时留空。",
        "同一区域同一月份在一个文件里只能出现一次；已导入过的数据再次导入视为更正，保留原值记录。",
        "任何一行有误，整个文件都不导入，页面列出每个错误行及原因。",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook_of(rows, header=COLUMNS) -> bytes:
    """A workbook laid out like the template, holding `rows` (demo data, tests)."""
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass
class Row:
    number: int
    region: Region
    month: datetime.date
    values: dict  # kind -> int


def _month(value, today: datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        month = value.replace(day=1)
    else:
        match = MONTH_TEXT.match(str(value or "").strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValueError(_("月份应写成 2026-03 的形式"))
        month = datetime.date(int(match.group(1)), int(match.group(2)), 1)
    if month > today.replace(day=1):
        raise ValueError(_("月份 %(m)s 还没有到") % {"m": f"{month:%Y-%m}"})
    if month.year < 2000:
        raise ValueError(_("月份过早"))
    return month


def _count(value, column: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(_("%(c)s应为整数") % {"c": column})
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(_("%(c)s应为整数") % {"c": column})
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError(_("%(c)s应为整数") % {"c": column})
        value = int(text)
    if value < 0:
        raise ValueError(_("%(c)s不能为负数") % {"c": column})
    if value > 10_000_000:
        raise ValueError(_("%(c)s数值过大") % {"c": column})
    return value


def parse(content: bytes, *, actor, today: datetime.date) -> tuple[list[Row], list[dict]]:
    """(good rows, problems) — problems as {"row": n, "reason": text}."""
    # The package is checked before openpyxl unpacks it: a zip bomb is refused unopened.
    if uploads.xlsx_problem(content) is not None:
        raise DomainError("bad_file", _("无法读取文件：请上传由模板填写的 .xlsx 文件"))
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        raise DomainError("bad_file", _("无法读取文件：请上传由模板填写的 .xlsx 文件")) from exc
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = [str(c or "").strip() for c in next(lines, ())][: len(COLUMNS)]
    if header != COLUMNS:
        raise DomainError(
            "bad_template",
            _("表头与模板不一致，应为：%(cols)s") % {"cols": "、".join(COLUMNS)},
        )
    codes = scoping.jurisdiction_codes(actor, IMPORT_ROLES)
    regions = {r.code: r for r in Region.objects.filter(level__in=["city", "town"])}
    rows, problems, seen = [], [], {}
    for number, line in enumerate(lines, start=2):
        cells = list(line[: len(COLUMNS)]) + [None] * (len(COLUMNS) - len(line))
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        if len(rows) + len(problems) >= MAX_ROWS:
            raise DomainError("too_many_rows", _("一次最多导入 %(n)d 行") % {"n": MAX_ROWS})
        try:
            code = str(cells[0] or "").strip()
            if code.endswith(".0"):
                code = code[:-2]
            region = regions.get(code)
            if region is None:
                raise ValueError(_("区划代码 %(c)s 不是本市或所辖镇（街道）的代码") % {"c": code})
            if codes is not None and not any(code.startswith(c) for c in codes):
                raise ValueError(_("区划代码 %(c)s 不在您的辖区内") % {"c": code})
            name = str(cells[1] or "").strip()
            if name and name != region.name:
                raise ValueError(
                    _("区域名称“%(n)s”与代码不符（应为%(r)s）") % {"n": name, "r": region.name}
                )
            month = _month(cells[2], today)
            values = {}
            for index, kind in KIND_COLUMNS.items():
                value = _count(cells[index], COLUMNS[index])
                if value is not None:
                    values[kind] = value
            if not values:
                raise ValueError(_("三项数量都没有填写"))
            ident = (code, month)
            if ident in seen:
                raise ValueError(_("与第 %(n)d 行重复（同一区域同一月份）") % {"n": seen[ident]})
            seen[ident] = number
            rows.append(Row(number, region, month, values))
        except ValueError as exc:
            problems.append({"row": number, "reason": str(exc)})
    if not rows and not problems:
        raise DomainError("empty_file", _("文件中没有数据行"))
    return rows, problems


def external_import(*, content: bytes, file_name: str, actor, today=None) -> ExternalImport:
    """Import the workbook or raise DomainError with every bad row in `details`."""
    if len(content) > MAX_BYTES:
        raise DomainError("file_too_large", _("文件不能超过 2 MB"))
    if not file_name.lower().endswith(".xlsx"):
        raise DomainError("bad_file", _("请上传 .xlsx 格式的 Excel 文件"))
    today = today or timezone.localdate()
    rows, problems = parse(content, actor=actor, today=today)
    if problems:
        raise DomainError(
            "import_rejected",
            _("有 %(n)d 行数据有误，整个文件未导入，请修改后重新上传") % {"n": len(problems)},
            details=problems,
        )
    with transaction.atomic():
        batch = ExternalImport.objects.create(file_name=file_name[:200], imported_by=actor)
        created = updated = 0
        for row in rows:
            for kind, value in row.values.items():
                figure = (
                    ExternalFigure.objects.select_for_update()
                    .filter(region=row.region, month=row.month, kind=kind)
                    .first()
                )
                previous = None
                if figure is None:
                    figure = ExternalFigure.objects.create(
                        region=row.region, month=row.month, kind=kind, value=value,
                        source_import=batch,
                    )  # fmt: skip
                    created += 1
                else:
                    previous = figure.value
                    figure.value, figure.source_import = value, batch
                    figure.save(update_fields=["value", "source_import"])
                    updated += 1
                ExternalFigureHistory.objects.create(
                    figure=figure, source_import=batch, value=value, previous_value=previous
                )
        batch.rows_created, batch.rows_updated = created, updated
        batch.save(update_fields=["rows_created", "rows_updated"])
        months = sorted({row.month for row in rows})
        rollup(start=months[0], end=add_months(months[-1], 1), sources=[external.SOURCE])
    return batch
