"""Risk flags: many people (群体性), repeated police calls or petitions about the same matter
and signs of violence (民转刑), a deadline near; shown to the leaders of the jurisdiction."""

import pytest

from pingan.cases.tests.factories import act, new_case
from pingan.mediation import selectors, services
from pingan.mediation.tests.factories import add_parties, new_dispute, user

pytestmark = pytest.mark.usefixtures("mediation_city")


def _risk(dispute):
    row = selectors.with_report_count(selectors.disputes_visible_to(user("city_leader"))).get(
        pk=dispute.pk
    )
    return selectors.risk_of(row)


def test_many_people_is_群体性_from_the_configured_threshold(settings):
    nine = new_dispute(people_count=9)
    ten = new_dispute(people_count=10)
    assert _risk(nine).codes == []
    assert _risk(ten).codes == ["mass"] and _risk(ten).kinds == ["群体性"]
    settings.PINGAN_MEDIATION_MASS_PEOPLE = 5
    assert _risk(nine).codes == ["mass"]


def _police_reports(count: int):
    main = new_case(channel="police", kind="dispute", category="labour.wages")
    for _ in range(count - 1):
        report = new_case(channel="police", kind="dispute", category="labour.wages")
        act("merge", report, "city_dispatcher", into=main)
    return main


def test_repeated_police_calls_count_merged_reports_and_links():
    main = _police_reports(2)
    dispute = services.dispute_from_case(
        case=main, actor=user("wutong_mediator"), dispute_type="labour", level="town"
    )
    assert _risk(dispute).codes == []
    # A third call merged after the dispute was made still counts: it is the same matter.
    late = new_case(channel="police", kind="dispute", category="labour.wages")
    act("merge", late, "city_dispatcher", into=main)
    risk = _risk(dispute)
    assert risk.codes == ["repeat"] and risk.kinds == ["民转刑"]
    petition = new_case(channel="letter", kind="petition", category="petition")
    hotline = new_case(channel="hotline", kind="complaint", category="labour.wages")
    for case in (petition, hotline):
        services.dispute_link_case(dispute=dispute, case=case, actor=user("wutong_mediator"))
    row = selectors.with_report_count(selectors.disputes_visible_to(user("city_leader"))).get(
        pk=dispute.pk
    )
    assert row.report_count == 4  # three police calls and the petition, not the complaint


def test_signs_of_violence_and_a_near_deadline_make_it_high():
    dispute = new_dispute()
    add_parties(dispute)
    services.dispute_accept(dispute=dispute, actor=user("wutong_mediator"))
    services.dispute_update_details(
        dispute=dispute, actor=user("wutong_mediator"), escalation_signs=True, risk_note="扬言报复"
    )
    assert _risk(dispute).codes == ["signs"]
    assert _risk(dispute).level == "medium"
    services.dispute_update_details(dispute=dispute, actor=user("wutong_mediator"), people_count=12)
    assert _risk(dispute).level == "high"
    assert _risk(dispute).kinds == ["群体性", "民转刑"]


def test_the_risk_board_is_scoped_to_the_leaders_jurisdiction(login_client):
    wutong = new_dispute(people_count=40)
    gaoqiao = new_dispute(
        actor="gaoqiao_mediator", region="330483004002", people_count=15, department="gaoqiao-mtzx"
    )
    quiet = new_dispute(people_count=2)
    city = [d.pk for d, _r in selectors.risk_board(user("city_leader"))]
    assert set(city) == {wutong.pk, gaoqiao.pk}
    assert [d.pk for d, _r in selectors.risk_board(user("gaoqiao_boss"))] == [gaoqiao.pk]
    page = login_client("wutong_boss").get("/mediation/risks/")
    assert page.status_code == 200
    body = page.content.decode()
    assert wutong.number in body and gaoqiao.number not in body and quiet.number not in body
    assert "群体性" in body
    assert login_client("wutong_clerk").get("/mediation/risks/").status_code == 404
