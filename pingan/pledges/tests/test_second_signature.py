"""One signature per person per pledge: a clear message on a second, and the database
constraint behind it."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from pingan.core.errors import DomainError
from pingan.pledges import services
from pingan.pledges.models import Signature
from pingan.pledges.tests.factories import png, sign


def test_a_second_online_signature_is_refused_with_a_clear_message(pledge, time_machine):
    sign(pledge, name="陆志明", phone="13957307051", household="城北村3组12号")
    time_machine.move_to(
        timezone.now() + datetime.timedelta(seconds=120)
    )  # past the resend wait of the SMS code
    with pytest.raises(DomainError) as refused:
        sign(pledge, name="陆志明", phone="13957307051", household="城北村3组12号")
    assert refused.value.code == "already_signed"
    assert "只需签署一次" in str(refused.value.message)
    assert Signature.objects.filter(pledge=pledge).count() == 1


def test_a_paper_sheet_of_someone_who_signed_online_is_refused(pledge, persona):
    sign(pledge, name="钱永康", phone="13957307052", household="城北村3组15号")
    with pytest.raises(DomainError) as refused:
        services.sign_paper(
            actor=persona("wutong_pingan"),
            pledge=pledge,
            name="钱永康",
            phone="13957307052",
            household="城北村3组15号",
            sheet=png(),
        )
    assert refused.value.code == "already_signed"
    assert Signature.objects.filter(pledge=pledge).count() == 1


def test_the_database_refuses_a_second_row_for_the_same_person(pledge):
    first = sign(pledge, name="孙桂芳", phone="13957307053", household="城北村5组2号")
    duplicate = Signature(
        pledge=pledge,
        person=first.person,
        region=first.region,
        household="别的地址",
        household_key="x",
        channel=Signature.Channel.PAPER,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_the_same_person_may_sign_another_pledge(pledge, persona, region):
    from pingan.pledges.tests.factories import published_pledge

    other = published_pledge(persona("wutong_pingan"), region("330483001010"), title="第二份公约")
    sign(pledge, name="褚建新", phone="13957307054", household="城北村1组8号")
    services.sign_paper(
        actor=persona("wutong_pingan"),
        pledge=other,
        name="褚建新",
        phone="13957307054",
        household="城北村1组8号",
        sheet=png(),
    )
    assert Signature.objects.filter(person__phone_index__gt="").count() == 2
