"""Figures for the dashboards: accepted, success rate, pre-litigation resolution rate, average
duration; by type, level and region; for a period; scoped to the viewer."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from pingan.core.errors import DomainError
from pingan.mediation import figures, services
from pingan.mediation.tests.factories import dispute_in, user

pytestmark = pytest.mark.usefixtures("mediation_city")
SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def history():
    """In March 2026: two labour agreements (one in 梧桐, one in 高桥), one terminated
    neighbours dispute, one withdrawn; two court referrals, one resolved, one returned."""
    with time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=SH), tick=False):
        agreed = dispute_in("mediating")
        gaoqiao = dispute_in(
            "mediating", actor="gaoqiao_mediator", region="330483004002", department="gaoqiao-mtzx"
        )
        terminated = dispute_in("mediating", dispute_type="neighbours")
        dispute_in("withdrawn")
        resolved = dispute_in("mediating", prelit=True)
        returned = dispute_in("mediating", prelit=True)
    with time_machine.travel(datetime(2026, 3, 12, 9, tzinfo=SH), tick=False):
        from pingan.mediation.tests.factories import complete_agreement, finalise

        for dispute, mediator in (
            (agreed, "wutong_mediator"),
            (resolved, "wutong_mediator"),
            (gaoqiao, "gaoqiao_mediator"),
        ):
            complete_agreement(dispute, actor=mediator)
            finalise(dispute, actor=mediator)
        services.dispute_terminate(
            dispute=terminated,
            actor=user("wutong_mediator"),
            reason="分歧大",
            routes=["litigation"],
        )
        services.dispute_return_to_court(
            dispute=returned, actor=user("court_judge"), reason="调解不成"
        )


MARCH = {"start": date(2026, 3, 1), "end": date(2026, 3, 31)}


def test_by_type_for_the_city(history):
    rows, total = figures.dispute_figures(user("city_leader"), by="type", **MARCH)
    by_key = {row.key: row for row in rows}
    assert total.accepted == 6
    assert (total.concluded, total.agreements) == (5, 3)
    assert total.success_rate == pytest.approx(3 / 5)
    assert (total.referred, total.prelit_resolved, total.prelit_rate) == (2, 1, 0.5)
    assert total.avg_duration_days == pytest.approx(10.0)
    assert by_key["labour"].agreements == 2 and by_key["neighbours"].success_rate == 0
    assert by_key["contract"].prelit_rate == 0.5


def test_scoped_to_the_viewer_and_grouped_by_region_and_level(history):
    rows, total = figures.dispute_figures(user("wutong_boss"), by="region", **MARCH)
    assert [(r.key, r.label) for r in rows] == [("330483001", "梧桐街道")]
    assert total.accepted == 5
    rows, _total = figures.dispute_figures(user("city_leader"), by="region", **MARCH)
    assert {r.label for r in rows} == {"梧桐街道", "高桥街道"}
    rows, _total = figures.dispute_figures(user("city_leader"), by="level", **MARCH)
    assert {r.key for r in rows} == {"town"}


def test_another_period_is_empty_and_bad_input_is_refused(history):
    rows, total = figures.dispute_figures(
        user("city_leader"), start=date(2026, 4, 1), end=date(2026, 4, 30)
    )
    assert rows == [] and total.accepted == 0 and total.success_rate is None
    with pytest.raises(DomainError):
        figures.dispute_figures(user("city_leader"), start=date(2026, 4, 2), end=date(2026, 4, 1))
    with pytest.raises(DomainError):
        figures.dispute_figures(user("city_leader"), by="colour", **MARCH)


def test_the_figures_page_and_api(history, login_client):
    client = login_client("city_leader")
    page = client.get(
        "/mediation/figures/", {"start": "2026-03-01", "end": "2026-03-31", "by": "type"}
    )
    assert page.status_code == 200
    assert "60.0%" in page.content.decode() and "50.0%" in page.content.decode()
    answer = client.get(
        "/api/v1/mediation/figures", {"start": "2026-03-01", "end": "2026-03-31", "by": "level"}
    )
    assert answer.status_code == 200
    assert answer.json()["total"]["agreements"] == 3
    assert client.get("/api/v1/mediation/figures", {"by": "colour"}).status_code == 422
