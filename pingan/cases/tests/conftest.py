"""Fixtures for the work-order tests.

The demo city (regions, departments, accounts) and the demo category tree are written once per
test module inside an outer transaction; each test runs in a savepoint within it (pytest-django's
`db`), and the module's data is rolled back at its end. Seeding per test would cost most of a
second each, hundreds of times over.
"""

import pytest


@pytest.fixture(scope="module")
def _seeded_city(django_db_setup, django_db_blocker):
    from django.db import transaction

    from pingan.cases.demo import seed_categories
    from pingan.org import demo

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            demo.seed()
            seed_categories()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def categories(_seeded_city, db):
    """The demo city with the demo category tree and its routing rules."""
    from pingan.cases.models import Category

    return {c.code: c for c in Category.objects.all()}


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
