"""What the analytics pages share: who may see them, the period picker, the region asked for."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.analytics import dashboard
from pingan.analytics.periods import MONTH, QUARTER, YEAR, Period, add_months

viewer_required_roles = dashboard.VIEWER_ROLES


def today() -> datetime.date:
    return timezone.localdate()


def period_from(request, default_kind: str = MONTH) -> Period:
    code = request.GET.get("period")
    if code:
        return Period.parse(code)
    return Period.current(default_kind, today())


def period_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The picker: the last 24 months, 8 quarters and 5 years, newest first."""
    now = today()
    month = Period.current(MONTH, now)
    quarter = Period.current(QUARTER, now)
    year = Period.current(YEAR, now)
    months = [Period(MONTH, add_months(month.start, -i), 1) for i in range(24)]
    quarters = [Period(QUARTER, add_months(quarter.start, -3 * i), 3) for i in range(8)]
    years = [Period(YEAR, add_months(year.start, -12 * i), 12) for i in range(5)]
    return [
        (str(_("月度")), [(p.code, p.label) for p in months]),
        (str(_("季度")), [(p.code, p.label) for p in quarters]),
        (str(_("年度")), [(p.code, p.label) for p in years]),
    ]
