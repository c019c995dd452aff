import pytest


@pytest.fixture
def city(demo_city):
    """The demo city with the work-order categories and the petition accounts."""
    from pingan.cases.demo import seed_categories
    from pingan.org.demo import seed_accounts
    from pingan.petitions.demo import ACCOUNTS

    seed_categories()
    seed_accounts(ACCOUNTS)
    return demo_city


@pytest.fixture
def outbox():
    """SMS queued so far: outbox(template) -> list of OutboxMessage of that template."""
    from pingan.notify.models import OutboxMessage

    def _messages(template=None):
        rows = OutboxMessage.objects.order_by("id")
        if template:
            rows = rows.filter(template_code=template)
        return list(rows)

    return _messages


@pytest.fixture
def frozen():
    """frozen("2026-04-01 10:00") -> a time-machine traveller at that Asia/Shanghai moment
    (not ticking), to be moved with .move_to(...)."""
    import time_machine

    from pingan.petitions.tests.factories import local

    started = []

    def _start(moment: str):
        traveller = time_machine.travel(local(moment), tick=False)
        started.append(traveller)
        return traveller.start()

    yield _start
    for traveller in reversed(started):
        traveller.stop()
