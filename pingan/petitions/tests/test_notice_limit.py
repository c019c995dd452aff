"""The unit accepts and notifies the petitioner (SMS) within 15 days of receiving the petition."""

import pytest

from pingan.petitions import deadlines, selectors
from pingan.petitions.tests.factories import act, local, petition_in, user

pytestmark = pytest.mark.django_db


def test_notice_due_is_fifteen_days_after_routing(city, frozen):
    frozen("2026-04-01 09:00")
    petition = petition_in("routed")
    assert petition.routed_at == local("2026-04-01 09:00")
    assert petition.notice_due == local("2026-04-17 00:00")


def test_not_accepted_by_day_sixteen_is_backlog(city, frozen):
    frozen("2026-04-01 09:00")
    petition = petition_in("routed")
    assert deadlines.overdue_reasons(petition, local("2026-04-16 23:59")) == []
    late = local("2026-04-17 00:01")
    assert deadlines.overdue_reasons(petition, late) == ["受理告知超期"]
    overdue = selectors.petition_list(
        user("city_leader"), selectors.Filters(overdue=True), now=late
    )
    assert list(overdue) == [petition]


def test_acceptance_tells_every_petitioner_by_sms(city, frozen, outbox):
    frozen("2026-04-01 09:00")
    petition = petition_in(
        "routed",
        petitioners=[
            {"name": "张建国", "phone": "13771009001"},
            {"name": "刘长海", "phone": "13771009002"},
        ],
    )
    petition = act("accept", petition, "wutong_handler")
    messages = outbox("petition_accepted")
    assert sorted(m.phone for m in messages) == ["13771009001", "13771009002"]
    # 60 days from 1 April: due at the end of 31 May.
    assert "2026年05月31日" in messages[0].body
    assert petition.number in messages[0].body


def test_late_acceptance_is_recorded_as_late(city, frozen):
    clock = frozen("2026-04-01 09:00")
    petition = petition_in("routed")
    clock.move_to(local("2026-04-20 10:00"))
    petition = act("accept", petition, "wutong_handler")
    chips = deadlines.chips(petition, local("2026-04-20 10:00"))
    chip = next(c for c in chips if c.key == "notice")
    assert (chip.light, chip.note) == ("red", "超期完成")
