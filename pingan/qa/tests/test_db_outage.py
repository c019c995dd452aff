"""The database failing under a request (restarting, unreachable, refusing connections): 503 with
Retry-After and a message, in the error model for the API and as a small page elsewhere; never
the 500 page, never a traceback (pingan/core/db_outage.py)."""

import pytest
from django.db import OperationalError

from pingan.cases import selectors
from pingan.cases.web import citizen

OUTAGE = "pingan.core.db_outage.OutageMiddleware"
DOWN = 'connection to server at "127.0.0.1", port 5432 failed: Connection refused'


@pytest.fixture
def outage_middleware(settings):
    middleware = list(settings.MIDDLEWARE)
    if OUTAGE not in middleware:
        middleware.insert(
            middleware.index("pingan.core.middleware.DomainErrorMiddleware") + 1, OUTAGE
        )
    settings.MIDDLEWARE = middleware


def _database_down(*args, **kwargs):
    raise OperationalError(DOWN)


@pytest.fixture
def hotline_client(client, demo_city):
    from pingan.org.models import User

    client.force_login(User.objects.get(username="hotline"))
    return client


def test_an_api_call_during_an_outage_answers_503_in_the_error_model(
    hotline_client, monkeypatch, outage_middleware, caplog
):
    monkeypatch.setattr(selectors, "queue_counts", _database_down)

    response = hotline_client.get("/api/v1/cases/queues")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {
        "code": "service_unavailable",
        "message": "系统正在恢复，暂时无法处理您的请求，请稍后重试",
    }
    # One line in the log naming the cause, no traceback per request.
    [record] = [r for r in caplog.records if r.name == "pingan.outage"]
    assert "GET /api/v1/cases/queues answered 503" in record.getMessage()
    assert "Connection refused" in record.getMessage()
    assert record.exc_info is None


def test_a_page_during_an_outage_says_so_in_chinese_without_a_traceback(
    client, db, monkeypatch, outage_middleware
):
    monkeypatch.setattr(citizen, "ReportForm", _database_down)

    response = client.get("/report/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "系统正在恢复，暂时无法处理您的请求，请稍后重试" in page
    assert "Traceback" not in page and "OperationalError" not in page and "5432" not in page


def test_other_errors_are_left_to_the_500_handler(client, db, monkeypatch, outage_middleware):
    def bug(*args, **kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(citizen, "ReportForm", bug)
    client.raise_request_exception = False

    assert client.get("/report/").status_code == 500


def test_without_the_middleware_an_api_client_gets_the_html_500_page(
    hotline_client, monkeypatch, settings
):
    """What the middleware changes (and why settings.py needs it)."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != OUTAGE]
    monkeypatch.setattr(selectors, "queue_counts", _database_down)
    hotline_client.raise_request_exception = False

    response = hotline_client.get("/api/v1/cases/queues")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
