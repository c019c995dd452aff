"""The time limits of mediation and their thresholds (DESIGN.md "People's mediation").

The statutory limits are counted in natural days, not working days: 人民调解 "一般在一个月内
调结" (taken as 30 days), 司法确认 "自调解协议生效之日起三十日内" to apply and "三日内" for the
court to decide on acceptance, then "十五日内" for its ruling; 诉前调解 30 days from the court's
referral, extendable with both parties' consent. A natural-day limit ends at 24:00 Asia/Shanghai
of its last day (the brief's rule for calendar-day limits); working-day limits would go through
pingan.core.workcalendar, which none of these are.

Every number can be changed in settings (PINGAN_MEDIATION_*), so a region that counts
differently changes configuration, not code.
"""

from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings

from pingan.core.workcalendar import LOCAL_TZ

ONE_DAY = timedelta(days=1)

DEFAULTS = {
    # Days to mediate after acceptance ("一般在一个月内调结").
    "PINGAN_MEDIATION_DAYS": 30,
    # Days of a court-referred (pre-litigation) mediation, and the most one extension may add.
    "PINGAN_MEDIATION_PRELIT_DAYS": 30,
    "PINGAN_MEDIATION_PRELIT_MAX_EXTENSION_DAYS": 30,
    # Days after the agreement takes effect within which both parties may apply to the court.
    "PINGAN_MEDIATION_CONFIRMATION_APPLY_DAYS": 30,
    # Days the court has to decide whether to accept an application, then to rule on it.
    "PINGAN_MEDIATION_CONFIRMATION_ACCEPT_DAYS": 3,
    "PINGAN_MEDIATION_CONFIRMATION_RULING_DAYS": 15,
    # Risk: people involved from which a dispute is 群体性, police calls or petitions about the
    # same matter from which it may turn criminal (民转刑), days before a deadline it is "near".
    "PINGAN_MEDIATION_MASS_PEOPLE": 10,
    "PINGAN_MEDIATION_REPEAT_REPORTS": 3,
    "PINGAN_MEDIATION_DEADLINE_WARN_DAYS": 5,
}


def setting(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))


def local_date(moment: datetime) -> date:
    """The Asia/Shanghai date of `moment`, reading 24:00 (00:00 of the next date, how deadlines
    are stored) as the end of the earlier day, so that extending a deadline by n days adds
    exactly n days."""
    if moment.tzinfo is None:
        raise ValueError("limits need an aware datetime")
    local = moment.astimezone(LOCAL_TZ)
    if local.time() == time(0):
        return local.date() - ONE_DAY
    return local.date()


def end_of_day(day: date) -> datetime:
    """24:00 Asia/Shanghai at the end of `day`, as aware UTC."""
    return datetime.combine(day + ONE_DAY, time(0), tzinfo=LOCAL_TZ).astimezone(UTC)


def natural_days_after(start: datetime | date, days: int) -> datetime:
    """The end of the `days`-th natural day after `start` (its local date is day 0)."""
    day = start if not isinstance(start, datetime) else local_date(start)
    return end_of_day(day + timedelta(days=days))


def mediation_due(accepted_at: datetime) -> datetime:
    return natural_days_after(accepted_at, setting("PINGAN_MEDIATION_DAYS"))


def prelit_due(referred_at: datetime) -> datetime:
    return natural_days_after(referred_at, setting("PINGAN_MEDIATION_PRELIT_DAYS"))


def confirmation_apply_due(effective_on: date) -> datetime:
    return natural_days_after(effective_on, setting("PINGAN_MEDIATION_CONFIRMATION_APPLY_DAYS"))


def confirmation_accept_due(applied_at: datetime) -> datetime:
    return natural_days_after(applied_at, setting("PINGAN_MEDIATION_CONFIRMATION_ACCEPT_DAYS"))


def confirmation_ruling_due(accepted_at: datetime) -> datetime:
    return natural_days_after(accepted_at, setting("PINGAN_MEDIATION_CONFIRMATION_RULING_DAYS"))


def warn_from(due_at: datetime) -> datetime:
    """The moment from which a deadline counts as near."""
    return due_at - timedelta(days=setting("PINGAN_MEDIATION_DEADLINE_WARN_DAYS"))
