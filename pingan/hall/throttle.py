"""How many queue numbers one client address may take.

Taking a number is open to anyone (the hall's kiosk, a phone, the API), and the day's numbers
per kind are finite (999), so a script could empty a centre's queue for the day, or make the
platform text strangers when "their" number is called. So each address may take
PINGAN_HALL_TICKETS_PER_HOUR numbers (5) in an hour. The hall's own kiosks, which hand out
hundreds a day from one address, are listed in PINGAN_HALL_KIOSK_ADDRESSES (addresses or
networks) and are not counted; `?kiosk=1` in the URL alone does not make a kiosk.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from pingan.core import throttle
from pingan.core.errors import DomainError

WINDOW_SECONDS = 60 * 60


def _limit() -> int:
    return int(getattr(settings, "PINGAN_HALL_TICKETS_PER_HOUR", 5))


def _key(request) -> str:
    return throttle.key("hall:take", throttle.client_address(request))


def is_kiosk(request) -> bool:
    return throttle.address_in(request, getattr(settings, "PINGAN_HALL_KIOSK_ADDRESSES", ()))


def check_may_take(request) -> None:
    """Raise DomainError (429) when the address has used its numbers for the hour."""
    if is_kiosk(request):
        return
    if throttle.count(_key(request), WINDOW_SECONDS) >= _limit():
        raise DomainError(
            "too_many_tickets",
            _("取号过于频繁，请一小时后再试，或到服务中心的取号机取号"),
            status=429,
        )


def taken(request) -> None:
    if not is_kiosk(request):
        throttle.bump(_key(request), WINDOW_SECONDS)
