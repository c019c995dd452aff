"""Centre pages for clerks, admins and leaders: windows and who sits there, today's queue,
the 最多跑一次 share by month, answers waiting to be returned; and a matter's own page."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pingan.core.errors import DomainError
from pingan.hall import selectors, services
from pingan.hall.forms import DeliverForm
from pingan.hall.models import WindowAssignment
from pingan.hall.views.window import first_error
from pingan.hall.workflow import can_deliver
from pingan.org import scoping
from pingan.org.decorators import role_required

CENTRE_ROLES = tuple(selectors.CENTRE_ROLES)
SHARE_MONTHS = 6


@role_required(*CENTRE_ROLES)
@require_GET
def centre_list(request):
    centres = list(selectors.centres_visible_to(request.user))
    if len(centres) == 1:
        return redirect("hall:centre", pk=centres[0].pk)
    return render(request, "hall/centres.html", {"centres": centres})


@role_required(*CENTRE_ROLES)
@require_GET
def centre_page(request, pk):
    centre = selectors.get_centre_for(request.user, pk)
    windows = list(selectors.windows_of_centre(centre))
    assignments = WindowAssignment.objects.filter(
        window__in=windows, is_active=True
    ).select_related("user")
    clerks: dict[int, list] = {}
    for assignment in assignments:
        clerks.setdefault(assignment.window_id, []).append(assignment.user)
    for window in windows:
        window.clerks = clerks.get(window.pk, [])
    context = {
        "centre": centre,
        "windows": windows,
        "stats": selectors.queue_stats(centre),
        "shares": [
            selectors.one_visit_share(centre, month)
            for month in selectors.recent_months(SHARE_MONTHS)
        ],
        "formula": selectors.FORMULA,
        "to_return": selectors.answers_to_return(centre)[:50],
        "duty": selectors.duty_on(centre, selectors.today()),
        "keeps_roster": scoping.covers(request.user, centre.region, selectors.ROSTER_ROLES),
    }
    return render(request, "hall/centre.html", context)


@role_required(*CENTRE_ROLES)
@require_GET
def matter_page(request, pk):
    matter = selectors.get_matter_for(request.user, pk)
    case = selectors.result_case(matter.case)
    context = {
        "matter": matter,
        "case": case,
        "visits": selectors.visits_of_matter(matter),
        "events": matter.events.select_related("actor"),
        "can_deliver": can_deliver(matter) and selectors.has_result(matter),
        "form": DeliverForm(),
    }
    return render(request, "hall/matter.html", context)


@role_required(*CENTRE_ROLES)
@require_POST
def matter_deliver(request, pk):
    matter = selectors.get_matter_for(request.user, pk)
    form = DeliverForm(request.POST)
    if not form.is_valid():
        raise DomainError("note_required", first_error(form), status=422)
    services.matter_deliver(actor=request.user, matter=matter, note=form.cleaned_data["note"])
    messages.success(request, _("已登记答复直接送达"))
    return redirect("hall:matter", pk=matter.pk)
