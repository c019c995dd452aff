from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from pingan.org import scoping


def staff_required(view):
    """Signed in and holding at least one post. Anyone else is shown 'not found': staff pages do
    not advertise themselves."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not scoping.is_staff_member(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def role_required(*roles):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not scoping.has_role(request.user, *roles):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
