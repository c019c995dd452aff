"""The campaign's transitions: close (city leaders and admins only, only once), the town's
notice signed for by its own staff; opening by hand needs a city post; the log is append-only."""

import pytest

from pingan.core.errors import DomainError, NotFound
from pingan.safety import selectors, services
from pingan.safety.models import CampaignEvent, CampaignTown
from pingan.safety.tests.factories import MARCH, march_campaign, user

pytestmark = pytest.mark.usefixtures("demo_city")


def test_close_by_city_leader():
    campaign = services.campaign_close(campaign=march_campaign(), actor=user("city_leader"))
    assert campaign.status == "closed"
    event = CampaignEvent.objects.filter(action="close").get()
    assert (event.old_status, event.new_status, event.actor.username) == (
        "open",
        "closed",
        "city_leader",
    )


def test_close_refused_when_closed():
    campaign = services.campaign_close(campaign=march_campaign(), actor=user("admin"))
    with pytest.raises(DomainError) as info:
        services.campaign_close(campaign=campaign, actor=user("admin"))
    assert info.value.status == 409
    assert CampaignEvent.objects.filter(action="close").count() == 1


@pytest.mark.parametrize("username", ["tudian_leader", "tudian_officer", "wutong_grid"])
def test_close_refused_for_town_staff(username):
    campaign = march_campaign()
    with pytest.raises(DomainError) as info:
        services.campaign_close(campaign=campaign, actor=user(username))
    assert info.value.status == 403
    campaign.refresh_from_db()
    assert campaign.status == "open"


def test_open_by_hand_needs_a_city_post():
    with pytest.raises(DomainError):
        services.campaign_open(month=MARCH, actor=user("tudian_leader"))
    campaign = services.campaign_open(month=MARCH, actor=user("admin"))
    assert campaign.created_by.username == "admin"
    assert services.campaign_open(month=MARCH, actor=user("admin")) == campaign


def test_notice_signed_by_own_town():
    campaign = march_campaign()
    notice = CampaignTown.objects.get(campaign=campaign, region__code="330483103")
    assert list(selectors.unread_notices(user("tudian_leader"))) == [notice]
    with pytest.raises(NotFound):
        services.town_notice_read(notice=notice, actor=user("wutong_grid"))
    services.town_notice_read(notice=notice, actor=user("tudian_leader"))
    notice.refresh_from_db()
    assert notice.read_by.username == "tudian_leader"
    assert list(selectors.unread_notices(user("tudian_leader"))) == []


def test_log_is_append_only():
    march_campaign()
    event = CampaignEvent.objects.first()
    with pytest.raises(DomainError):
        event.save()
    with pytest.raises(DomainError):
        event.delete()


def test_timeline_shows_city_events_and_own_town():
    campaign = march_campaign()
    town = selectors.timeline_for(user("tudian_officer"), campaign)
    assert [(e.action, e.region and e.region.code) for e in town] == [
        ("notify", "330483103"),
        ("create", None),
    ]
    assert len(selectors.timeline_for(user("admin"), campaign)) == 13
