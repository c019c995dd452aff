import pytest


@pytest.fixture
def mediation_city(demo_city):
    """The demo city with the work-order categories, the mediation accounts (court_judge,
    city_mediator) and two more personas for scope tests: a 高桥街道 mediator and leader."""
    from pingan.cases.demo import seed_categories
    from pingan.mediation import demo
    from pingan.org.demo import seed_accounts
    from pingan.org.roles import Role

    seed_categories()
    seed_accounts(demo.ACCOUNTS)
    seed_accounts(
        [
            (
                "gaoqiao_mediator",
                "高调解",
                "13957303010",
                [(Role.MEDIATOR, "330483004", "gaoqiao-mtzx", "专职人民调解员")],
            ),
            ("gaoqiao_boss", "高书记", "13957303011", [(Role.LEADER, "330483004", None, "书记")]),
            ("wutong_boss", "梧书记", "13957303012", [(Role.LEADER, "330483001", None, "书记")]),
            (
                "duty_lawyer2",
                "律律师",
                "13957303013",
                [(Role.LEGAL_DUTY, "330483001", "lvsuo-tongde", "值班律师")],
            ),
        ]
    )
    return demo_city


@pytest.fixture
def outbox():
    from pingan.notify.models import OutboxMessage

    def _messages(template=None):
        rows = OutboxMessage.objects.order_by("id")
        if template:
            rows = rows.filter(template_code=template)
        return list(rows)

    return _messages
