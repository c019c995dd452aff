"""Mediation figures for the dashboards (selectors: reads only, scoped to the viewer).

    dispute_figures(user, start=date(2026, 1, 1), end=date(2026, 3, 31), by="type")

Definitions (a period is whole Asia/Shanghai days, both ends included):
- accepted: disputes accepted in the period;
- concluded: disputes whose mediation ended in the period with an agreement, a termination or
  (pre-litigation) a return to the court; withdrawn and refused ones are not counted, since no
  mediation was tried to its end;
- success rate: agreements ÷ concluded;
- pre-litigation resolution rate: of the cases the court referred in the period, those resolved
  by an agreement (before litigation) ÷ those referred;
- average duration: mean days from acceptance (or referral) to conclusion, over the concluded.

Each grouping costs one query, and the totals one more.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.mediation import limits, selectors
from pingan.mediation.models import DisputeType, Level, Outcome, Source
from pingan.org.models import Region

GROUPINGS = {"type": _("纠纷类型"), "level": _("调解层级"), "region": _("镇（街道）")}
CONCLUDED = (Outcome.AGREEMENT, Outcome.TERMINATED, Outcome.RETURNED)
TOWN_CODE_LENGTH = 9


@dataclass
class FigureRow:
    key: str
    label: str
    accepted: int
    concluded: int
    agreements: int
    referred: int
    prelit_resolved: int
    avg_duration_days: float | None

    @property
    def success_rate(self) -> float | None:
        return self.agreements / self.concluded if self.concluded else None

    @property
    def prelit_rate(self) -> float | None:
        return self.prelit_resolved / self.referred if self.referred else None


def _period_q(field: str, start: date, end: date) -> Q:
    return Q(**{f"{field}__gte": limits.end_of_day(start) - limits.ONE_DAY}) & Q(
        **{f"{field}__lt": limits.end_of_day(end)}
    )


def _measures(start: date, end: date) -> dict:
    concluded = _period_q("concluded_at", start, end) & Q(outcome__in=CONCLUDED)
    referred = _period_q("referred_at", start, end) & Q(source=Source.COURT)
    return {
        "accepted": Count("pk", filter=_period_q("accepted_at", start, end)),
        "concluded": Count("pk", filter=concluded),
        "agreements": Count("pk", filter=concluded & Q(outcome=Outcome.AGREEMENT)),
        "referred": Count("pk", filter=referred),
        "prelit_resolved": Count("pk", filter=referred & Q(outcome=Outcome.AGREEMENT)),
        "avg_seconds": Avg("duration_seconds", filter=concluded),
    }


def _row(key: str, label, values: dict) -> FigureRow:
    seconds = values["avg_seconds"]
    return FigureRow(
        key=key,
        label=str(label),
        accepted=values["accepted"],
        concluded=values["concluded"],
        agreements=values["agreements"],
        referred=values["referred"],
        prelit_resolved=values["prelit_resolved"],
        avg_duration_days=round(float(seconds) / 86400, 1) if seconds is not None else None,
    )


def figures_for(
    disputes: QuerySet, *, start: date, end: date, by: str = "type"
) -> tuple[list[FigureRow], FigureRow]:
    """Rows per group and the total, over an already scoped queryset of disputes."""
    if by not in GROUPINGS:
        raise DomainError("unknown_grouping", _("未知的统计维度：%(by)s") % {"by": by}, status=422)
    if start > end:
        raise DomainError("invalid_period", _("开始日期不能晚于结束日期"), status=422)
    measures = _measures(start, end)
    if by == "type":
        keyed = disputes.annotate(key=F("dispute_type"))
        names = dict(DisputeType.choices)
    elif by == "level":
        keyed = disputes.annotate(key=F("level"))
        names = dict(Level.choices)
    else:
        keyed = disputes.annotate(key=Substr("region__code", 1, TOWN_CODE_LENGTH))
        names = None
    grouped = list(keyed.order_by().values("key").annotate(**measures).order_by("key"))
    if names is None:
        names = dict(
            Region.objects.filter(code__in=[g["key"] for g in grouped]).values_list("code", "name")
        )
    rows = [
        _row(g["key"], names.get(g["key"], g["key"]), g)
        for g in grouped
        if g["accepted"] or g["concluded"] or g["referred"]
    ]
    total = _row("total", _("合计"), disputes.order_by().aggregate(**measures))
    return rows, total


def dispute_figures(
    user, *, start: date, end: date, by: str = "type"
) -> tuple[list[FigureRow], FigureRow]:
    """The figures over the disputes the user may see."""
    return figures_for(selectors.disputes_visible_to(user), start=start, end=end, by=by)
