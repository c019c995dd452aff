"""Where the records behind a figure are listed, filtered to the figure's region and period, on
the pages that already apply the viewer's jurisdiction (a figure never opens more than they may
see)."""

import datetime
from urllib.parse import urlencode

from django.urls import reverse

from pingan.analytics.indicators import Indicator
from pingan.analytics.periods import Period, add_months

TOWN_CODE_LENGTH = 9


def records_url(indicator: Indicator, region_code: str, period: Period) -> str | None:
    first = period.start
    last = add_months(period.start, period.length) - datetime.timedelta(days=1)
    if indicator.records == "cases":
        query = {"queue": "all", "since": first.isoformat(), "until": last.isoformat()}
        if len(region_code) > 6:
            query["region"] = region_code
        if indicator.key == "cases.overdue":
            query = {"queue": "overdue", "region": query.get("region", "")}
        return f"{reverse('cases_staff:queue')}?{urlencode(query)}"
    if indicator.records == "petitions":
        flag = indicator.key.split(".", 1)[1]
        # The backlog is a stock at the period's end, not the petitions registered in it.
        query = {} if flag == "backlog" else {"since": first.isoformat(), "until": last.isoformat()}
        if len(region_code) >= TOWN_CODE_LENGTH:
            query["town"] = region_code[:TOWN_CODE_LENGTH]
        if flag in ("collective", "repeat", "over_level", "backlog"):
            query[flag] = "on"
        return f"{reverse('petitions:list')}?{urlencode(query)}"
    if indicator.records == "mediation":
        query = {"start": first.isoformat(), "end": last.isoformat(), "by": "region"}
        return f"{reverse('mediation:figures')}?{urlencode(query)}"
    if indicator.records == "hazards":
        query = {}
        if len(region_code) >= TOWN_CODE_LENGTH:
            query["town"] = region_code[:TOWN_CODE_LENGTH]
        if indicator.key == "hazards.overdue":
            query["overdue"] = "1"
        elif indicator.key == "hazards.major":
            query["grade"] = "major"
        elif indicator.key == "hazards.closed":
            query["status"] = "closed"
        return f"{reverse('hazards:list')}?{urlencode(query)}"
    if indicator.records == "safety":
        return reverse("safety:campaigns")
    if indicator.records == "surveys":
        query = {"region": region_code, "start": first.isoformat(), "end": last.isoformat()}
        return f"{reverse('surveys:rates')}?{urlencode(query)}"
    if indicator.records == "external":
        query = {"region": region_code, "period": period.code}
        return f"{reverse('analytics:imports')}?{urlencode(query)}"
    return None
