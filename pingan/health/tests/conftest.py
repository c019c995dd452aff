"""The health app's test data: the demo city, its places, the published demo rules and risk
areas, and the three demo people (张建军 green, 李秀英 yellow, 王小明 with a pending red request).

Seeded once per test module inside a transaction that each test runs within (its own savepoint)
and that is rolled back after the module, as in the hall's tests. Browser tests (transactional)
seed it themselves.
"""

import pytest
from django.db import transaction


def _seed():
    from pingan.health import demo
    from pingan.org import demo as org_demo
    from pingan.places import demo as places_demo

    org_demo.seed()
    places_demo.seed()
    demo.seed()


def _transactional(node) -> bool:
    marker = node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture(scope="module", autouse=True)
def _health_module_data(request, django_db_setup, django_db_blocker):
    if _transactional(request.node):
        yield False
        return
    with django_db_blocker.unblock(), transaction.atomic():
        _seed()
        yield True
        transaction.set_rollback(True)


@pytest.fixture
def demo_city(request, _health_module_data, db):
    from pingan.org import demo as org_demo

    if not _health_module_data:
        _seed()
    return org_demo


@pytest.fixture
def people(demo_city):
    """The demo people by name."""
    from pingan.health.models import Registration

    return {r.person.name: r.person for r in Registration.objects.select_related("person")}
