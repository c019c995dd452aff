"""Login and logout go into the audit log (Django's auth signals are the only hook for them)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from pingan.core import audit


@receiver(user_logged_in, dispatch_uid="pingan-audit-login")
def _logged_in(sender, request, user, **kwargs):
    audit.record("login", user, actor=user)


@receiver(user_logged_out, dispatch_uid="pingan-audit-logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record("logout", user, actor=user)


@receiver(user_login_failed, dispatch_uid="pingan-audit-login-failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # The attempted name only; the password never reaches the log.
    audit.record("login_failed", label=str(credentials.get("username", ""))[:150])
