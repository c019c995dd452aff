from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pingan.core import workcalendar as wc
from pingan.core.errors import DomainError
from pingan.core.models import AuditEntry, CalendarDay

pytestmark = pytest.mark.django_db


def at(y, m, d, hh=10, mm=0):
    """An instant given in Asia/Shanghai wall-clock time."""
    return datetime(y, m, d, hh, mm, tzinfo=wc.LOCAL_TZ)


def end_of(y, m, d):
    """24:00 Asia/Shanghai of that date, as UTC: what a working-day deadline looks like."""
    return datetime.combine(date(y, m, d) + timedelta(days=1), time(0), wc.LOCAL_TZ).astimezone(UTC)


# --- the official arrangement, as the installed chinese_calendar package has it -------------


def test_national_day_2025_arrangement():
    assert wc.is_workday(date(2025, 9, 28))  # Sunday, 调休 workday
    assert not any(wc.is_workday(date(2025, 10, d)) for d in range(1, 9))
    assert wc.is_workday(date(2025, 10, 9))
    assert wc.is_workday(date(2025, 10, 11))  # Saturday, 调休 workday
    assert not wc.is_workday(date(2025, 10, 12))


def test_spring_festival_2026_arrangement():
    assert wc.is_workday(date(2026, 2, 14))  # Saturday, 调休 workday
    assert not any(wc.is_workday(date(2026, 2, d)) for d in range(15, 24))
    assert wc.is_workday(date(2026, 2, 24))
    assert wc.is_workday(date(2026, 2, 28))  # Saturday, 调休 workday
    assert not wc.is_workday(date(2026, 3, 1))


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (at(2025, 9, 30), 1, end_of(2025, 10, 9)),  # the whole holiday is skipped
        (at(2025, 9, 30), 2, end_of(2025, 10, 10)),
        (at(2025, 9, 30), 3, end_of(2025, 10, 11)),  # the 调休 Saturday counts
        (at(2025, 9, 30), 4, end_of(2025, 10, 13)),
        (at(2025, 9, 26), 1, end_of(2025, 9, 28)),  # the 调休 Sunday counts
        (at(2025, 10, 3), 1, end_of(2025, 10, 9)),  # started during the holiday
        (at(2025, 9, 26), 15, end_of(2025, 10, 23)),
    ],
)
def test_deadlines_across_national_day_2025(start, days, due):
    assert wc.add_working_days(start, days) == due
    assert wc.deadline(start, days, "working_days") == due


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (at(2026, 2, 13), 1, end_of(2026, 2, 14)),
        (at(2026, 2, 13), 2, end_of(2026, 2, 24)),
        (at(2026, 2, 13), 6, end_of(2026, 2, 28)),
        (at(2026, 2, 13), 7, end_of(2026, 3, 2)),
        (at(2026, 2, 14, 17), 1, end_of(2026, 2, 24)),
    ],
)
def test_deadlines_across_spring_festival_2026(start, days, due):
    assert wc.add_working_days(start, days) == due


def test_deadline_is_utc_at_local_midnight():
    due = wc.add_working_days(at(2025, 9, 30), 1)
    assert due.tzinfo is UTC
    assert due == datetime(2025, 10, 9, 16, 0, tzinfo=UTC)
    assert due.astimezone(wc.LOCAL_TZ).time() == time(0)


def test_days_count_from_the_local_date_not_the_utc_date():
    # 17:00 UTC on Sunday 28 September is 01:00 on Monday the 29th in Shanghai.
    start = datetime(2025, 9, 28, 17, 0, tzinfo=UTC)
    assert wc.add_working_days(start, 1) == end_of(2025, 9, 30)


def test_zero_working_days_is_the_end_of_the_same_day():
    assert wc.add_working_days(at(2025, 10, 4), 0) == end_of(2025, 10, 4)


def test_extending_a_deadline_counts_from_the_day_it_ended():
    due = wc.add_working_days(at(2025, 9, 22), 1)  # 24:00 on Tuesday 23 September
    assert due == end_of(2025, 9, 23)
    assert wc.add_working_days(due, 1) == end_of(2025, 9, 24)


# --- the admin's override table ---------------------------------------------------------------


