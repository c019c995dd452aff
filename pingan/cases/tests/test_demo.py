"""The demo work orders: every state on show, the article's cases, made once."""

from datetime import timedelta

from pingan.cases import demo, selectors
from pingan.cases.models import Case, CaseEvent
from pingan.cases.tests.factories import user
from pingan.core.fields import blind_index_for


def test_demo_cases_are_made_once_and_cover_the_workflow(categories):
    demo.seed()
    counts = (Case.objects.count(), CaseEvent.objects.count())
    demo.seed()
    assert (Case.objects.count(), CaseEvent.objects.count()) == counts
    assert counts[0] >= 15
    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses >= {
        "new", "accepted", "dispatched", "signed", "paused", "answered", "closed",
        "returned", "reopened", "rejected", "resolved_on_spot", "merged",
    }  # fmt: skip


def test_the_article_mask_case_closed_within_a_day(categories):
    demo.seed()
    case = Case.objects.get(reporter_phone_index=blind_index_for("phone", demo.MASK_CALLER[1]))
    assert case.status == "closed" and case.channel == "hotline"
    assert case.region.code.startswith("330483001")
    assert case.department.code == "wutong-office"
    assert case.closed_at - case.created_at < timedelta(hours=24)
    assert [e.kind for e in case.events.all()] == [
        "create", "accept", "dispatch", "sign", "answer", "follow_up",
    ]  # fmt: skip


def test_the_leader_sees_an_overdue_case_in_red(categories):
    demo.seed()
    leader = user("city_leader")
    overdue = list(selectors.queue(leader, "overdue"))
    assert overdue
    assert all(selectors.sla_light(case) == "red" for case in overdue)
    assert CaseEvent.objects.filter(kind="sla_overdue", case__in=overdue).exists()


def test_the_wage_dispute_gathers_its_reports(categories):
    demo.seed()
    main = Case.objects.filter(merged_cases__isnull=False).distinct().get()
    assert main.category.code == "labour.wages" and main.status == "signed"
    assert selectors.linked_reports(main).count() == 4
    clerk_sees = selectors.cases_visible_to(user("wutong_clerk"))
    assert clerk_sees.filter(pk=main.pk).exists()
    assert not clerk_sees.filter(region__code__startswith="330483004").exists()
