"""The command centre's big screen (大屏): dark, 1920×1080, refreshing itself every minute from
a JSON view of the same dashboard figures."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from pingan.analytics import dashboard
from pingan.analytics.periods import MONTH, Period
from pingan.analytics.views.common import today
from pingan.org.decorators import role_required

SCREEN_KPIS = [
    "cases.received",
    "cases.finish_rate",
    "cases.satisfaction_rate",
    "cases.ontime_rate",
    "cases.overdue",
    "petitions.registered",
    "mediation.received",
    "mediation.success_rate",
    "hall.one_visit_rate",
]
REFRESH_SECONDS = 60


def screen_payload(board) -> dict:
    kpis = []
    for key in SCREEN_KPIS:
        figure = board.figure(key)
        kpis.append(
            {
                "key": key,
                "label": str(figure.indicator.label),
                "unit": str(figure.indicator.unit),
                "value": None if figure.value is None else float(figure.value),
                "yoy": None if figure.yoy.delta is None else float(figure.yoy.delta),
                "points": figure.yoy.points,
                "better": figure.indicator.better,
            }
        )
    return {
        "region": board.region.name,
        "period": board.period.label,
        "as_of": timezone.localtime(board.as_of).strftime("%H:%M") if board.as_of else None,
        "kpis": kpis,
        "charts": board.charts(),
        "refresh": REFRESH_SECONDS,
    }


def _board(request):
    region = dashboard.region_for(request.user, request.GET.get("region"))
    return dashboard.build(region, Period.current(MONTH, today()))


@role_required(*dashboard.VIEWER_ROLES)
@require_GET
def screen_page(request):
    board = _board(request)
    return render(
        request, "analytics/screen.html", {"board": board, "payload": screen_payload(board)}
    )


@role_required(*dashboard.VIEWER_ROLES)
@require_GET
def screen_data(request):
    return JsonResponse(screen_payload(_board(request)))
