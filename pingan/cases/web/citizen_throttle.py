"""Counters that stop the public citizen pages from being used to guess query codes or to send
SMS to strangers in bulk.

A query code is 6 digits: a million codes per case number, and case numbers are easy to guess
(GD + date + sequence). So failed number + code checks are counted twice over, in fixed
windows, in the default cache (the database cache in settings: every app server shares it and
it survives restarts):

- per client address (as django-axes resolves it for the login throttle): one address cannot
  try many pairs, whichever numbers it aims at;
- per case number: many addresses together cannot work through one case's codes. Within a
  window, five wrong codes block the number for everyone, its reporter too; that is the price
  of making a guess cost about 10^5 windows (years). The reporter still has "我的事项" when
  signed in, and the 12345 hotline; a right code clears the number's count.

While blocked, the pair is not checked at all, so a blocked attacker learns nothing even from a
right guess. The counters are pingan.core.throttle's.
"""

from pingan.core import throttle

WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_ADDRESS = 20
MAX_FAILURES_PER_NUMBER = 5
# Online reports queue an SMS each: a form that anybody may post must not become an SMS cannon.
REPORT_WINDOW_SECONDS = 60 * 60
MAX_REPORTS_PER_ADDRESS = 10


def _key(scope: str, value: str) -> str:
    return throttle.key(f"citizen:{scope}", value)


def _address(request) -> str:
    return throttle.client_address(request)


def _window_of(key: str) -> int:
    return REPORT_WINDOW_SECONDS if ":report:" in key else WINDOW_SECONDS


def _count(key: str) -> int:
    return throttle.count(key, _window_of(key))


def _bump(key: str) -> None:
    throttle.bump(key, _window_of(key))


def _number_key(number: str) -> str:
    return _key("number", (number or "").strip().upper())


def tracking_blocked(request, number: str) -> bool:
    return (
        _count(_key("address", _address(request))) >= MAX_FAILURES_PER_ADDRESS
        or _count(_number_key(number)) >= MAX_FAILURES_PER_NUMBER
    )


def tracking_failed(request, number: str) -> None:
    _bump(_key("address", _address(request)))
    _bump(_number_key(number))


def tracking_succeeded(number: str) -> None:
    # Only the number's count: clearing the address's would let a guesser who holds one real
    # pair (their own case) wipe their failures between guesses.
    throttle.clear(_number_key(number))


def reporting_blocked(request) -> bool:
    return _count(_key("report", _address(request))) >= MAX_REPORTS_PER_ADDRESS


def reported(request) -> None:
    _bump(_key("report", _address(request)))
