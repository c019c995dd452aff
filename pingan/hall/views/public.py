"""Public pages of a centre, for visitors and the screens in the hall: taking a number (the
kiosk and the phone after scanning the QR code), the visitor's own ticket, the display screen,
today's duty board and the printable QR poster. Nothing personal is shown on any of them."""

import io

import segno
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pingan.core.errors import DomainError, NotFound
from pingan.core.masking import mask_name
from pingan.hall import selectors, services, throttle
from pingan.hall.forms import TakeNumberForm
from pingan.hall.models import HalfDay, Ticket


def _take_context(centre, kiosk: bool, form=None, error=None) -> dict:
    state = selectors.display_state(centre)
    return {
        "centre": centre,
        "waiting": state["waiting"],
        "kiosk": kiosk,
        "form": form or TakeNumberForm(),
        "error": error,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def take_number(request, slug):
    centre = selectors.public_centre(slug)
    kiosk = request.GET.get("kiosk") == "1"
    if request.method == "GET":
        return render(request, "hall/public/take.html", _take_context(centre, kiosk))
    form = TakeNumberForm(request.POST)
    if not form.is_valid():
        error = next(iter(form.errors.values()))[0]
        return render(
            request, "hall/public/take.html", _take_context(centre, kiosk, form, error), status=422
        )
    try:
        throttle.check_may_take(request)
        ticket = services.ticket_take(
            centre=centre,
            kind=form.cleaned_data["kind"],
            phone=form.cleaned_data["phone"],
            source=Ticket.Source.KIOSK if kiosk else Ticket.Source.PHONE,
        )
        throttle.taken(request)
    except DomainError as exc:
        return render(
            request,
            "hall/public/take.html",
            _take_context(centre, kiosk, form, exc.message),
            status=exc.status,
        )
    url = reverse("hall:ticket", args=[centre.slug, ticket.token])
    return redirect(f"{url}?kiosk=1" if kiosk else url)


def _ticket_for(slug, token) -> Ticket:
    ticket = selectors.public_ticket(token)
    if ticket.centre.slug != slug:
        raise NotFound(_("号码不存在"))
    return ticket


def _ticket_context(ticket, request) -> dict:
    return {
        "ticket": ticket,
        "centre": ticket.centre,
        "ahead": selectors.people_ahead(ticket),
        "kiosk": request.GET.get("kiosk") == "1",
        "is_today": ticket.business_date == selectors.today(),
    }


@never_cache
@require_GET
def ticket_page(request, slug, token):
    ticket = _ticket_for(slug, token)
    return render(request, "hall/public/ticket.html", _ticket_context(ticket, request))


@never_cache
@require_GET
def ticket_status(request, slug, token):
    ticket = _ticket_for(slug, token)
    return render(request, "hall/public/_ticket_status.html", _ticket_context(ticket, request))


@require_POST
def ticket_cancel(request, slug, token):
    ticket = _ticket_for(slug, token)
    services.ticket_cancel(ticket=ticket)
    return redirect("hall:ticket", slug=slug, token=token)


@never_cache
@require_GET
def display(request, slug):
    centre = selectors.public_centre(slug)
    return render(request, "hall/public/display.html", selectors.display_state(centre))


@never_cache
@require_GET
def display_state(request, slug):
    centre = selectors.public_centre(slug)
    return render(request, "hall/public/_display_state.html", selectors.display_state(centre))


@never_cache
@require_GET
def duty_board(request, slug):
    centre = selectors.public_centre(slug)
    day = selectors.today()
    now_half = selectors.current_half()
    rows = [
        {
            "name": mask_name(slot.person.name or slot.person.username),
            "profession": slot.get_profession_display(),
            "window": slot.window.name,
            "half": slot.get_half_display(),
            "now": slot.half == now_half,
        }
        for slot in selectors.duty_on(centre, day)
    ]
    context = {
        "centre": centre,
        "day": day,
        "rows": rows,
        "halves": HalfDay,
        "now_half": HalfDay(now_half).label,
    }
    return render(request, "hall/public/duty_board.html", context)


def take_url(request, centre) -> str:
    return request.build_absolute_uri(reverse("hall:take", args=[centre.slug]))


@cache_control(max_age=3600)
@require_GET
def qr_svg(request, slug):
    """The centre's QR code: it opens the take-number page on a phone."""
    centre = selectors.public_centre(slug)
    # Error level Q: the poster may be scuffed or partly covered on a wall.
    code = segno.make_qr(take_url(request, centre), error="q")
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=10, border=2, dark="#0b3d6e", xmldecl=False)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


@require_GET
def poster(request, slug):
    centre = selectors.public_centre(slug)
    context = {
        "centre": centre,
        "url": take_url(request, centre),
        "kinds": selectors.window_kinds(centre),
    }
    return render(request, "hall/public/poster.html", context)
