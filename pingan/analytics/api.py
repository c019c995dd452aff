"""The analytics API (/api/v1/analytics/...): the same figures as the dashboard, as JSON."""

from decimal import Decimal

from ninja import Query, Router, Schema

from pingan.analytics import dashboard, links
from pingan.analytics.indicators import INDICATORS
from pingan.analytics.periods import MONTH, Period
from pingan.analytics.views.common import today
from pingan.core.api_support import ERRORS
from pingan.core.errors import NotFound
from pingan.org import scoping

router = Router(tags=["analytics"])


class ChangeOut(Schema):
    previous: Decimal | int | None
    change: Decimal | None
    points: bool


class FigureOut(Schema):
    key: str
    group: str
    label: str
    unit: str
    definition: str
    kind: str
    value: Decimal | int | None
    numerator: int
    denominator: int | None
    yoy: ChangeOut
    mom: ChangeOut
    records: str | None


class RegionFiguresOut(Schema):
    code: str
    name: str
    figures: dict[str, Decimal | int | None]


class KpisOut(Schema):
    region: str
    region_name: str
    period: str
    period_label: str
    as_of: str | None
    figures: list[FigureOut]
    regions: list[RegionFiguresOut]


class KpiQuery(Schema):
    region: str | None = None
    period: str | None = None


class IndicatorOut(Schema):
    key: str
    group: str
    label: str
    unit: str
    definition: str
    kind: str


def _change(change) -> dict:
    return {"previous": change.previous, "change": change.delta, "points": change.points}


@router.get("/indicators", response={200: list[IndicatorOut], **ERRORS}, summary="Definitions")
def indicators(request):
    if not scoping.has_role(request.user, *dashboard.VIEWER_ROLES):
        raise NotFound()
    return [
        {
            "key": i.key,
            "group": i.group,
            "label": str(i.label),
            "unit": str(i.unit),
            "definition": str(i.definition),
            "kind": i.kind,
        }
        for i in INDICATORS
    ]


@router.get("/kpis", response={200: KpisOut, **ERRORS}, summary="Figures of a region and period")
def kpis(request, query: Query[KpiQuery]):
    """Every indicator with 同比 and 环比, and the key figures of each child region. The period
    is `2026-03`, `2026Q1` or `2026` (default: this month); the region a code in your
    jurisdiction (default: its top)."""
    if not scoping.has_role(request.user, *dashboard.VIEWER_ROLES):
        raise NotFound()
    region = dashboard.region_for(request.user, query.region)
    period = Period.parse(query.period) if query.period else Period.current(MONTH, today())
    board = dashboard.build(region, period)
    figures = [
        {
            "key": fig.indicator.key,
            "group": fig.indicator.group,
            "label": str(fig.indicator.label),
            "unit": str(fig.indicator.unit),
            "definition": str(fig.indicator.definition),
            "kind": fig.indicator.kind,
            "value": fig.value,
            "numerator": fig.numerator,
            "denominator": fig.denominator,
            "yoy": _change(fig.yoy),
            "mom": _change(fig.mom),
            "records": links.records_url(fig.indicator, region.code, period),
        }
        for _label, group in board.groups
        for fig in group
    ]
    return {
        "region": region.code,
        "region_name": region.name,
        "period": period.code,
        "period_label": str(period.label),
        "as_of": board.as_of.isoformat() if board.as_of else None,
        "figures": figures,
        "regions": [
            {
                "code": row.code,
                "name": row.name,
                "figures": {f.indicator.key: f.value for f in row.figures},
            }
            for row in board.region_rows
        ],
    }
