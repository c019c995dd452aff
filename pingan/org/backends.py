from django.contrib.auth.backends import ModelBackend

from pingan.core.errors import DomainError
from pingan.org.models import User


class UsernameOrPhoneBackend(ModelBackend):
    """Log in with the username or with the mobile number on the account."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password:
            return None
        user = User.objects.filter(username=username).first()
        if user is None and any(ch.isdigit() for ch in username):
            try:
                user = User.objects.get_by_phone(username)
            except (User.DoesNotExist, DomainError):
                user = None
        if user is None:
            # Spend the same time as a real check, so timing does not reveal which names exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
