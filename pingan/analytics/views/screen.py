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

# Two panels: the work of the hotline, petitions, mediation and service centres; and the
# prevention side (hazards, Safety Day outreach, the 三率, checkpoint scans, external figures).
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
PREVENTION_KPIS = [
    "hazards.found",
    "hazards.overdue",
    "safety.people_reached",
    "surveys.satisfaction",
    "passes.scans",
    "external.criminal",
]
REFRESH_SECONDS = 60


def _kpi(board, key: str) -> dict:
    figure = board.figure(key)
    return {
        "key": key,
        "label": str(figure.indicator.label),
        "unit": str(figure.indicator.unit),
        "value": None if figure.value is None else float(figure.value),
        "yoy": None if figure.yoy.delta is None else float(figure.yoy.delta),
        "points": figure.yoy.points,
        "better": figure.indicator.better,
    }


def screen_payload(board) -> dict:
    return {
        "region": board.region.name,
        "period": board.period.label,
        "as_of": timezone.localtime(board.as_of).strftime("%H:%M") if board.as_of else None,
        "kpis": [_kpi(board, key) for key in SCREEN_KPIS],
        "prevention": [_kpi(board, key) for key in PREVENTION_KPIS],
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
