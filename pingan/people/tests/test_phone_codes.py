from datetime import timedelta

import pytest
from django.utils import timezone

from pingan.core.errors import DomainError
from pingan.notify.models import OutboxMessage
from pingan.people import phone_codes
from pingan.people.models import PhoneChallenge
from pingan.people.phone_codes import phone_code_check, phone_code_send
from pingan.people.testing import last_phone_code

PHONE = "13957399001"


@pytest.fixture(autouse=True)
def _purpose():
    phone_codes.register_purpose("test", "测试")


def test_code_sent_by_sms_and_accepted_once(db):
    phone_code_send(phone=PHONE, purpose="test")
    message = OutboxMessage.objects.get(template_code="phone_code")
    assert "用于测试" in message.body
    code = last_phone_code(PHONE)
    assert code not in PhoneChallenge.objects.get().code_digest
    phone_code_check(phone="139 5739 9001", purpose="test", code=code)
    with pytest.raises(DomainError) as err:
        phone_code_check(phone=PHONE, purpose="test", code=code)
    assert err.value.code == "code_invalid"


def test_code_is_bound_to_its_purpose_and_phone(db):
    phone_codes.register_purpose("other", "其他")
    phone_code_send(phone=PHONE, purpose="test")
    code = last_phone_code(PHONE)
    for phone, purpose in ((PHONE, "other"), ("13957399002", "test")):
        with pytest.raises(DomainError):
            phone_code_check(phone=phone, purpose=purpose, code=code)


def test_wrong_guesses_are_limited(db):
    phone_code_send(phone=PHONE, purpose="test")
    code = last_phone_code(PHONE)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(phone_codes.MAX_ATTEMPTS):
        with pytest.raises(DomainError) as err:
            phone_code_check(phone=PHONE, purpose="test", code=wrong)
        assert err.value.code == "code_invalid"
    with pytest.raises(DomainError) as err:
        phone_code_check(phone=PHONE, purpose="test", code=code)
    assert err.value.code == "code_attempts"


def test_expired_code_refused(db):
    start = timezone.now()
    phone_code_send(phone=PHONE, purpose="test", now=start)
    with pytest.raises(DomainError) as err:
        phone_code_check(
            phone=PHONE,
            purpose="test",
            code=last_phone_code(PHONE),
            now=start + timedelta(minutes=11),
        )
    assert err.value.code == "code_expired"


def test_resend_throttled(db):
    start = timezone.now()
    phone_code_send(phone=PHONE, purpose="test", now=start)
    with pytest.raises(DomainError) as err:
        phone_code_send(phone=PHONE, purpose="test", now=start + timedelta(seconds=30))
    assert err.value.code == "code_sent_recently"
    for minute in range(1, 5):
        phone_code_send(phone=PHONE, purpose="test", now=start + timedelta(minutes=minute))
    with pytest.raises(DomainError) as err:
        phone_code_send(phone=PHONE, purpose="test", now=start + timedelta(minutes=6))
    assert err.value.code == "too_many_codes"
    assert PhoneChallenge.objects.count() == 5


@pytest.mark.parametrize("phone", ["", "12345", "057188888888"])
def test_bad_numbers_refused_and_nothing_sent(db, phone):
    with pytest.raises(DomainError):
        phone_code_send(phone=phone, purpose="test")
    assert not OutboxMessage.objects.exists()
    assert not PhoneChallenge.objects.exists()