def test_override_turns_a_workday_into_a_holiday():
    CalendarDay.objects.create(date=date(2025, 10, 9), is_workday=False, note="本地调整")
    assert not wc.is_workday(date(2025, 10, 9))
    assert wc.add_working_days(at(2025, 9, 30), 1) == end_of(2025, 10, 10)


def test_override_turns_a_holiday_into_a_workday():
    CalendarDay.objects.create(date=date(2025, 10, 4), is_workday=True, note="值班")
    assert wc.is_workday(date(2025, 10, 4))
    assert wc.add_working_days(at(2025, 9, 30), 1) == end_of(2025, 10, 4)


def test_override_is_seen_at_once_outside_a_batch():
    before = wc.add_working_days(at(2025, 9, 30), 1)
    CalendarDay.objects.create(date=date(2025, 10, 9), is_workday=False)
    assert wc.add_working_days(at(2025, 9, 30), 1) != before


def test_override_changes_are_audited():
    day = CalendarDay.objects.create(date=date(2031, 10, 1), is_workday=False, note="国庆节")
    day.note = "国庆节、中秋节"
    day.save()
    actions = AuditEntry.objects.filter(content_type__model="calendarday", object_id=str(day.pk))
    assert sorted(actions.values_list("action", flat=True)) == ["create", "update"]


# --- years the package does not know ----------------------------------------------------------


def test_later_year_falls_back_to_weekends():
    assert wc.is_workday(date(2031, 1, 3))  # a Friday
    assert not wc.is_workday(date(2031, 1, 4))  # a Saturday
    assert wc.add_working_days(at(2031, 1, 3), 1) == end_of(2031, 1, 6)
    assert wc.add_working_days(at(2031, 1, 3), 10) == end_of(2031, 1, 17)


def test_later_year_takes_overrides():
    CalendarDay.objects.create(date=date(2031, 1, 6), is_workday=False, note="元旦调休")
    CalendarDay.objects.create(date=date(2031, 1, 4), is_workday=True, note="调休上班")
    assert wc.add_working_days(at(2031, 1, 3), 1) == end_of(2031, 1, 4)
    assert wc.add_working_days(at(2031, 1, 3), 2) == end_of(2031, 1, 7)


def test_deadline_across_the_end_of_the_package():
    # 1 January 2027 counts as a working day until an admin enters the 2027 holidays.
    assert wc.add_working_days(at(2026, 12, 30), 3) == end_of(2027, 1, 4)


# --- hours, bad input ---------------------------------------------------------------------------


def test_hours_are_clock_hours_even_on_holidays():
    start = at(2025, 10, 1, 23, 30)
    due = wc.deadline(start, 2, "hours")
    assert due == start + timedelta(hours=2)
    assert due.tzinfo is UTC
    assert wc.add_hours(start, 24) == at(2025, 10, 2, 23, 30)


@pytest.mark.parametrize("unit", ["days", "", "HOURS", None])
def test_bad_unit_is_refused(unit):
    with pytest.raises(DomainError) as err:
        wc.deadline(at(2025, 9, 30), 1, unit)
    assert err.value.code == "bad_deadline_unit"


@pytest.mark.parametrize("amount", [-1, 1.5, "2", True])
@pytest.mark.parametrize("unit", wc.UNITS)
def test_bad_amount_is_refused(amount, unit):
    with pytest.raises(DomainError) as err:
        wc.deadline(at(2025, 9, 30), amount, unit)
    assert err.value.code == "bad_deadline_amount"


def test_naive_start_is_a_programming_error():
    with pytest.raises(ValueError):
        wc.add_working_days(datetime(2025, 9, 30, 10), 1)


# --- counting and the yellow light ------------------------------------------------------------


def test_working_days_between():
    assert wc.working_days_between(date(2025, 9, 30), date(2025, 10, 9)) == 1
    # 9-28 (调休), 9-29, 9-30, 10-9, 10-10, 10-11 (调休)
    assert wc.working_days_between(date(2025, 9, 27), date(2025, 10, 11)) == 6
    assert wc.working_days_between(date(2025, 10, 11), date(2025, 9, 27)) == -6
    assert wc.working_days_between(date(2025, 10, 9), date(2025, 10, 9)) == 0


