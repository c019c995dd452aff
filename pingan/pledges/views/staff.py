"""Staff pages: the pledges of one's jurisdiction with their coverage, a pledge's page (text,
link and QR code, coverage per village, signatures, paper entry), the printable sheet."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pingan.core import audit, uploads
from pingan.core.errors import DomainError, NotFound
from pingan.org import scoping
from pingan.org.decorators import role_required
from pingan.org.models import Region
from pingan.pledges import selectors, services, workflow
from pingan.pledges.access import MANAGE_ROLES, PAPER_ROLES, VIEW_ROLES
from pingan.pledges.forms import PaperForm, PledgeForm, WithdrawForm
from pingan.pledges.models import Signature

SHEET_ROWS = 20


def _regions_for(user):
    codes = scoping.jurisdiction_codes(user, MANAGE_ROLES)
    regions = Region.objects.filter(is_active=True).exclude(level=Region.Level.GRID)
    if codes is None:
        return regions
    condition = Q(pk__in=[])
    for code in codes:
        condition |= Q(code__startswith=code)
    return regions.filter(condition)


@role_required(*VIEW_ROLES)
@require_GET
def pledge_list(request):
    pledges = list(selectors.pledges_visible_to(request.user)[:200])
    counts = selectors.signed_counts(pledges)
    for pledge in pledges:
        pledge.signed_households = counts.get(pledge.pk, 0)
    context = {
        "pledges": pledges,
        "can_create": scoping.has_role(request.user, *MANAGE_ROLES),
    }
    return render(request, "pledges/list.html", context)


@role_required(*MANAGE_ROLES)
@require_http_methods(["GET", "POST"])
def pledge_create(request):
    regions = _regions_for(request.user)
    form = PledgeForm(request.POST or None, regions=regions)
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pledge = services.pledge_create(
                actor=request.user,
                region=data["region"],
                title=data["title"],
                body=data["body"],
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("公约草稿已保存，核对后请发布"))
            return redirect("pledges:detail", pk=pledge.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "pledges/form.html", {"form": form, "error": error}, status=status)


def public_url(request, pledge) -> str:
    return request.build_absolute_uri(reverse("pledges:sign", args=[pledge.token]))


@role_required(*VIEW_ROLES)
@require_GET
def pledge_detail(request, pk):
    pledge = selectors.get_pledge_for(request.user, pk)
    context = {
        "pledge": pledge,
        "coverage": selectors.coverage(pledge),
        "signatures": selectors.signatures_of(pledge),
        "events": pledge.events.select_related("actor"),
        "villages": selectors.villages_of(pledge),
        "url": public_url(request, pledge),
        "can_manage": scoping.covers(request.user, pledge.region, MANAGE_ROLES),
        "can_paper": scoping.covers(request.user, pledge.region, PAPER_ROLES)
        and pledge.is_open_for_signing(),
        "can_publish": workflow.can_publish(pledge),
        "can_withdraw": workflow.can_withdraw(pledge),
        "paper_form": PaperForm(),
        "withdraw_form": WithdrawForm(),
    }
    return render(request, "pledges/detail.html", context)


@role_required(*MANAGE_ROLES)
@require_POST
def pledge_publish(request, pk):
    pledge = selectors.get_pledge_for(request.user, pk)
    services.pledge_publish(actor=request.user, pledge=pledge)
    messages.success(request, _("公约已发布，居民可扫码签署"))
    return redirect("pledges:detail", pk=pk)


@role_required(*MANAGE_ROLES)
@require_POST
def pledge_withdraw(request, pk):
    pledge = selectors.get_pledge_for(request.user, pk)
    form = WithdrawForm(request.POST)
    form.is_valid()
    services.pledge_withdraw(
        actor=request.user, pledge=pledge, reason=form.cleaned_data.get("reason", "")
    )
    messages.success(request, _("公约已撤回"))
    return redirect("pledges:detail", pk=pk)


@role_required(*PAPER_ROLES)
@require_POST
def paper_entry(request, pk):
    pledge = selectors.get_pledge_for(request.user, pk)
    form = PaperForm(request.POST, request.FILES)
    form.is_valid()
    data = form.cleaned_data
    services.sign_paper(
        actor=request.user,
        pledge=pledge,
        name=data.get("name", ""),
        phone=data.get("phone", ""),
        id_number=data.get("id_number", ""),
        household=data.get("household", ""),
        region=services.village_for(pledge, data.get("village", "")),
        sheet=data.get("sheet"),
    )
    messages.success(request, _("纸质签署已录入"))
    return redirect("pledges:detail", pk=pk)


@role_required(*VIEW_ROLES)
@require_GET
def signature_sheet(request, pk, signature_pk):
    pledge = selectors.get_pledge_for(request.user, pk)
    signature = Signature.objects.filter(pledge=pledge, pk=signature_pk).first()
    if signature is None or not signature.sheet:
        raise NotFound()
    # The scan shows the signer's name and signature in full: every opening is recorded.
    audit.record("read", signature, actor=request.user, reason="pledge signature sheet")
    # Never cached: the sheet carries a signature and, often, a thumbprint.
    return uploads.file_response(
        signature.sheet.open("rb"),
        content_type=signature.sheet_type,
        download_name=f"sheet-{signature.pk}.{signature.sheet_extension}",
    )


@role_required(*VIEW_ROLES)
@require_GET
def print_sheet(request, pk):
    """The A4 signature sheet: the pledge's text, then blank rows to sign by hand or thumb."""
    pledge = selectors.get_pledge_for(request.user, pk)
    try:
        rows = max(5, min(int(request.GET.get("rows", SHEET_ROWS)), 200))
    except ValueError:
        rows = SHEET_ROWS
    context = {"pledge": pledge, "rows": range(1, rows + 1), "url": public_url(request, pledge)}
    return render(request, "pledges/sheet.html", context)
