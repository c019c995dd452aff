"""The hazards app's test data: the demo city, case categories, the demo places, checklists and
this app's accounts (wutong_inspector, tudian_grid and the town leader tudian_leader); no hazards.

Seeded once per module inside a transaction that the module's tests run within (each test in its
own savepoint) and rolled back at the end, as in the hall's tests. Browser tests, which need
committed data for the live server, seed it themselves.
"""

import pytest
from django.db import transaction


def _seed():
    from pingan.cases.demo import seed_categories
    from pingan.hazards import demo
    from pingan.org import demo as org_demo
    from pingan.places import demo as places_demo

    org_demo.seed()
    seed_categories()
    places_demo.seed()
    demo.seed_all_accounts()
    demo.seed_checklists()


def _transactional(node) -> bool:
    marker = node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture(scope="module", autouse=True)
def _hazards_module_data(request, django_db_setup, django_db_blocker):
    if _transactional(request.node):
        yield False
        return
    with django_db_blocker.unblock(), transaction.atomic():
        _seed()
        yield True
        transaction.set_rollback(True)


@pytest.fixture
def demo_city(request, _hazards_module_data, db):
    from pingan.org import demo as org_demo

    if not _hazards_module_data:
        _seed()
    return org_demo


@pytest.fixture
def outbox():
    """SMS queued so far: outbox() -> list of OutboxMessage, optionally of one template."""
    from pingan.notify.models import OutboxMessage

    def _messages(template=None):
        rows = OutboxMessage.objects.order_by("id")
        if template:
            rows = rows.filter(template_code=template)
        return list(rows)

    return _messages
