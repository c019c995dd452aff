"""A work order of kind `hazard` (a grid worker's or a citizen's report) lands in the hazards
list, ungraded, and is dealt with like any other hazard."""

import pytest
from django.urls import reverse

from pingan.cases import services as case_services
from pingan.hazards import selectors, services
from pingan.hazards.models import Hazard
from pingan.hazards.tests import factories as f

pytestmark = pytest.mark.django_db


def _report(actor="wutong_grid", kind="hazard", channel="grid", region="330483001001"):
    case, _code = case_services.case_create(
        actor=f.user(actor) if actor else None,
        channel=channel,
        kind=kind,
        category="safety.hazard",
        region=region,
        description="厂房消防通道堆放杂物，灭火器过期",
        reporter_phone="13957306090",
    )
    return case


def _order(hazard, **responsible):
    """The 梧桐 inspector grades the reported hazard 一般 and orders it put right in 3 days."""
    return services.hazard_order(
        hazard=hazard,
        actor=f.user("wutong_inspector"),
        grade="general",
        due_on=f.in_days(3),
        requirements="清理杂物，更换灭火器",
        **responsible,
    )


def test_grid_report_lands_in_the_hazard_list(demo_city):
    case = _report()
    hazard = Hazard.objects.get(case=case)
    assert hazard.source == "case" and hazard.status == "found" and hazard.grade == ""
    assert hazard.region == case.region and hazard.found_at == case.created_at
    assert hazard.events.get().data["case"] == case.number
    assert hazard in selectors.hazards_visible_to(f.user("wutong_inspector"))
    assert hazard not in selectors.hazards_visible_to(f.user("tudian_inspector"))


def test_citizen_report_online_lands_too(demo_city):
    case = _report(actor=None, channel="online")
    assert Hazard.objects.filter(case=case).exists()


def test_other_kinds_do_not(demo_city):
    _report(kind="complaint", region="330483001001")
    assert Hazard.objects.count() == 0


def test_reported_hazard_is_graded_and_ordered_by_the_inspector(demo_city):
    hazard = Hazard.objects.get(case=_report())
    _order(hazard, responsible_name="王老板", responsible_phone="13957306091")
    hazard.refresh_from_db()
    assert hazard.status == "rectifying" and hazard.responsible_phone == "13957306091"


def test_reported_hazard_is_tied_to_a_place_of_its_town_on_the_page(
    demo_city, login_client, outbox
):
    hazard = Hazard.objects.get(case=_report(region="330483001015"))
    shop = f.place(f.SHOP_WUTONG)
    client = login_client("wutong_inspector")
    page = client.get(reverse("hazards:detail", args=[hazard.pk]))
    assert shop.name in page.content.decode() and 'data-testid="case-link"' in page.content.decode()
    elsewhere = f.place()  # 屠甸镇: not visible to a 梧桐 inspector
    url = reverse("hazards:act", args=[hazard.pk, "order"])
    data = {"grade": "general", "due_on": f.in_days(3), "requirements": "清理"}
    refused = client.post(
        url,
        {**data, "place": elsewhere.pk},
        HTTP_REFERER="http://testserver" + reverse("hazards:detail", args=[hazard.pk]),
        follow=True,
    )
    assert "场所不存在或不在您的辖区内" in refused.content.decode()
    assert Hazard.objects.get(pk=hazard.pk).place is None
    client.post(url, {**data, "place": shop.pk})
    hazard.refresh_from_db()
    assert hazard.place == shop and hazard.status == "rectifying"
    assert hazard.responsible_phone == shop.contact_phone
    assert [m.phone for m in outbox("hazard_order")] == [shop.contact_phone]


def test_closing_a_reported_hazard_is_noted_on_its_work_order(demo_city):
    from pingan.cases.models import Case

    case = _report()
    hazard = Hazard.objects.get(case=case)
    _order(hazard)
    # Nothing is said on the work order while the hazard is still being dealt with.
    assert not case.events.filter(kind="note").exists()
    hazard = services.hazard_request_review(
        hazard=hazard, actor=f.user("wutong_inspector"), note="已整改"
    )
    hazard = services.hazard_pass(hazard=hazard, actor=f.user("wutong_inspector"))
    services.hazard_close(hazard=hazard, actor=f.user("wutong_inspector"), note="复查合格")

    note = case.events.get(kind="note")
    assert note.note == f"关联隐患 {hazard.number}：已销号。复查合格"
    assert note.data["linked_outcome"] == {
        "hazard": hazard.pk,
        "number": hazard.number,
        "status": "closed",
    }
    assert note.actor.username == "wutong_inspector"
    # The work order keeps its own course: its handler still answers the reporter.
    assert Case.objects.get(pk=case.pk).status == case.status


def test_dismissing_a_reported_hazard_is_noted_too(demo_city):
    case = _report()
    hazard = Hazard.objects.get(case=case)
    services.hazard_dismiss(hazard=hazard, actor=f.user("wutong_inspector"), reason="现场无此情况")
    note = case.events.get(kind="note")
    assert note.note == f"关联隐患 {hazard.number}：不予认定。现场无此情况"
