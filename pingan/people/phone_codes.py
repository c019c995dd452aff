"""Proving that a person holds a phone: a six-digit code sent by SMS through the outbox.

Written here rather than taken from a library: django-otp and friends bind codes to user
accounts, while residents signing a pledge or registering for a pass often have no account;
what is needed is a code bound to a phone number and a purpose, throttled, single use.
"""

import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core import pii
from pingan.core.crypto import keyed_digest
from pingan.core.errors import DomainError
from pingan.core.fields import blind_index_for
from pingan.notify.services import sms_enqueue
from pingan.notify.templates import register_default
from pingan.people.models import PhoneChallenge

CODE_VALID_FOR = timedelta(minutes=10)
RESEND_AFTER = timedelta(seconds=60)
MAX_PER_HOUR = 5
MAX_ATTEMPTS = 5
TEMPLATE = "phone_code"

PURPOSE_NAMES = {}


def register_purpose(purpose: str, name) -> None:
    """Apps name what a code is for; the SMS says it, so a resident knows what they confirm."""
    PURPOSE_NAMES[purpose] = name


def register_template() -> None:
    register_default(
        TEMPLATE,
        str(_("短信验证码")),
        "【平安桐乡】验证码{code}，用于{purpose}，10分钟内有效。如非本人操作请忽略。",
    )


def _digest(phone_index: str, purpose: str, code: str) -> str:
    data = f"{phone_index}|{purpose}|{code}".encode()
    return keyed_digest(data, purpose="phone-code", length=32).hex()


@transaction.atomic
def phone_code_send(*, phone: str, purpose: str, now=None) -> PhoneChallenge:
    """Send a new code to `phone` for `purpose`. Refused (DomainError, nothing sent) for a
    malformed number, a resend within a minute or more than five codes in an hour."""
    now = now or timezone.now()
    if purpose not in PURPOSE_NAMES:
        raise DomainError("unknown_purpose", _("未知的验证码用途"))
    number = pii.normalize_phone(phone)
    if not pii.is_mobile(number):
        raise DomainError("not_mobile", _("请填写能接收短信的手机号"))
    phone_index = blind_index_for("phone", number)
    recent = PhoneChallenge.objects.select_for_update().filter(
        phone_index=phone_index, purpose=purpose, created_at__gt=now - timedelta(hours=1)
    )
    latest = recent.order_by("-created_at").first()
    if latest is not None and latest.created_at > now - RESEND_AFTER:
        wait = int((latest.created_at + RESEND_AFTER - now).total_seconds()) + 1
        raise DomainError(
            "code_sent_recently", _("验证码已发送，请 %(s)d 秒后再试") % {"s": wait}, status=429
        )
    if recent.count() >= MAX_PER_HOUR:
        raise DomainError("too_many_codes", _("一小时内发送次数过多，请稍后再试"), status=429)
    code = f"{secrets.randbelow(10**6):06d}"
    challenge = PhoneChallenge.objects.create(
        phone_index=phone_index,
        purpose=purpose,
        code_digest=_digest(phone_index, purpose, code),
        created_at=now,
        expires_at=now + CODE_VALID_FOR,
    )
    sms_enqueue(
        phone=number,
        template=TEMPLATE,
        context={"code": code, "purpose": str(PURPOSE_NAMES[purpose])},
        related=challenge,
        idempotency_key=f"phone-code-{challenge.pk}",
    )
    return challenge


def phone_code_check(*, phone: str, purpose: str, code: str, now=None) -> None:
    """Accept the newest unused code for this phone and purpose, once. Raises DomainError
    (`code_invalid`, `code_expired`, `code_attempts`) otherwise. Call it before opening the
    transaction of the change it guards: a rollback would otherwise forget the wrong guesses."""
    now = now or timezone.now()
    number = pii.normalize_phone(phone)
    phone_index = blind_index_for("phone", number)
    code = (code or "").strip()
    with transaction.atomic():
        challenge = (
            PhoneChallenge.objects.select_for_update()
            .filter(phone_index=phone_index, purpose=purpose, confirmed_at__isnull=True)
            .order_by("-created_at")
            .first()
        )
        if challenge is None:
            raise DomainError("code_invalid", _("请先获取短信验证码"))
        if challenge.expires_at <= now:
            raise DomainError("code_expired", _("验证码已过期，请重新获取"))
        if challenge.attempts >= MAX_ATTEMPTS:
            raise DomainError("code_attempts", _("验证码错误次数过多，请重新获取"))
        expected = _digest(phone_index, purpose, code)
        if not (code.isdigit() and hmac.compare_digest(expected, challenge.code_digest)):
            PhoneChallenge.objects.filter(pk=challenge.pk).update(attempts=challenge.attempts + 1)
            wrong = True
        else:
            challenge.confirmed_at = now
            challenge.save(update_fields=["confirmed_at"])
            wrong = False
    if wrong:
        raise DomainError("code_invalid", _("验证码不正确"))
