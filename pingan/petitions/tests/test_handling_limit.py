"""The unit replies in writing within 60 natural days of acceptance."""

import pytest

from pingan.petitions import deadlines, selectors
from pingan.petitions.models import PetitionEvent
from pingan.petitions.tests.factories import act, local, petition_in, user

pytestmark = pytest.mark.django_db


def test_handle_due_is_sixty_days_after_acceptance(city, frozen):
    frozen("2026-04-01 10:00")
    petition = petition_in("handling")
    assert petition.handle_due == local("2026-06-01 00:00")


def test_unanswered_on_day_sixty_one_is_backlog(city, frozen):
    frozen("2026-04-01 10:00")
    petition = petition_in("handling")
    assert deadlines.overdue_reasons(petition, local("2026-05-31 23:59")) == []
    late = local("2026-06-01 00:01")
    assert deadlines.overdue_reasons(petition, late) == ["办理超期"]
    board = selectors.backlog_by_town(user("wutong_leader"), late)
    assert [row.count for row in board] == [1]


def test_a_late_reply_is_marked_late(city, frozen):
    clock = frozen("2026-04-01 10:00")
    petition = petition_in("handling")
    clock.move_to(local("2026-06-02 10:00"))
    petition = act("reply", petition, "wutong_handler", opinion="已督促支付")
    event = PetitionEvent.objects.get(petition=petition, kind="reply")
    assert event.data["late"] is True
    assert deadlines.overdue_reasons(petition, local("2026-06-02 10:00")) == []
