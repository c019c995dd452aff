"""The 三率 (知晓率, 参与率, 满意率) for a region and a period.

For each measure M:

    M 率 = (answers to questions tagged M that count as yes/satisfied)
           ÷ (answers to questions tagged M) × 100%

over the answers of respondents living in the region (and below it), to surveys whose period
overlaps the chosen one. A question counts as yes when the picked choice is marked so, or
when its rating reaches the question's satisfied score. A zero denominator gives no rate
("—"), never 0% or 100%. One aggregate query, grouped by measure and by the sub-region one
level below the chosen one.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from pingan.org import scoping
from pingan.org.models import Region
from pingan.surveys.models import Answer, Measure
from pingan.surveys.roles import STAFF_ROLES

FORMULAS = {
    Measure.AWARENESS: _("知晓率 = 回答“知晓”的人次 ÷ 回答知晓率题目的人次 × 100%"),
    Measure.PARTICIPATION: _("参与率 = 回答“参与过”的人次 ÷ 回答参与率题目的人次 × 100%"),
    Measure.SATISFACTION: _(
        "满意率 = 回答“满意”（或评分达到满意分数线）的人次 ÷ 回答满意率题目的人次 × 100%"
    ),
}

CHILD_LENGTH = {6: 9, 9: 12, 12: 15}


@dataclass(frozen=True)
class Rate:
    measure: str
    numerator: int
    denominator: int

    @property
    def value(self) -> Decimal | None:
        """Percent with one decimal, None when nobody answered (no rate, not 0%)."""
        if not self.denominator:
            return None
        percent = Decimal(self.numerator * 100) / Decimal(self.denominator)
        return percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def label(self) -> str:
        return Measure(self.measure).label

    @property
    def formula(self) -> str:
        return str(FORMULAS[self.measure])

    @property
    def display(self) -> str:
        return "—" if self.value is None else f"{self.value}%"


@dataclass
class AreaRates:
    region: Region
    rates: dict[str, Rate]


@dataclass
class RateReport:
    region: Region
    start: date
    end: date
    total: dict[str, Rate]
    areas: list[AreaRates]


def _rates(figures: dict) -> dict[str, Rate]:
    return {m: Rate(m, *figures.get(m, (0, 0))) for m in Measure.values}


def _yes() -> Q:
    return Q(choice__counts=True) | Q(rating__gte=F("question__satisfied_min"))


def survey_rates(survey) -> dict[str, Rate]:
    """The three rates of one survey over all its answers (for its own page)."""
    rows = (
        Answer.objects.filter(question__survey=survey, question__measures__in=Measure.values)
        .values("question__measures")
        .annotate(denominator=Count("id"), numerator=Count("id", filter=_yes()))
        .order_by()
    )
    return _rates({r["question__measures"]: (r["numerator"], r["denominator"]) for r in rows})


def rate_report(*, user, region: Region, start: date, end: date) -> RateReport:
    answers = scoping.scope(
        Answer.objects.filter(
            question__measures__in=Measure.values,
            response__region__code__startswith=region.code,
            question__survey__period_start__lte=end,
            question__survey__period_end__gte=start,
        ),
        user,
        field="response__region",
        roles=STAFF_ROLES,
    )
    child = CHILD_LENGTH.get(len(region.code), len(region.code))
    rows = (
        answers.annotate(area=Substr("response__region__code", 1, child))
        .values("area", "question__measures")
        .annotate(denominator=Count("id"), numerator=Count("id", filter=_yes()))
        .order_by()
    )
    total: dict[str, list[int]] = {}
    by_area: dict[str, dict[str, tuple[int, int]]] = {}
    for row in rows:
        measure = row["question__measures"]
        by_area.setdefault(row["area"], {})[measure] = (row["numerator"], row["denominator"])
        sums = total.setdefault(measure, [0, 0])
        sums[0] += row["numerator"]
        sums[1] += row["denominator"]
    regions = Region.objects.in_bulk(list(by_area), field_name="code")
    areas = [
        AreaRates(region=regions[code], rates=_rates(figures))
        for code, figures in sorted(by_area.items())
        if code in regions
    ]
    return RateReport(
        region=region,
        start=start,
        end=end,
        total=_rates({m: tuple(v) for m, v in total.items()}),
        areas=areas,
    )
