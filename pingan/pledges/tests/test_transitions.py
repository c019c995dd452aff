"""The pledge's state machine: allowed, refused from the wrong status, refused for the wrong
role or region; signing only while published and valid."""

import datetime

import pytest
from django.utils import timezone

from pingan.core.errors import DomainError, NotFound
from pingan.pledges import services, workflow
from pingan.pledges.models import PledgeEvent
from pingan.pledges.tests.factories import published_pledge, sign
from pingan.pledges.workflow import PledgeStatus


def _draft(actor, region):
    return services.pledge_create(
        actor=actor,
        region=region,
        title="草稿",
        body="内容",
        valid_from=timezone.localdate(),
    )


def test_publish_then_withdraw_each_leave_an_event(persona, region):
    actor = persona("wutong_pingan")
    pledge = _draft(actor, region("330483001010"))
    assert workflow.can_publish(pledge) and not workflow.can_withdraw(pledge)
    pledge = services.pledge_publish(actor=actor, pledge=pledge)
    assert pledge.status == PledgeStatus.PUBLISHED and pledge.published_at
    pledge = services.pledge_withdraw(actor=actor, pledge=pledge, reason="换新版")
    assert pledge.status == PledgeStatus.WITHDRAWN
    events = list(PledgeEvent.objects.filter(pledge=pledge).values_list("action", "to_status"))
    assert events == [("create", "draft"), ("publish", "published"), ("withdraw", "withdrawn")]
    assert PledgeEvent.objects.filter(pledge=pledge).last().note == "换新版"


def test_refused_from_the_wrong_status(persona, region):
    actor = persona("wutong_pingan")
    pledge = _draft(actor, region("330483001010"))
    with pytest.raises(DomainError) as refused:
        services.pledge_withdraw(actor=actor, pledge=pledge, reason="x")
    assert refused.value.status == 409
    pledge = services.pledge_publish(actor=actor, pledge=pledge)
    with pytest.raises(DomainError) as refused:
        services.pledge_publish(actor=actor, pledge=pledge)
    assert refused.value.code == "invalid_transition"


def test_withdrawing_needs_a_reason(persona, region):
    actor = persona("wutong_pingan")
    pledge = published_pledge(actor, region("330483001010"))
    with pytest.raises(DomainError) as refused:
        services.pledge_withdraw(actor=actor, pledge=pledge, reason=" ")
    assert refused.value.code == "reason_required"
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.PUBLISHED


def test_refused_for_the_wrong_role_or_region(persona, region):
    pledge = _draft(persona("wutong_pingan"), region("330483001010"))
    # Another street's officer, and a grid member (who enters paper sheets, not publishes).
    for username in ("gaoqiao_pingan", "wutong_grid", "demo_worker"):
        with pytest.raises(NotFound):
            services.pledge_publish(actor=persona(username), pledge=pledge)
    with pytest.raises(NotFound):
        _draft(persona("gaoqiao_pingan"), region("330483001010"))
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.DRAFT


def test_bad_dates_are_refused(persona, region):
    with pytest.raises(DomainError) as refused:
        services.pledge_create(
            actor=persona("wutong_pingan"),
            region=region("330483001010"),
            title="公约",
            body="内容",
            valid_from=datetime.date(2026, 5, 1),
            valid_until=datetime.date(2026, 4, 1),
        )
    assert refused.value.code == "pledge_dates"


def test_signing_only_while_published_and_valid(persona, region, time_machine):
    actor = persona("wutong_pingan")
    draft = _draft(actor, region("330483001010"))
    with pytest.raises(DomainError) as refused:
        sign(draft, name="甲", phone="13957307081", household="1号")
    assert refused.value.code == "pledge_closed"
    short = published_pledge(actor, region("330483001010"), title="短期", days_valid=2)
    time_machine.move_to(timezone.now() + datetime.timedelta(days=5))
    with pytest.raises(DomainError) as refused:
        sign(short, name="乙", phone="13957307082", household="2号")
    assert refused.value.code == "pledge_closed"
