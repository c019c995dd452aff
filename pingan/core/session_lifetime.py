"""The longest a login lasts, however busy it is.

Django ends a session left unused for SESSION_COOKIE_AGE (8 hours), and every request renews
that age, so a clerk is not logged out mid-shift. Alone, that lets a session on a shared
counter PC, or a stolen cookie kept warm by a script, live for ever. So a login also ends
PINGAN_SESSION_MAX_HOURS (24 by default) after the password was given, whatever happens
in between. Django has no setting for this and django-axes only throttles logins, hence this
small middleware.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

LOGIN_AT = "pingan_login_at"


def max_seconds() -> int:
    return int(getattr(settings, "PINGAN_SESSION_MAX_HOURS", 24)) * 3600


@receiver(user_logged_in, dispatch_uid="pingan.core.session_lifetime")
def remember_login_time(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None:
        session[LOGIN_AT] = int(timezone.now().timestamp())


class SessionLifetimeMiddleware:
    """After AuthenticationMiddleware: ends a login older than max_seconds()."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only a request that carries a session cookie can hold a login; bearer-token API
        # calls (the gates' scans) do not touch the session store at all.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            self._check(request)
        return self.get_response(request)

    def _check(self, request):
        started = request.session.get(LOGIN_AT)
        now = int(timezone.now().timestamp())
        if started is None:
            if request.user.is_authenticated:
                # A login from before this check existed: its lifetime counts from now.
                request.session[LOGIN_AT] = now
            return
        if now - int(started) > max_seconds():
            logout(request)  # flushes the session, on the server too
            messages.info(
                request,
                _("登录已超过 %(hours)s 小时，为保护账号安全，请重新登录")
                % {"hours": max_seconds() // 3600},
            )
