"""Duty slots: nobody sits in two places in one half-day, and a window has one person per
half-day. A clash is refused with a message naming it, and nothing changes."""

import datetime

import pytest
from django.urls import reverse

from pingan.core.errors import DomainError
from pingan.hall.models import DutySlot, ServiceCentre, Window
from pingan.hall.services import profession_of, slot_create
from pingan.hall.tests.factories import future_weekday, slot, user, window


def test_professions_come_from_the_posts(hall):
    centre = ServiceCentre.objects.get(slug="wutong")
    assert {
        name: profession_of(user(name), centre)
        for name in ("duty_judge", "duty_prosecutor", "duty_police", "duty_lawyer")
    } == {
        "duty_judge": "judge",
        "duty_prosecutor": "prosecutor",
        "duty_police": "police",
        "duty_lawyer": "lawyer",
    }
    day = future_weekday(1)
    assert slot(window("wutong", 3), day, "am", "duty_police").profession == "police"


def test_the_same_person_twice_in_one_half_day_is_refused_anywhere(hall):
    day = future_weekday(1)
    slot(window("wutong", 3), day, "am", "duty_judge")
    with pytest.raises(DomainError) as refused:
        slot(window("wutong", 4), day, "am", "duty_judge")
    assert refused.value.code == "person_busy" and refused.value.status == 409
    message = str(refused.value.message)
    assert "沈法官" in message and "法律服务窗口 1" in message and "上午" in message
    # Another half-day is fine.
    slot(window("wutong", 4), day, "pm", "duty_judge")
    assert DutySlot.objects.count() == 2


def test_the_same_person_at_another_centre_is_refused_too(hall):
    # The judge's post is over 梧桐 only, so give them a city-wide one for the city centre.
    from pingan.org.models import Department, Region
    from pingan.org.services import post_assign

    post_assign(
        user=user("duty_judge"),
        role="legal_duty",
        region=Region.objects.get(code="330483"),
        department=Department.objects.get(code="fayuan"),
        title="法官",
    )
    day = future_weekday(2)
    slot(window("wutong", 3), day, "pm", "duty_judge")
    city_legal = Window.objects.get(centre__slug="tongxiang", kind__code="legal")
    with pytest.raises(DomainError) as refused:
        slot_create(
            actor=user("admin"), window=city_legal, date=day, half="pm", person=user("duty_judge")
        )
    assert refused.value.code == "person_busy"
    assert "梧桐街道信访超市" in str(refused.value.message)


def test_a_window_slot_already_taken_is_refused(hall):
    day = future_weekday(3)
    slot(window("wutong", 3), day, "am", "duty_judge")
    with pytest.raises(DomainError) as refused:
        slot(window("wutong", 3), day, "am", "duty_lawyer")
    assert refused.value.code == "slot_taken" and "沈法官" in str(refused.value.message)
    assert DutySlot.objects.count() == 1


@pytest.mark.parametrize(
    ("window_number", "person", "days", "half", "code"),
    [
        (1, "duty_judge", 7, "am", "not_legal_window"),
        (3, "wutong_clerk", 7, "am", "not_legal_duty"),
        (3, "duty_judge", -1, "am", "past_date"),
        (3, "duty_judge", 500, "am", "too_far_ahead"),
        (3, "duty_judge", 7, "evening", "invalid_half"),
    ],
)
def test_bad_slots_are_refused(hall, window_number, person, days, half, code):
    from pingan.hall import selectors

    day = selectors.today() + datetime.timedelta(days=days)
    with pytest.raises(DomainError) as refused:
        slot(window("wutong", window_number), day, half, person)
    assert refused.value.code == code
    assert not DutySlot.objects.exists()


def test_only_the_centres_clerks_keep_its_roster(hall):
    day = future_weekday(1)
    with pytest.raises(DomainError) as refused:
        slot(window("wutong", 3), day, "am", "duty_judge", actor="gaoqiao_clerk")
    assert refused.value.status == 403
    with pytest.raises(DomainError):
        slot(window("wutong", 3), day, "am", "duty_judge", actor="duty_lawyer")
    assert not DutySlot.objects.exists()


def test_the_roster_page_refuses_with_a_message(hall, login_client):
    day = future_weekday(1)
    slot(window("wutong", 3), day, "am", "duty_judge")
    client = login_client("wutong_clerk")
    centre = ServiceCentre.objects.get(slug="wutong")
    roster = reverse("hall:roster", args=[centre.pk])
    response = client.post(
        reverse("hall:slot-add", args=[centre.pk]),
        {
            "window": window("wutong", 3).pk,
            "date": day.isoformat(),
            "half": "am",
            "person": user("duty_lawyer").pk,
        },
        HTTP_REFERER=f"http://testserver{roster}",
        follow=True,
    )
    assert "已由 沈法官 值班" in response.content.decode()
    assert DutySlot.objects.count() == 1


def test_the_api_refuses_with_the_code(hall, login_client):
    day = future_weekday(1)
    slot(window("wutong", 3), day, "am", "duty_judge")
    client = login_client("wutong_clerk")
    centre = ServiceCentre.objects.get(slug="wutong")
    response = client.post(
        f"/api/v1/hall/centres/{centre.pk}/roster/slots",
        {
            "window": window("wutong", 4).pk,
            "date": day.isoformat(),
            "half": "am",
            "person": "duty_judge",
        },
        content_type="application/json",
    )
    assert response.status_code == 409 and response.json()["code"] == "person_busy"
    ok = client.post(
        f"/api/v1/hall/centres/{centre.pk}/roster/slots",
        {
            "window": window("wutong", 4).pk,
            "date": day.isoformat(),
            "half": "am",
            "person": "duty_lawyer",
        },
        content_type="application/json",
    )
    assert ok.status_code == 201 and ok.json()["profession"] == "lawyer"
    listed = client.get(f"/api/v1/hall/centres/{centre.pk}/roster", {"start": day.isoformat()})
    assert [row["person"] for row in listed.json()] == ["duty_judge", "duty_lawyer"]
