"""最多跑一次: every trip about a matter is counted (visits on one day are one trip), and the
centre's share of matters settled in one trip is reported per month with its formula."""

import datetime

import pytest
from django.urls import reverse

from pingan.cases import services as cases
from pingan.core.errors import DomainError
from pingan.hall import selectors
from pingan.hall.models import Matter, ServiceCentre
from pingan.hall.services import (
    matter_deliver,
    matters_answer_sweep,
    visit_accept,
    visit_hand_over,
    visit_resolve_on_spot,
    visit_revisit,
)
from pingan.hall.tests.factories import at, user, window


def _centre():
    return ServiceCentre.objects.get(slug="wutong")


def _on_spot(phone):
    return visit_resolve_on_spot(
        actor=user("wutong_clerk"),
        window=window("wutong", 1),
        name="访客",
        phone=phone,
        purpose="咨询",
        answer="已答复",
        category="consult",
    )


def _accepted(phone):
    case = visit_accept(
        actor=user("wutong_clerk"),
        window=window("wutong", 1),
        name="访客",
        phone=phone,
        purpose="欠薪纠纷",
        kind="dispute",
        category="labour.wages",
    )
    return Matter.objects.get(case=case)


def _answered(matter):
    case = cases.case_dispatch(
        case=matter.case, actor=user("city_dispatcher"), department="wutong-office"
    )
    case = cases.case_sign(case=case, actor=user("wutong_handler"))
    cases.case_answer(case=case, actor=user("wutong_handler"), answer="已处理")
    matters_answer_sweep()


def test_visits_on_one_day_are_one_trip_and_later_days_add_up(hall):
    clerk, win = user("wutong_clerk"), window("wutong", 1)
    with at(2026, 12, 1, 9, 0):
        matter = _accepted("13957301060")
        visit_revisit(actor=clerk, window=win, matter=matter, purpose="补充材料")
    matter.refresh_from_db()
    assert (matter.visit_count, matter.visits.count()) == (1, 2)
    with at(2026, 12, 2, 9, 0):
        visit_revisit(actor=clerk, window=win, matter=matter, purpose="询问进度")
    matter.refresh_from_db()
    assert matter.visit_count == 2


def test_coming_back_for_the_answer_is_another_trip_even_the_same_day(hall):
    with at(2026, 12, 1, 9, 0):
        matter = _accepted("13957301053")
        _answered(matter)
        visit_hand_over(actor=user("wutong_clerk"), window=window("wutong", 1), matter=matter)
    matter.refresh_from_db()
    assert (matter.visit_count, matter.status) == (2, "settled")


def test_a_settled_matter_takes_no_more_visits(hall):
    visit = _on_spot("13957301061")
    with pytest.raises(DomainError) as refused:
        visit_revisit(
            actor=user("wutong_clerk"), window=window("wutong", 1), matter=visit.matter, purpose="x"
        )
    assert refused.value.code == "invalid_transition"
    visit.matter.refresh_from_db()
    assert visit.matter.visit_count == 1


def test_one_visit_share_per_month(hall):
    clerk, win = user("wutong_clerk"), window("wutong", 1)
    with at(2026, 11, 10, 9, 0):
        _on_spot("13957301062")  # settled in November, one trip
        _on_spot("13957301063")  # settled in November, one trip
        twice = _accepted("13957301064")
        direct = _accepted("13957301065")
        _accepted("13957301066")  # never settled: not counted
    with at(2026, 11, 20, 9, 0):
        _answered(twice)
        _answered(direct)
        visit_hand_over(actor=clerk, window=win, matter=twice)  # second trip
        matter_deliver(actor=clerk, matter=direct, note="邮寄送达")  # still one trip
    with at(2026, 12, 1, 9, 0):
        _on_spot("13957301067")
    november = selectors.one_visit_share(_centre(), "2026-11")
    assert (november.settled, november.one_visit) == (4, 3)
    assert november.share == pytest.approx(0.75) and november.percent == "75.0%"
    december = selectors.one_visit_share(_centre(), datetime.date(2026, 12, 15))
    assert (december.settled, december.one_visit, december.percent) == (1, 1, "100.0%")
    empty = selectors.one_visit_share(_centre(), "2026-10")
    assert (empty.settled, empty.share, empty.percent) == (0, None, "—")
    other = selectors.one_visit_share(ServiceCentre.objects.get(slug="gaoqiao"), "2026-11")
    assert other.settled == 0


def test_the_month_boundary_is_local(hall):
    # 00:30 on 1 December in Shanghai is still 30 November in UTC.
    with at(2026, 12, 1, 0, 30):
        _on_spot("13957301068")
    assert selectors.one_visit_share(_centre(), "2026-12").settled == 1
    assert selectors.one_visit_share(_centre(), "2026-11").settled == 0


def test_the_centre_page_and_the_api_show_it_with_the_formula(hall, login_client):
    _on_spot("13957301069")
    client = login_client("wutong_clerk")
    centre = _centre()
    html = client.get(reverse("hall:centre", args=[centre.pk])).content.decode()
    assert "一次办结率 = 当月办结事项中来访次数为 1 的事项数 ÷ 当月办结事项数" in html
    assert "100.0%" in html
    month = selectors.today().strftime("%Y-%m")
    body = client.get(f"/api/v1/hall/centres/{centre.pk}/one-visit-share", {"month": month}).json()
    assert (body["settled"], body["one_visit"], body["share"]) == (1, 1, 1.0)
    bad = client.get(f"/api/v1/hall/centres/{centre.pk}/one-visit-share", {"month": "2026-13"})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_month"
