"""The printable annual report of a jurisdiction."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from pingan.analytics import annual, dashboard
from pingan.analytics.periods import Period
from pingan.analytics.views.common import today
from pingan.core.errors import DomainError
from pingan.org.decorators import role_required


@role_required(*dashboard.VIEWER_ROLES)
@require_GET
def annual_page(request):
    region = dashboard.region_for(request.user, request.GET.get("region"))
    period = Period.parse(request.GET.get("year") or str(today().year))
    if period.kind != "year":
        raise DomainError("invalid_year", _("年份应为四位数字，如 2026"))
    board = dashboard.build(region, period)
    context = {
        "board": board,
        "paragraphs": annual.paragraphs(board),
        "years": [today().year - i for i in range(5)],
        "to_date": period.start.year == today().year,
        "today": today(),
    }
    return render(request, "analytics/annual.html", context)
