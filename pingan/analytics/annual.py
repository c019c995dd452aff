"""The annual report (年度报告): the year's figures stated in sentences, computed from the same
figures as the dashboard ("刑事发案887起，同比下降11.30%")."""

from django.utils.translation import gettext as _

from pingan.analytics.dashboard import Dashboard
from pingan.analytics.figures import Figure
from pingan.analytics.indicators import RATE, STOCK


def sentence(figure: Figure) -> str:
    ind = figure.indicator
    if figure.value is None:
        return _("%(label)s：本年度没有可计算的数据。") % {"label": ind.label}
    change = figure.yoy
    if ind.kind == RATE:
        head = _("%(label)s%(value)s%%") % {"label": ind.label, "value": figure.value}
        if change.delta is None:
            tail = _("上年没有可比数据")
        elif change.delta == 0:
            tail = _("与上年持平")
        elif change.delta > 0:
            tail = _("比上年提高%(d)s个百分点") % {"d": change.delta}
        else:
            tail = _("比上年降低%(d)s个百分点") % {"d": -change.delta}
        return f"{head}，{tail}。"
    if ind.kind == STOCK:
        head = _("年末%(label)s%(value)s%(unit)s") % {
            "label": ind.label,
            "value": figure.value,
            "unit": ind.unit,
        }
    else:
        head = _("%(label)s%(value)s%(unit)s") % {
            "label": ind.label,
            "value": figure.value,
            "unit": ind.unit,
        }
    if change.delta is None:
        tail = _("上年为0，不计算同比") if change.previous == 0 else _("上年没有可比数据")
    elif change.delta == 0:
        tail = _("与上年持平")
    elif change.delta > 0:
        tail = _("同比上升%(d)s%%") % {"d": change.delta}
    else:
        tail = _("同比下降%(d)s%%") % {"d": -change.delta}
    return f"{head}，{tail}。"


def paragraphs(board: Dashboard) -> list[tuple[str, list[str]]]:
    """One paragraph per group of indicators, leaving out indicators with no data both years."""
    result = []
    for label, figures in board.groups:
        lines = [
            sentence(figure)
            for figure in figures
            if figure.value not in (None, 0) or figure.yoy.previous not in (None, 0)
        ]
        if lines:
            result.append((label, lines))
    return result
