"""Two dispatchers act on one case at the same moment (PostgreSQL): one wins, the other gets a
clear message, and exactly one dispatch is recorded."""

import threading
import time

import pytest
from django.db import connection

from pingan.cases import deadlines, services
from pingan.cases.models import Case, CaseEvent
from pingan.cases.tests.factories import case_in
from pingan.core.errors import DomainError
from pingan.org.models import User

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def accepted_case(demo_city):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite takes one write lock for the whole database, so two "
            "writers never overlap and SELECT ... FOR UPDATE is not exercised"
        )
    from pingan.cases.demo import seed_categories

    seed_categories()
    return case_in("accepted")


@pytest.fixture
def slow_dispatch(monkeypatch):
    """Hold the row lock a moment inside the dispatch, so the second dispatcher surely arrives
    while the first is still in its transaction."""
    original = deadlines.start_sign_clock

    def slow(case, now):
        time.sleep(0.5)
        return original(case, now)

    monkeypatch.setattr(deadlines, "start_sign_clock", slow)


@pytest.mark.parametrize(
    ("with_version", "loser_code"), [(False, "invalid_transition"), (True, "stale")]
)
def test_one_dispatcher_wins(accepted_case, slow_dispatch, with_version, loser_code):
    case = accepted_case
    seen_version = case.version
    start = threading.Barrier(2)
    outcomes = {}

    def dispatch(username, department):
        try:
            actor = User.objects.get(username=username)
            start.wait(timeout=10)
            services.case_dispatch(
                case=case,
                actor=actor,
                department=department,
                expected_version=seen_version if with_version else None,
            )
            outcomes[username] = ("ok", department)
        except DomainError as exc:
            outcomes[username] = (exc.code, str(exc.message), exc.status)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=dispatch, args=("city_dispatcher", "zhujian")),
        threading.Thread(target=dispatch, args=("wutong_dispatcher", "wutong-office")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    winners = [name for name, outcome in outcomes.items() if outcome[0] == "ok"]
    losers = [outcome for outcome in outcomes.values() if outcome[0] != "ok"]
    assert len(winners) == 1, outcomes
    [(code, message, status)] = losers
    assert code == loser_code and status == 409
    expected = (
        "该工单已被他人更新，请刷新后重试" if with_version else "当前状态（已派单）不能执行「派单」"
    )
    assert message == expected
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.status == "dispatched"
    assert fresh.department.code == outcomes[winners[0]][1]
    assert fresh.version == seen_version + 1
    assert CaseEvent.objects.filter(case=case, kind="dispatch").count() == 1
