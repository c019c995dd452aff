"""Signers' household text and scanned sheets go a year after the pledge is over (its validity
ended, or it was withdrawn); the coverage stays, and the signer's person record is released to
the people policy. A pledge still in force keeps everything."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from pingan.core import retention
from pingan.people.models import Person
from pingan.pledges import selectors, services
from pingan.pledges.models import Pledge, Signature
from pingan.pledges.tests.factories import png, published_pledge, sign

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


def _signed_pledge(actor, village, *, title, phones):
    pledge = published_pledge(actor, village, title=title)
    sign(pledge, name="陆志明", phone=phones[0], household="城北村3组12号")
    services.sign_paper(
        actor=actor,
        pledge=pledge,
        name="钱永康",
        phone=phones[1],
        household="城北村3组15号",
        sheet=png(),
    )
    return pledge


def test_signatures_of_a_pledge_over_for_a_year_lose_household_and_sheet(
    demo_city, persona, region, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    actor, village = persona("wutong_pingan"), region("330483001010")
    village.households = 100
    village.save()
    with time_machine.travel(timezone.now() - 500 * DAY, tick=True):
        expired = _signed_pledge(
            actor, village, title="旧公约", phones=("13957307081", "13957307082")
        )
        withdrawn = _signed_pledge(
            actor, village, title="撤回公约", phones=("13957307083", "13957307084")
        )
        services.pledge_withdraw(actor=actor, pledge=withdrawn, reason="内容更新")
    # Its validity ended 400 days ago.
    Pledge.objects.filter(pk=expired.pk).update(valid_until=timezone.localdate() - 400 * DAY)
    current = _signed_pledge(actor, village, title="新公约", phones=("13957307085", "13957307086"))
    sheets = {
        p.pk: Signature.objects.get(pledge=p, channel="paper").sheet.name
        for p in (expired, withdrawn, current)
    }
    coverage = {p.pk: selectors.coverage(p).total.signed for p in (expired, withdrawn, current)}

    policy = retention.get("pledges.signature_details")
    assert retention.due_count(policy) == 4
    with django_capture_on_commit_callbacks(execute=True):
        assert retention.run_policy(policy) == 4

    for pledge in (expired, withdrawn):
        for signature in Signature.objects.filter(pledge=pledge):
            assert (signature.household, signature.sheet.name or "") == ("", "")
            assert signature.household_key
        assert not (tmp_path / sheets[pledge.pk]).exists()
    assert {s.household for s in Signature.objects.filter(pledge=current)} == {
        "城北村3组12号",
        "城北村3组15号",
    }
    assert (tmp_path / sheets[current.pk]).exists()
    assert {
        p.pk: selectors.coverage(p).total.signed for p in (expired, withdrawn, current)
    } == coverage
    assert retention.due_count(policy) == 0

    # The people policy may now blank the signers of the old pledges, not the current ones.
    retention.run_policy(retention.get("people.contact_details"))
    old_signers = Person.objects.filter(
        pk__in=Signature.objects.exclude(pledge=current).values("person")
    )
    assert {p.name for p in old_signers} == {""}
    current_signers = Person.objects.filter(
        pk__in=Signature.objects.filter(pledge=current).values("person")
    )
    assert {p.name for p in current_signers} == {"陆志明", "钱永康"}
