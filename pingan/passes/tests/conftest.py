"""The passes app's test data: the demo city's accounts, the demo places, the passes demo
(signing key, three checkpoints with their guards). Seeded once per module inside a transaction
rolled back at its end (the pattern of pingan/hall/tests/conftest.py); browser tests, which need
committed data for the live server, seed it themselves."""

import pytest
from django.db import transaction


def seed():
    from pingan.org import demo as org_demo
    from pingan.passes import demo
    from pingan.places import demo as places_demo

    org_demo.seed()
    places_demo.seed()
    demo.seed()


def _transactional(node) -> bool:
    marker = node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture(scope="module", autouse=True)
def _passes_module_data(request, django_db_setup, django_db_blocker):
    if _transactional(request.node):
        yield False
        return
    with django_db_blocker.unblock(), transaction.atomic():
        seed()
        yield True
        transaction.set_rollback(True)


@pytest.fixture
def city(request, _passes_module_data, db):
    from pingan.org import demo as org_demo
    from pingan.passes import online

    online.forget_cached_keys()
    if not _passes_module_data:
        seed()
    yield org_demo
    online.forget_cached_keys()


@pytest.fixture
def gates(city):
    from pingan.passes.models import Checkpoint, CheckpointKind

    return {c.kind: c for c in Checkpoint.objects.all()} | {
        "factory": Checkpoint.objects.get(kind=CheckpointKind.FACTORY_GATE),
        "compound": Checkpoint.objects.get(kind=CheckpointKind.COMPOUND_GATE),
        "entry": Checkpoint.objects.get(kind=CheckpointKind.CITY_ENTRY),
    }


@pytest.fixture
def user(city):
    from pingan.org.models import User

    return lambda username: User.objects.get(username=username)
