"""The dashboard of a jurisdiction (统计分析) and its Excel exports."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pingan.analytics import dashboard, exports
from pingan.analytics.indicators import BY_KEY, RANKING_CHOICES
from pingan.analytics.views.common import period_choices, period_from
from pingan.org.decorators import role_required


@role_required(*dashboard.VIEWER_ROLES)
@require_GET
def dashboard_page(request):
    region = dashboard.region_for(request.user, request.GET.get("region"))
    period = period_from(request)
    ranking = request.GET.get("rank") or RANKING_CHOICES[0]
    board = dashboard.build(region, period, ranking_key=ranking)
    context = {
        "board": board,
        "crumbs": dashboard.breadcrumbs(request.user, region),
        "period_choices": period_choices(),
        "ranking_choices": [(key, BY_KEY[key].label) for key in RANKING_CHOICES],
        "ranking": board.ranking["key"],
        "charts": board.charts(),
        "tables": exports.TABLES,
    }
    return render(request, "analytics/dashboard.html", context)


@role_required(*dashboard.VIEWER_ROLES)
@require_GET
def export(request, table: str):
    if table not in exports.TABLES:
        raise Http404
    region = dashboard.region_for(request.user, request.GET.get("region"))
    period = period_from(request)
    board = dashboard.build(region, period, ranking_key=request.GET.get("rank") or "")
    response = HttpResponse(
        exports.workbook(board, table),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"pingan-{region.code}-{period.code}-{table}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
