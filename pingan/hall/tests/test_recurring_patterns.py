"""A recurring duty (every Tuesday morning from … to …) becomes one slot per working Tuesday;
a clash on any date refuses the whole pattern, naming the dates."""

import datetime

import pytest

from pingan.core.errors import DomainError
from pingan.core.models import CalendarDay
from pingan.hall.models import DutyPattern, DutySlot
from pingan.hall.services import pattern_create
from pingan.hall.tests.factories import future_weekday, slot, user, window


def _pattern(start, end, person="duty_judge", weekday=1, half="am", number=3):
    return pattern_create(
        actor=user("wutong_clerk"),
        window=window("wutong", number),
        person=user(person),
        weekday=weekday,
        half=half,
        start_date=start,
        end_date=end,
    )


def test_every_tuesday_morning_becomes_slots(hall):
    start = future_weekday(0)  # a Monday
    pattern = _pattern(start, start + datetime.timedelta(days=27))
    days = list(pattern.slots.order_by("date").values_list("date", flat=True))
    assert len(days) == 4
    assert all(day.weekday() == 1 for day in days)
    assert days[0] == start + datetime.timedelta(days=1)
    assert set(pattern.slots.values_list("half", "profession")) == {("am", "judge")}


def test_a_holiday_is_skipped(hall):
    start = future_weekday(0)
    holiday = start + datetime.timedelta(days=8)
    CalendarDay.objects.create(date=holiday, is_workday=False, note="测试假日")
    pattern = _pattern(start, start + datetime.timedelta(days=20))
    assert holiday not in set(pattern.slots.values_list("date", flat=True))
    assert pattern.slots.count() == 2


def test_a_clash_refuses_the_whole_pattern(hall):
    start = future_weekday(0)
    clash = start + datetime.timedelta(days=15)  # the third Tuesday
    slot(window("wutong", 3), clash, "am", "duty_lawyer")
    with pytest.raises(DomainError) as refused:
        _pattern(start, start + datetime.timedelta(days=27))
    assert refused.value.code == "pattern_conflict"
    assert clash.strftime("%Y-%m-%d") in str(refused.value.message)
    assert not DutyPattern.objects.exists()
    assert DutySlot.objects.count() == 1


@pytest.mark.parametrize(
    ("offset_start", "offset_end", "weekday", "code"),
    [
        (7, 0, 1, "invalid_range"),
        (0, 400, 1, "range_too_long"),
        (-14, 0, 1, "past_date"),
        (0, 10, 9, "invalid_weekday"),
        (1, 2, 6, "pattern_empty"),
    ],
)
def test_bad_patterns_are_refused(hall, offset_start, offset_end, weekday, code):
    monday = future_weekday(0)
    with pytest.raises(DomainError) as refused:
        _pattern(
            monday + datetime.timedelta(days=offset_start),
            monday + datetime.timedelta(days=offset_end),
            weekday=weekday,
        )
    assert refused.value.code == code
    assert not DutySlot.objects.exists()


def test_the_page_form_makes_a_pattern(hall, login_client):
    from django.urls import reverse

    from pingan.hall.models import ServiceCentre

    centre = ServiceCentre.objects.get(slug="wutong")
    client = login_client("wutong_clerk")
    start = future_weekday(0)
    response = client.post(
        reverse("hall:pattern-add", args=[centre.pk]),
        {
            "window": window("wutong", 4).pk,
            "person": user("duty_police").pk,
            "weekday": 3,
            "half": "pm",
            "start_date": start.isoformat(),
            "end_date": (start + datetime.timedelta(days=13)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert DutySlot.objects.filter(person__username="duty_police", half="pm").count() == 2
