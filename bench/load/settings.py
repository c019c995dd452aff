"""Settings for the load run: the platform's own, plus what nginx in front would give it.

Behind the reverse proxy of docs/deployment.md every request reaches gunicorn from the proxy's
address, and the proxy passes the caller's own in X-Forwarded-For. The load generator plays
both parts on loopback: each simulated resident sends its own address in that header, so the
per-address throttles (the citizen report limit, axes) count residents, not the one machine
the load comes from. Nothing else differs from the platform's settings.
"""

from pingan.settings import *  # noqa: F403


def client_ip(request) -> str:
    """The address the one trusted proxy saw: the last entry it appended to X-Forwarded-For
    (nginx's $proxy_add_x_forwarded_for); earlier entries are whatever the client claimed."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    last = forwarded.rsplit(",", 1)[-1].strip()
    return last or request.META.get("REMOTE_ADDR", "")


# django-axes resolves the client address for the login throttle and for the citizen pages'
# throttle (pingan.cases.web.citizen_throttle), through this callable.
AXES_CLIENT_IP_CALLABLE = client_ip
