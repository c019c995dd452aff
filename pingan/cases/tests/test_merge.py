"""Duplicates merged into one main case; every reporter hears the answer.

The article's scenario: a wage dispute on the 金域兰庭 site was reported 13 times by different
workers; it ends as one case with 13 linked reports, and the answer reaches all 13 callers.
"""

import pytest

from pingan.cases import selectors, services
from pingan.cases.models import Case
from pingan.cases.tests.factories import act, new_case, user
from pingan.core.errors import NotFound

WAGE_DISPUTE = {
    "channel": "police",
    "kind": "dispute",
    "category": "labour.wages",
    "region": "330483001018",
    "address": "金域兰庭小区工地",
    "description": "泥工班组 40 余名工人被拖欠工资，多次讨要未果",
}


def test_thirteen_calls_end_as_one_case_and_thirteen_answers(categories, outbox):
    phones = [f"1390573{n:04d}" for n in range(13)]
    reports = [
        new_case(reporter_phone=phone, reporter_name=f"工人{n}", **WAGE_DISPUTE)
        for n, phone in enumerate(phones)
    ]
    main = reports[0]
    for report in reports[1:]:
        merged = act("merge", report, "city_dispatcher", into=main, note="同一欠薪纠纷")
        assert merged.status == "merged" and merged.merged_into_id == main.pk

    main = Case.objects.get(pk=main.pk)
    linked = list(selectors.linked_reports(main))
    assert len([main, *linked]) == 13
    assert Case.objects.filter(status="merged", merged_into=main).count() == 12
    assert main.events.filter(kind="merge").count() == 12

    main = act("dispatch", main, "city_dispatcher", department="renshe")
    main = act("sign", main, "renshe_handler")
    main = act("answer", main, "renshe_handler", answer="经调解，按现行市场价结算，工资已发放")

    answers = outbox("case_answered")
    assert len(answers) == 13
    assert sorted(m.phone for m in answers) == sorted(phones)
    numbers = {r.number for r in reports}
    assert all(any(n in m.body for n in numbers) for m in answers)
    # Each worker's message names the number they were given.
    by_phone = {m.phone: m.body for m in answers}
    for report in reports:
        assert report.number in by_phone[report.reporter_phone]


def test_a_reporter_of_a_merged_report_follows_the_main_case(categories):
    worker = user("demo_worker")
    own, _code = services.case_create(actor=worker, **{**WAGE_DISPUTE, "channel": "online"})
    main = new_case(**WAGE_DISPUTE)
    act("merge", own, "city_dispatcher", into=main)
    visible = selectors.cases_visible_to(worker)
    assert set(visible.values_list("pk", flat=True)) == {own.pk, main.pk}


def test_one_sms_per_phone_when_the_same_caller_called_twice(categories, outbox):
    main = new_case(reporter_phone="13905730001", **WAGE_DISPUTE)
    again = new_case(reporter_phone="139 0573 0001", **WAGE_DISPUTE)
    act("merge", again, "city_dispatcher", into=main)
    main = act("dispatch", Case.objects.get(pk=main.pk), "city_dispatcher", department="renshe")
    main = act("sign", main, "renshe_handler")
    act("answer", main, "renshe_handler", answer="已处理")
    assert [m.phone for m in outbox("case_answered")] == ["13905730001"]


def test_reports_merged_into_a_case_move_along_when_it_is_merged(categories):
    first, second, third = (new_case(**WAGE_DISPUTE) for _ in range(3))
    act("merge", third, "city_dispatcher", into=second)
    act("merge", second, "city_dispatcher", into=first)
    assert set(selectors.linked_reports(first).values_list("pk", flat=True)) == {
        second.pk,
        third.pk,
    }
    assert first.events.get(kind="merge").data == {"merged": [second.number, third.number]}


def test_merge_target_outside_the_dispatchers_region_is_not_found(categories):
    case = new_case(**WAGE_DISPUTE)
    elsewhere = new_case(region="330483004002", kind="dispute", category="neighbour")
    with pytest.raises(NotFound):
        act("merge", case, "wutong_dispatcher", into=elsewhere)
    assert Case.objects.get(pk=case.pk).status == "accepted"
