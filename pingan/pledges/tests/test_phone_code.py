"""Signing online needs the SMS code sent to the signer's phone."""

import pytest

from pingan.core.errors import DomainError
from pingan.people.testing import last_phone_code
from pingan.pledges import services
from pingan.pledges.models import Signature

PHONE = "13957307061"


def _sign(pledge, code, phone=PHONE):
    return services.sign_online(
        pledge=pledge, name="卫红英", phone=phone, code=code, household="城北村2组21号"
    )


def test_without_a_code_nothing_is_signed(pledge):
    with pytest.raises(DomainError) as refused:
        _sign(pledge, "")
    assert refused.value.code == "code_required"
    with pytest.raises(DomainError) as refused:
        _sign(pledge, "123456")  # no code was ever sent
    assert refused.value.code == "code_invalid"
    assert not Signature.objects.exists()


def test_a_wrong_code_is_refused_and_the_right_one_signs(pledge):
    services.sign_code_send(pledge=pledge, phone=PHONE)
    code = last_phone_code(PHONE)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    with pytest.raises(DomainError) as refused:
        _sign(pledge, wrong)
    assert refused.value.code == "code_invalid"
    assert not Signature.objects.exists()
    signature = _sign(pledge, code)
    assert signature.channel == Signature.Channel.ONLINE
    assert signature.person.phone == PHONE
    assert signature.person.region.code == "330483001010"  # now reached by the village's SMS


def test_a_code_sent_to_another_phone_does_not_sign(pledge):
    services.sign_code_send(pledge=pledge, phone="13957307062")
    with pytest.raises(DomainError) as refused:
        _sign(pledge, last_phone_code("13957307062"))
    assert refused.value.code == "code_invalid"
    assert not Signature.objects.exists()


def test_a_used_code_cannot_sign_twice(pledge):
    services.sign_code_send(pledge=pledge, phone=PHONE)
    code = last_phone_code(PHONE)
    _sign(pledge, code)
    with pytest.raises(DomainError) as refused:
        services.sign_online(pledge=pledge, name="别人", phone=PHONE, code=code, household="别处")
    assert refused.value.code == "code_invalid"
    assert Signature.objects.count() == 1


def test_no_code_is_sent_for_a_closed_pledge(pledge, persona):
    services.pledge_withdraw(actor=persona("wutong_pingan"), pledge=pledge, reason="修订")
    pledge.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        services.sign_code_send(pledge=pledge, phone=PHONE)
    assert refused.value.code == "pledge_closed"
