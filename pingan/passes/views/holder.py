"""The holder's page of codes (/passes/my/), phone first: each code as a QR (level Q,
alphanumeric) with its colour, masked name and bound place; asking for a 桐行码; inviting a
visitor into one's compound; one's own scans."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from pingan.core.errors import DomainError
from pingan.passes import qr, selectors, services
from pingan.passes.forms import InviteForm, TravelForm
from pingan.people.services import person_find


def _context(person, travel_form=None, invite_form=None) -> dict:
    codes = selectors.current_codes(person) if person else []
    for code in codes:
        code["svg"] = qr.svg(code["payload"])
    residence = selectors.residence_of(person) if person else None
    return {
        "person": person,
        "codes": codes,
        "travel": selectors.current_travel_pass(person) if person else None,
        "residence": residence,
        "can_invite": residence is not None and residence.place.kind == "compound",
        "invitations": selectors.invitations_of(person) if person else [],
        "scans": selectors.my_scans(person, limit=10) if person else [],
        "travel_form": travel_form or TravelForm(),
        "invite_form": invite_form or InviteForm(),
    }


@never_cache
@login_required
@require_GET
def mine(request):
    person = selectors.person_of(request.user)
    return render(request, "passes/my.html", _context(person))


@login_required
@require_POST
def travel(request):
    person = selectors.person_of(request.user)
    form = TravelForm(request.POST)
    if person is None:
        return redirect("passes:my")
    if form.is_valid():
        start, end = form.window()
        try:
            services.travel_request(
                person=person,
                valid_from=start,
                valid_until=end,
                purpose=form.cleaned_data["purpose"],
                actor=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("桐行码已签发"))
            return redirect("passes:my")
    return render(request, "passes/my.html", _context(person, travel_form=form), status=400)


@login_required
@require_POST
def invite(request):
    person = selectors.person_of(request.user)
    form = InviteForm(request.POST)
    if person is None:
        return redirect("passes:my")
    if form.is_valid():
        try:
            visitor = person_find(phone=form.cleaned_data["phone"])
            services.invitation_create(
                host=person, visitor=visitor, day=form.cleaned_data["day"], actor=request.user
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("访客邀请已登记，访客当天出示桐健码即可进入小区"))
            return redirect("passes:my")
    return render(request, "passes/my.html", _context(person, invite_form=form), status=400)
