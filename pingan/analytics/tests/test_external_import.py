"""Figures from other systems: imported from the template, checked row by row, nothing
half-imported, corrections kept with their history, and stated in the annual report."""

import datetime

import pytest

from pingan.analytics import annual, dashboard
from pingan.analytics.importer import external_import, template_workbook
from pingan.analytics.models import ExternalFigure, ExternalFigureHistory, ExternalImport
from pingan.analytics.periods import Period
from pingan.analytics.tests.workbooks import xlsx
from pingan.core.errors import DomainError
from pingan.org.models import Region

TODAY = datetime.date(2026, 11, 29)


def _import(user, rows, name="figures.xlsx"):
    return external_import(content=xlsx(rows), file_name=name, actor=user, today=TODAY)


def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def test_criminal_cases_fell_by_eleven_point_three_percent(user):
    leader = user("city_leader")
    rows = []
    # 1,000 criminal cases from January to October 2025, 887 in the same months of 2026, spread
    # over two towns and the months unevenly, as real reports are.
    for year, total in ((2025, 1000), (2026, 887)):
        for town, share in (("330483001", 600 if year == 2025 else 530), ("330483103", None)):
            town_total = share if share is not None else total - (600 if year == 2025 else 530)
            for month, value in enumerate(_split(town_total, 10), start=1):
                rows.append([town, "", f"{year}-{month:02d}", value, 3, 0])
    batch = _import(leader, rows)
    assert batch.rows_created == 40 * 3  # a reported 0 is a figure too
    assert ExternalImport.objects.get().imported_by == leader

    city = Region.objects.get(code="330483")
    board = dashboard.build(city, Period.parse("2026"), today=TODAY)
    criminal = board.figure("external.criminal")
    assert criminal.value == 887 and criminal.yoy.previous == 1000
    assert str(criminal.yoy.delta) == "-11.30"
    sentences = [line for _label, lines in annual.paragraphs(board) for line in lines]
    assert "刑事发案887起，同比下降11.30%。" in sentences
    civil = board.figure("external.civil")
    assert civil.value == 60 and str(civil.yoy.delta) == "0.00"
    assert "民商事案件60件，与上年持平。" in sentences


def test_a_year_with_zero_last_year_has_no_percentage(user):
    _import(user("city_leader"), [["330483103", "屠甸镇", "2026-02", 0, 0, 2]])
    board = dashboard.build(Region.objects.get(code="330483103"), Period.parse("2026"), today=TODAY)
    accident = board.figure("external.accident")
    assert accident.value == 2 and accident.yoy.delta is None
    assert annual.sentence(accident) == "安全事故2起，上年为0，不计算同比。"


def test_a_second_import_corrects_and_keeps_the_history(user):
    leader = user("city_leader")
    _import(leader, [["330483001", "梧桐街道", "2026-01", 40, "", ""]])
    second = _import(leader, [["330483001", "", "2026-01", 42, "", ""]], name="更正.xlsx")
    assert (second.rows_created, second.rows_updated) == (0, 1)
    figure = ExternalFigure.objects.get()
    assert figure.value == 42 and figure.source_import == second
    history = list(
        ExternalFigureHistory.objects.order_by("pk").values_list("value", "previous_value")
    )
    assert history == [(40, None), (42, 40)]
    board = dashboard.build(
        Region.objects.get(code="330483001"), Period.parse("2026-01"), today=TODAY
    )
    assert board.figure("external.criminal").value == 42


def test_bad_rows_are_named_and_nothing_is_imported(user):
    rows = [
        ["330483001", "梧桐街道", "2026-01", 40, 2, 0],  # good
        ["330483999", "", "2026-01", 1, 1, 1],  # no such town
        ["330483103", "", "2026-02", -3, 1, 1],  # negative
        ["330483103", "", "2026-12", 1, 1, 1],  # a month still to come
        ["330483001", "", "2026-01", 5, 5, 5],  # duplicate of row 2
        ["330483103", "高桥街道", "2026-03", 1, 1, 1],  # name does not match the code
        ["330483103", "", "2026-13", 1, 1, 1],  # no such month
        ["330483103", "", "2026-04", 1.5, 1, 1],  # not a whole number
        ["330483103", "", "2026-05", "", "", ""],  # nothing reported
    ]
    with pytest.raises(DomainError) as error:
        _import(user("city_leader"), rows)
    assert error.value.code == "import_rejected"
    reasons = {problem["row"]: problem["reason"] for problem in error.value.details}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9, 10]
    assert "330483999" in reasons[3]
    assert "负数" in reasons[4]
    assert "还没有到" in reasons[5]
    assert "第 2 行重复" in reasons[6]
    assert "不符" in reasons[7]
    assert "2026-03" in reasons[8]
    assert "整数" in reasons[9]
    assert "都没有填写" in reasons[10]
    assert not ExternalFigure.objects.exists() and not ExternalImport.objects.exists()


def test_rows_outside_the_importers_jurisdiction_are_refused(user):
    with pytest.raises(DomainError) as error:
        _import(user("wutong_leader"), [["330483103", "", "2026-01", 1, 1, 1]])
    assert "不在您的辖区内" in error.value.details[0]["reason"]
    _import(user("wutong_leader"), [["330483001", "", "2026-01", 1, 1, 1]])
    assert ExternalFigure.objects.count() == 3


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"not a workbook", "x.xlsx", "bad_file"),
        (b"a,b", "x.csv", "bad_file"),
        (xlsx([], header=["代码", "月份"]), "x.xlsx", "bad_template"),
        (xlsx([]), "x.xlsx", "empty_file"),
    ],
)
def test_bad_files_are_clear_errors(user, content, name, code):
    with pytest.raises(DomainError) as error:
        external_import(content=content, file_name=name, actor=user("city_leader"), today=TODAY)
    assert error.value.code == code
    assert not ExternalImport.objects.exists()


def test_the_template_imports_as_it_is(user):
    batch = external_import(
        content=template_workbook(), file_name="模板.xlsx", actor=user("city_leader"), today=TODAY
    )
    assert batch.rows_created == 3
