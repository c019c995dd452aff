"""Bulk SMS pages (群发短信): the batches of one's jurisdiction, a new batch (recipients,
template, window, rate), and a batch's page whose progress bar polls with htmx."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pingan.core.errors import DomainError
from pingan.notify import bulk
from pingan.notify.forms import BatchForm
from pingan.notify.models import SmsBatch
from pingan.org import scoping
from pingan.org.decorators import role_required
from pingan.org.models import Region

ROLES = tuple(bulk.BULK_ROLES)


def _covered_regions(user):
    codes = scoping.jurisdiction_codes(user, ROLES)
    regions = Region.objects.filter(is_active=True).exclude(level=Region.Level.GRID)
    if codes is None:
        return regions
    return [r for r in regions if any(r.code.startswith(c) for c in codes)]


@role_required(*ROLES)
@require_GET
def batch_list(request):
    batches = list(bulk.batches_visible_to(request.user)[:100])
    return render(request, "notify/batches.html", {"batches": batches})


def _template_choices():
    return [(d.code, d.name) for d in bulk.bulk_templates()]


def _form_context(request, form, error=None, bad_rows=None):
    return {
        "form": form,
        "regions": _covered_regions(request.user),
        "pledges": bulk.source_choices(request.user, SmsBatch.Source.PLEDGE),
        "templates": bulk.bulk_templates(),
        "error": error,
        "bad_rows": bad_rows,
    }


@role_required(*ROLES)
@require_http_methods(["GET", "POST"])
def batch_create(request):
    # Bound on every POST, even an empty one: an empty POST must fail validation with a message,
    # not reach the error lookup as an unbound form with no errors.
    posted = request.method == "POST"
    form = BatchForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        template_choices=_template_choices(),
    )
    if request.method == "GET":
        return render(request, "notify/batch_form.html", _form_context(request, form))
    if not form.is_valid():
        error = next(iter(form.errors.values()))[0]
        return render(
            request, "notify/batch_form.html", _form_context(request, form, error), status=422
        )
    data = form.cleaned_data
    try:
        region = None
        if data["region"]:
            region = scoping.get_region_for(request.user, data["region"])
        entries = None
        if data["source"] == SmsBatch.Source.EXCEL:
            entries = bulk.read_list(data.get("upload"))
        batch = bulk.batch_create(
            actor=request.user,
            name=data["name"],
            template=data["template"],
            content=data["content"],
            source=data["source"],
            region=region,
            source_ref=data["pledge"] if data["source"] == SmsBatch.Source.PLEDGE else "",
            entries=entries,
            send_after=data["send_after"],
            window_start=data["window_start"],
            window_end=data["window_end"],
            rate_per_minute=data["rate_per_minute"],
        )
    except DomainError as exc:
        return render(
            request,
            "notify/batch_form.html",
            _form_context(request, form, exc.message, exc.details),
            status=exc.status if exc.status != 404 else 422,
        )
    messages.success(request, _("群发批次已创建，正在后台写入待发短信"))
    return redirect("notify:batch", pk=batch.pk)


@role_required(*ROLES)
@require_GET
def batch_detail(request, pk):
    batch = bulk.get_batch_for(request.user, pk)
    context = {"batch": batch, "events": batch.events.select_related("actor")}
    return render(request, "notify/batch.html", context)


@never_cache
@role_required(*ROLES)
@require_GET
def batch_progress(request, pk):
    batch = bulk.get_batch_for(request.user, pk)
    return render(request, "notify/_progress.html", {"batch": batch})


@role_required(*ROLES)
@require_POST
def batch_cancel(request, pk):
    batch = bulk.get_batch_for(request.user, pk)
    bulk.batch_cancel(actor=request.user, batch=batch, reason=request.POST.get("reason", ""))
    messages.success(request, _("群发已撤销，未发出的短信不再发送"))
    return redirect("notify:batch", pk=pk)
