"""The Safety Day tests' data: the demo city with the safety demo accounts (tudian_officer,
tudian_leader), seeded once per module inside a transaction rolled back at its end (each test
in its own savepoint). Browser tests (transaction=True) seed it themselves."""

import pytest
from django.db import transaction


def _seed():
    from pingan.org import demo as org_demo
    from pingan.safety import demo

    org_demo.seed()
    org_demo.seed_accounts(demo.ACCOUNTS)


def _transactional(node) -> bool:
    marker = node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture(scope="module", autouse=True)
def _safety_module_data(request, django_db_setup, django_db_blocker):
    if _transactional(request.node):
        yield False
        return
    with django_db_blocker.unblock(), transaction.atomic():
        _seed()
        yield True
        transaction.set_rollback(True)


@pytest.fixture
def demo_city(request, _safety_module_data, db):
    """`db` is named so that pytest-django knows these tests need the database."""
    from pingan.org import demo as org_demo

    if not _safety_module_data:
        _seed()
    return org_demo


@pytest.fixture(autouse=True)
def _media_into_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def outbox():
    from pingan.notify.models import OutboxMessage

    def _messages(template=None):
        rows = OutboxMessage.objects.order_by("id")
        if template:
            rows = rows.filter(template_code=template)
        return list(rows)

    return _messages
