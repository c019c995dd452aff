"""Safety Day pages for town and city staff: the campaigns, a campaign's roll-up with its
tasks, notices and activities, the A4 print page and the Excel export; reporting an activity."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pingan.core import uploads
from pingan.core.errors import DomainError
from pingan.org.decorators import role_required
from pingan.safety import export, selectors, services
from pingan.safety.forms import ActivityForm
from pingan.safety.models import WorkKind
from pingan.safety.roles import VIEW_ROLES
from pingan.safety.workflow import can_close, can_report

RECENT_ACTIVITIES = 100


@role_required(*VIEW_ROLES)
@require_GET
def campaign_list(request):
    context = {
        "campaigns": selectors.campaigns_visible_to(request.user),
        "unread": list(selectors.unread_notices(request.user)),
    }
    return render(request, "safety/campaigns.html", context)


@role_required(*VIEW_ROLES)
@require_GET
def campaign_page(request, pk):
    campaign = selectors.get_campaign_for(request.user, pk)
    activities = (
        selectors.activities_visible_to(request.user, campaign)
        .prefetch_related("departments")
        .order_by("-held_on", "-id")[:RECENT_ACTIVITIES]
    )
    context = {
        "campaign": campaign,
        "rollup": selectors.rollup(campaign, request.user),
        "kinds": WorkKind,
        "tasks": list(selectors.tasks_for(request.user, campaign)),
        "activities": activities,
        "events": selectors.timeline_for(request.user, campaign),
        "can_report": can_report(campaign) and selectors.report_regions(request.user).exists(),
        "can_close": can_close(campaign) and services.covers_city(request.user),
    }
    return render(request, "safety/campaign.html", context)


@role_required(*VIEW_ROLES)
@require_GET
def campaign_print(request, pk):
    campaign = selectors.get_campaign_for(request.user, pk)
    context = {
        "campaign": campaign,
        "rollup": selectors.rollup(campaign, request.user),
        "kinds": WorkKind,
    }
    return render(request, "safety/print.html", context)


@role_required(*VIEW_ROLES)
@require_GET
def campaign_export(request, pk):
    campaign = selectors.get_campaign_for(request.user, pk)
    body = export.rollup_workbook(selectors.rollup(campaign, request.user))
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="safety-day-{campaign.month:%Y-%m}.xlsx"'
    )
    return response


@role_required(*VIEW_ROLES)
@require_POST
def campaign_close(request, pk):
    campaign = selectors.get_campaign_for(request.user, pk)
    services.campaign_close(campaign=campaign, actor=request.user)
    messages.success(request, _("本期平安桐乡日已结束"))
    return redirect("safety:campaign", pk=campaign.pk)


@role_required(*VIEW_ROLES)
@require_POST
def notice_read(request, pk):
    notice = selectors.get_notice_for(request.user, pk)
    services.town_notice_read(notice=notice, actor=request.user)
    messages.success(request, _("已签阅"))
    return redirect("safety:campaign", pk=notice.campaign_id)


@role_required(*VIEW_ROLES)
@require_http_methods(["GET", "POST"])
def activity_new(request, pk):
    campaign = selectors.get_campaign_for(request.user, pk)
    form = ActivityForm(
        request.POST or None, request.FILES or None, user=request.user, campaign=campaign
    )
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            activity = services.activity_report(
                campaign=campaign,
                actor=request.user,
                region=data["region"],
                kind=data["kind"],
                held_on=data["held_on"],
                place=data["place"],
                departments=data["departments"],
                other_units=data["other_units"],
                summary=data["summary"],
                tallies=form.tallies(),
                photos=request.FILES.getlist("photos"),
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("活动已上报"))
            return redirect("safety:activity", pk=activity.pk)
    context = {
        "campaign": campaign,
        "form": form,
        "error": error,
        "photos_dropped": request.method == "POST" and bool(request.FILES),
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "safety/activity_form.html", context, status=status)


@role_required(*VIEW_ROLES)
@require_GET
def activity_page(request, pk):
    activity = selectors.get_activity_for(request.user, pk)
    return render(request, "safety/activity.html", {"activity": activity})


@role_required(*VIEW_ROLES)
@require_GET
def activity_photo(request, pk, photo_pk):
    activity = selectors.get_activity_for(request.user, pk)
    photo = activity.photos.filter(pk=photo_pk).first()
    if photo is None:
        raise DomainError("not_found", _("照片不存在"), status=404)
    return uploads.file_response(
        photo.file.open("rb"),
        content_type=photo.content_type,
        download_name=photo.stored_name,
        cache_seconds=3600,
    )
