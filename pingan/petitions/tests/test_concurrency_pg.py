"""Two people act on petitions at the same moment (PostgreSQL): the row lock lets one
extension through and refuses the second clearly; two replies at once get distinct numbers."""

import threading
import time

import pytest
from django.db import connection
from django.utils import timezone

from pingan.core.errors import DomainError
from pingan.org.models import User
from pingan.petitions import deadlines, notices, services
from pingan.petitions.models import Petition, PetitionEvent
from pingan.petitions.tests.factories import petition_in

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pg_city(demo_city):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite takes one write lock for the whole database, so two "
            "writers never overlap and SELECT ... FOR UPDATE is not exercised"
        )
    from pingan.cases.demo import seed_categories
    from pingan.org.demo import seed_accounts
    from pingan.petitions.demo import ACCOUNTS

    seed_categories()
    seed_accounts(ACCOUNTS)


def _run_together(*calls):
    """Run each call in its own thread and connection, released at the same moment."""
    start = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            start.wait(timeout=10)
            outcomes[index] = ("ok", call())
        except DomainError as exc:
            outcomes[index] = (exc.code, str(exc.message))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_one_extension_wins(pg_city, monkeypatch):
    petition = petition_in("handling")
    original = deadlines.days_after

    def slow(start, days):
        time.sleep(0.5)  # hold the row lock while the other request arrives
        return original(start, days)

    monkeypatch.setattr(deadlines, "days_after", slow)

    def extend(days):
        handler = User.objects.get(username="wutong_handler")
        return lambda: (
            services.petition_extend(
                petition=petition, actor=handler, days=days, reason="需核算"
            ).extension_days
        )

    outcomes = _run_together(extend(10), extend(20))
    codes = sorted(outcome[0] for outcome in outcomes)
    assert codes == ["extension_used", "ok"]
    assert PetitionEvent.objects.filter(petition=petition, kind="extend").count() == 1
    winner = next(o[1] for o in outcomes if o[0] == "ok")
    assert Petition.objects.get(pk=petition.pk).extension_days == winner


def test_two_replies_at_once_get_distinct_numbers(pg_city, monkeypatch):
    first = petition_in("handling")
    second = petition_in("handling", description="另一事项：复兴社区饭店油烟扰民")
    original = notices.replied

    def slow(petition, event):
        time.sleep(0.5)  # keep the first transaction open while the second numbers its reply
        return original(petition, event)

    monkeypatch.setattr(notices, "replied", slow)

    def reply(petition):
        handler = User.objects.get(username="wutong_handler")
        return lambda: (
            services.petition_reply(petition=petition, actor=handler, opinion="已处理").reply_number
        )

    outcomes = _run_together(reply(first), reply(second))
    assert [o[0] for o in outcomes] == ["ok", "ok"]
    year = timezone.localtime().year
    assert sorted(o[1] for o in outcomes) == [f"信复〔{year}〕0001号", f"信复〔{year}〕0002号"]
