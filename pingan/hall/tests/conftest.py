"""The hall's test data: the demo city, the case categories, the 三官一师 accounts and the three
demo centres (梧桐 with 2 comprehensive and 2 legal windows, wutong_clerk at 综合窗口 1; 高桥
with gaoqiao_clerk at its 综合窗口 1; the city centre); no roster and no queue.

Seeding the demo city takes about a second, which every test would pay. So for each test
module it is seeded once inside a transaction that the module's tests run within (each test in
its own savepoint, rolled back after it) and that is rolled back at the end of the module.
Browser tests, which need committed data for the live server, seed it themselves.
"""

import pytest
from django.db import transaction


def _seed():
    from pingan.cases.demo import seed_categories
    from pingan.hall import demo
    from pingan.org import demo as org_demo

    org_demo.seed()
    seed_categories()
    demo.seed_accounts(demo.ACCOUNTS)
    return demo.seed_centres()


def _transactional(node) -> bool:
    marker = node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture(scope="module", autouse=True)
def _hall_module_data(request, django_db_setup, django_db_blocker):
    if _transactional(request.node):
        yield False
        return
    with django_db_blocker.unblock(), transaction.atomic():
        _seed()
        yield True
        transaction.set_rollback(True)


@pytest.fixture
def demo_city(request, _hall_module_data, db):
    """`db` is named here, not fetched on the way, so that pytest-django sees that these tests
    need the test database (it decides which databases to create from the fixture names). With
    the module's `transaction=True` mark it is the transactional kind."""
    from pingan.org import demo as org_demo

    if not _hall_module_data:
        _seed()
    return org_demo


@pytest.fixture
def hall(demo_city):
    from pingan.hall.models import ServiceCentre

    return {centre.slug: centre for centre in ServiceCentre.objects.all()}


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
