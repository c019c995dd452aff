"""How many SMS confirmation codes one client address may ask for.

phone_codes limits each phone (5 codes an hour, one a minute), which stops one person being
flooded; it does not stop a script from texting a code to every number in a list from one
address, at the platform's expense and to the recipients' annoyance. So each address may ask
for PINGAN_SMS_CODES_PER_ADDRESS_HOUR codes (20) an hour, on every public form and API call
that sends one (pledge signing, survey answering, resident registration).
"""

from django.conf import settings
from django.utils.translation import gettext as _

from pingan.core import throttle
from pingan.core.errors import DomainError

WINDOW_SECONDS = 60 * 60


def _key(request) -> str:
    return throttle.key("sms-code", throttle.client_address(request))


def check(request) -> None:
    """Raise DomainError (429) when the address has asked for its codes for the hour."""
    limit = int(getattr(settings, "PINGAN_SMS_CODES_PER_ADDRESS_HOUR", 20))
    if throttle.count(_key(request), WINDOW_SECONDS) >= limit:
        raise DomainError("too_many_codes", _("获取验证码过于频繁，请一小时后再试"), status=429)


def spent(request) -> None:
    throttle.bump(_key(request), WINDOW_SECONDS)
