"""One extension of the handling limit, of at most 30 days, with the reason sent to the
petitioner; any other request is refused and changes nothing."""

import pytest

from pingan.core.errors import DomainError
from pingan.petitions.models import Petition, PetitionEvent
from pingan.petitions.tests.factories import act, local, petition_in

pytestmark = pytest.mark.django_db

REASON = "需会同人社部门核算工资总额"


def _unchanged(petition, before: Petition):
    petition.refresh_from_db()
    assert (petition.handle_due, petition.extension_days, petition.version) == (
        before.handle_due,
        before.extension_days,
        before.version,
    )
    assert PetitionEvent.objects.filter(petition=petition, kind="extend").count() == (
        1 if before.extension_days else 0
    )


def test_one_extension_of_thirty_days_with_the_reason_by_sms(city, frozen, outbox):
    frozen("2026-04-01 10:00")
    petition = petition_in("handling")
    petition = act("extend", petition, "wutong_handler", days=30, reason=REASON)
    # Due at the end of 31 May, then 30 days more: the end of 30 June.
    assert petition.handle_due == local("2026-07-01 00:00")
    assert (petition.extension_days, petition.extension_reason) == (30, REASON)
    (message,) = outbox("petition_extended")
    assert REASON in message.body
    assert "2026年06月30日" in message.body


def test_a_second_extension_is_refused(city, frozen):
    frozen("2026-04-01 10:00")
    petition = act("extend", petition_in("handling"), "wutong_handler", days=10, reason=REASON)
    before = Petition.objects.get(pk=petition.pk)
    with pytest.raises(DomainError) as refused:
        act("extend", petition, "wutong_handler", days=5, reason="再延期")
    assert refused.value.code == "extension_used"
    assert "只能延长一次" in str(refused.value.message)
    _unchanged(petition, before)
    assert PetitionEvent.objects.filter(petition=petition, kind="extend").count() == 1


def test_out_of_range_days_are_refused(city, frozen, subtests):
    frozen("2026-04-01 10:00")
    petition = petition_in("handling")
    before = Petition.objects.get(pk=petition.pk)
    for days in (31, 0, -3, "10", True, None):
        with subtests.test(days=days):
            with pytest.raises(DomainError) as refused:
                act("extend", petition, "wutong_handler", days=days, reason=REASON)
            assert refused.value.code == "invalid_days"
            _unchanged(petition, before)


def test_more_than_thirty_days_names_the_limit(city, frozen):
    frozen("2026-04-01 10:00")
    with pytest.raises(DomainError) as refused:
        act("extend", petition_in("handling"), "wutong_handler", days=31, reason=REASON)
    assert "1至30日" in str(refused.value.message)


def test_a_reason_is_required(city, frozen):
    frozen("2026-04-01 10:00")
    petition = petition_in("handling")
    before = Petition.objects.get(pk=petition.pk)
    with pytest.raises(DomainError) as refused:
        act("extend", petition, "wutong_handler", days=10, reason="  ")
    assert refused.value.code == "reason_required"
    _unchanged(petition, before)


def test_no_extension_after_the_limit_ran_out(city, frozen):
    clock = frozen("2026-04-01 10:00")
    petition = petition_in("handling")
    before = Petition.objects.get(pk=petition.pk)
    clock.move_to(local("2026-06-01 00:01"))
    with pytest.raises(DomainError) as refused:
        act("extend", petition, "wutong_handler", days=10, reason=REASON)
    assert refused.value.code == "time_limit_passed"
    _unchanged(petition, before)


def test_only_the_receiving_unit_extends(city, frozen):
    frozen("2026-04-01 10:00")
    petition = petition_in("handling")
    with pytest.raises(DomainError) as refused:
        act("extend", petition, "renshe_handler", days=10, reason=REASON)
    # renshe's handler cannot even see a petition routed to 梧桐街道: not found.
    assert refused.value.status == 404
    with pytest.raises(DomainError) as refused:
        act("extend", petition, "xinfang_officer", days=10, reason=REASON)
    assert refused.value.status == 403
