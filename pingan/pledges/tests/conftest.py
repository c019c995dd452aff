"""The pledges' test data: the demo city with the 平安办 accounts, seeded once per module
inside a transaction rolled back at its end (as in pingan/hall/tests/conftest.py); browser
tests (transactional) seed it themselves."""

import pytest
from django.db import transaction


def _seed():
    from pingan.org import demo as org_demo
    from pingan.pledges import demo

    org_demo.seed()
    org_demo.seed_accounts(demo.ACCOUNTS)


def _transactional(node) -> bool:
    marker = node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture(scope="module", autouse=True)
def _pledges_module_data(request, django_db_setup, django_db_blocker):
    if _transactional(request.node):
        yield False
        return
    with django_db_blocker.unblock(), transaction.atomic():
        _seed()
        yield True
        transaction.set_rollback(True)


@pytest.fixture
def demo_city(request, _pledges_module_data, db):
    from pingan.org import demo as org_demo

    if not _pledges_module_data:
        _seed()
    return org_demo


@pytest.fixture
def region(demo_city):
    from pingan.org.models import Region

    return lambda code: Region.objects.get(code=code)


@pytest.fixture
def pledge(demo_city, persona, region):
    """A published pledge of 城北村 (梧桐街道), by wutong_pingan."""
    from pingan.pledges.tests.factories import published_pledge

    return published_pledge(persona("wutong_pingan"), region("330483001010"))
