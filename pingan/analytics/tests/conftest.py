"""Analytics tests need the regions, the accounts and the case categories, not the whole demo
city: seeded once per module inside a transaction rolled back at its end (see
pingan/hall/tests/conftest.py for the pattern). Browser tests seed committed data themselves."""

import pytest
from django.db import transaction


def seed():
    from pingan.cases.demo import seed_categories
    from pingan.org import demo as org_demo
    from pingan.petitions import demo as petitions_demo

    org_demo.seed()
    seed_categories()
    # The town leaders (wutong_leader, gaoqiao_leader) are the petitions app's demo accounts.
    org_demo.seed_accounts(petitions_demo.ACCOUNTS)


def _transactional(node) -> bool:
    marker = node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture(scope="module", autouse=True)
def _analytics_module_data(request, django_db_setup, django_db_blocker):
    if _transactional(request.node):
        yield False
        return
    with django_db_blocker.unblock(), transaction.atomic():
        seed()
        yield True
        transaction.set_rollback(True)


@pytest.fixture
def city(request, _analytics_module_data, db):
    if not _analytics_module_data:
        seed()


@pytest.fixture
def user(city):
    from pingan.org.models import User

    return lambda username: User.objects.get(username=username)