def test_fraction_used():
    start = at(2025, 9, 30, 8)
    due = start + timedelta(hours=10)
    assert wc.fraction_used(start, due, start) == 0.0
    assert wc.fraction_used(start, due, start - timedelta(hours=1)) == 0.0
    assert wc.fraction_used(start, due, start + timedelta(hours=8)) == pytest.approx(0.8)
    assert wc.fraction_used(start, due, start + timedelta(hours=8), 3600) == pytest.approx(0.7)
    assert wc.fraction_used(start, due, start + timedelta(hours=12)) == pytest.approx(1.2)
    assert wc.fraction_used(start, start, start) == 1.0
    assert wc.fraction_used(start, start, start + timedelta(seconds=1)) > 1


def test_yellow_light_comes_at_eighty_percent_of_a_holiday_spanning_limit():
    with time_machine.travel(at(2025, 9, 30, 10), tick=False):
        start = timezone.now()
        due = wc.deadline(start, 1, "working_days")  # 24:00 on 9 October: 230 hours away
    with time_machine.travel(at(2025, 10, 8, 1, 59), tick=False):
        assert wc.fraction_used(start, due, timezone.now()) < 0.8
    with time_machine.travel(at(2025, 10, 8, 2, 0), tick=False):
        assert wc.fraction_used(start, due, timezone.now()) == pytest.approx(0.8)


# --- queries ----------------------------------------------------------------------------------


def test_one_query_per_deadline_and_per_year(django_assert_num_queries):
    with django_assert_num_queries(1):
        wc.add_working_days(at(2025, 9, 26), 15)
    with django_assert_num_queries(2):
        wc.add_working_days(at(2025, 12, 30), 5)
    with django_assert_num_queries(1):
        wc.is_workday(date(2025, 10, 9))


def test_a_batch_shares_overrides_among_calls(django_assert_num_queries):
    CalendarDay.objects.create(date=date(2025, 10, 9), is_workday=False)
    starts = [at(2025, 9, 20) + timedelta(minutes=7 * n) for n in range(2000)]
    with django_assert_num_queries(1), wc.batch():
        dues = [wc.deadline(s, 5, "working_days") for s in starts]
        assert not wc.is_workday(date(2025, 10, 9))
    assert dues[0] == end_of(2025, 9, 26)
    assert all(d.astimezone(wc.LOCAL_TZ).date() != date(2025, 10, 10) for d in dues)


# --- admin --------------------------------------------------------------------------------------


def test_admin_lists_overrides_filtered_by_year(admin_client):
    CalendarDay.objects.create(date=date(2030, 10, 1), is_workday=False, note="国庆节")
    CalendarDay.objects.create(date=date(2031, 10, 1), is_workday=False, note="国庆节")
    CalendarDay.objects.create(date=date(2031, 9, 28), is_workday=True, note="调休上班")
    url = "/admin/core/calendarday/"
    response = admin_client.get(url, {"year": "2031"})
    assert response.status_code == 200
    assert [d.date.year for d in response.context["cl"].result_list] == [2031, 2031]
    response = admin_client.get(url, {"year": "2031", "is_workday__exact": "1"})
    assert [d.date for d in response.context["cl"].result_list] == [date(2031, 9, 28)]


# --- properties -------------------------------------------------------------------------------

starts = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2032, 12, 31), timezones=st.just(UTC)
)
PROPERTY = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(start=starts, n=st.integers(min_value=1, max_value=40))
def test_deadline_lands_at_the_end_of_a_working_day(start, n):
    due = wc.add_working_days(start, n)
    local = due.astimezone(wc.LOCAL_TZ)
    assert local.time() == time(0)
    last_day = local.date() - timedelta(days=1)
    assert wc.is_workday(last_day)
    # The day the count starts from: an instant of exactly 00:00 is the end of the previous day.
    first_day = (start.astimezone(wc.LOCAL_TZ) - timedelta(microseconds=1)).date()
    assert wc.working_days_between(first_day, last_day) == n


@PROPERTY
@given(start=starts, n=st.integers(min_value=0, max_value=30), more=st.integers(1, 30))
def test_deadline_grows_with_the_days_and_composes(start, n, more):
    assert wc.add_working_days(start, n) < wc.add_working_days(start, n + more)
    assert wc.add_working_days(wc.add_working_days(start, n), more) == wc.add_working_days(
        start, n + more
    )
