"""复查 is asked within 30 days of the reply and decided within 30; 复核 is asked within 30 days
of the review decision and decided within 30. A request on day 31 is refused with a clear
message, and nothing changes."""

import pytest

from pingan.core.errors import DomainError
from pingan.petitions import deadlines
from pingan.petitions.models import Petition, PetitionEvent
from pingan.petitions.tests.factories import act, local, petition_in
from pingan.petitions.workflow import Status

pytestmark = pytest.mark.django_db


def _snapshot(petition):
    row = Petition.objects.get(pk=petition.pk)
    return row.status, row.version, PetitionEvent.objects.filter(petition=petition).count()


def test_review_asked_on_day_thirty_is_registered(city, frozen):
    clock = frozen("2026-04-01 10:00")
    petition = petition_in("replied")
    assert petition.review_ask_due == local("2026-05-02 00:00")
    clock.move_to(local("2026-05-01 23:30"))
    petition = act("ask_review", petition, "xinfang_officer", grounds="不服答复")
    assert petition.status == Status.REVIEWING
    assert petition.review_decide_due == local("2026-06-01 00:00")


def test_review_asked_on_day_thirty_one_is_refused(city, frozen):
    clock = frozen("2026-04-01 10:00")
    petition = petition_in("replied")
    before = _snapshot(petition)
    clock.move_to(local("2026-05-02 00:30"))
    with pytest.raises(DomainError) as refused:
        act("ask_review", petition, "xinfang_officer", grounds="不服答复")
    assert refused.value.code == "time_limit_passed"
    message = str(refused.value.message)
    assert "30日内" in message and "2026年05月01日24时" in message and "不予登记" in message
    assert _snapshot(petition) == before


def test_review_undecided_after_thirty_days_is_backlog(city, frozen):
    clock = frozen("2026-04-01 10:00")
    petition = petition_in("replied")
    clock.move_to(local("2026-04-10 09:00"))
    petition = act("ask_review", petition, "xinfang_officer", grounds="不服答复")
    assert deadlines.overdue_reasons(petition, local("2026-05-10 23:59")) == []
    assert deadlines.overdue_reasons(petition, local("2026-05-11 00:01")) == ["复查超期"]


def test_recheck_asked_on_day_thirty_is_registered(city, frozen):
    clock = frozen("2026-04-01 10:00")
    petition = petition_in("reviewed")
    assert petition.recheck_ask_due == local("2026-05-02 00:00")
    clock.move_to(local("2026-05-01 22:00"))
    petition = act("ask_recheck", petition, "xinfang_officer", grounds="不服复查意见")
    assert (petition.status, petition.recheck_decide_due) == (
        Status.RECHECKING,
        local("2026-06-01 00:00"),
    )


def test_recheck_asked_on_day_thirty_one_is_refused(city, frozen):
    clock = frozen("2026-04-01 10:00")
    petition = petition_in("reviewed")
    before = _snapshot(petition)
    clock.move_to(local("2026-05-02 08:00"))
    with pytest.raises(DomainError) as refused:
        act("ask_recheck", petition, "xinfang_officer", grounds="不服复查意见")
    assert refused.value.code == "time_limit_passed"
    assert "复核申请已超过期限" in str(refused.value.message)
    assert _snapshot(petition) == before


def test_recheck_undecided_after_thirty_days_is_backlog(city, frozen):
    clock = frozen("2026-04-01 10:00")
    petition = petition_in("rechecking")
    assert deadlines.overdue_reasons(petition, local("2026-05-01 23:59")) == []
    clock.move_to(local("2026-05-02 00:01"))
    assert deadlines.overdue_reasons(petition, local("2026-05-02 00:01")) == ["复核超期"]


def test_a_reply_left_unchallenged_concludes_the_petition(city, frozen):
    frozen("2026-04-01 10:00")
    petition = petition_in("replied")
    assert not deadlines.is_concluded(petition, local("2026-05-01 23:59"))
    assert deadlines.is_concluded(petition, local("2026-05-02 00:01"))
    chip = next(
        c for c in deadlines.chips(petition, local("2026-05-03 09:00")) if c.key == "review_ask"
    )
    assert chip.note == "已过期未提出"
