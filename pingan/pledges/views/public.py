"""The public phone page of a pledge: read it, confirm one's phone with an SMS code, sign.
Reached through the link or the QR code on the village's notice board; no account needed.
Works without JavaScript: one form, two buttons (get the code, sign)."""

import io

import segno
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from pingan.core.errors import DomainError
from pingan.people import code_budget
from pingan.pledges import selectors, services
from pingan.pledges.forms import SignForm
from pingan.pledges.views.staff import public_url


def _context(pledge, form, **extra) -> dict:
    return {
        "pledge": pledge,
        "form": form,
        "villages": selectors.villages_of(pledge),
        "open": pledge.is_open_for_signing(),
        **extra,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def sign(request, token):
    pledge = selectors.public_pledge(token)
    if request.method == "GET":
        return render(request, "pledges/public/sign.html", _context(pledge, SignForm()))
    form = SignForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        if request.POST.get("action") == "code":
            code_budget.check(request)
            services.sign_code_send(pledge=pledge, phone=data.get("phone", ""))
            code_budget.spent(request)
            return render(
                request,
                "pledges/public/sign.html",
                _context(pledge, form, notice=_("验证码已发送，请查看短信")),
            )
        signature = services.sign_online(
            pledge=pledge,
            name=data.get("name", ""),
            phone=data.get("phone", ""),
            code=data.get("code", ""),
            household=data.get("household", ""),
            region=services.village_for(pledge, data.get("village", "")),
        )
    except DomainError as exc:
        return render(
            request,
            "pledges/public/sign.html",
            _context(pledge, form, error=exc.message),
            status=exc.status,
        )
    return render(request, "pledges/public/signed.html", {"pledge": pledge, "signature": signature})


@cache_control(max_age=3600)
@require_GET
def qr_svg(request, token):
    """The pledge's QR code: it opens the signing page on a phone."""
    pledge = selectors.public_pledge(token)
    code = segno.make_qr(public_url(request, pledge), error="q")
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=8, border=2, dark="#0b3d6e", xmldecl=False)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
