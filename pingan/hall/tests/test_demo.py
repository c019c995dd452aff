"""The demo centres, accounts, roster, queue and visits: made once, completed on a rerun."""

from pingan.hall import demo, selectors
from pingan.hall.models import DutySlot, Matter, ServiceCentre, Ticket, WindowAssignment


def test_seed_is_complete_and_idempotent(demo_city):
    from pingan.cases.demo import seed_categories

    seed_categories()
    demo.seed()
    counts = (
        ServiceCentre.objects.count(),
        DutySlot.objects.count(),
        Ticket.objects.count(),
        Matter.objects.count(),
    )
    demo.seed()
    assert counts == (
        ServiceCentre.objects.count(),
        DutySlot.objects.count(),
        Ticket.objects.count(),
        Matter.objects.count(),
    )
    wutong = ServiceCentre.objects.get(slug="wutong")
    kinds = sorted(wutong.windows.values_list("kind__code", flat=True))
    assert kinds == ["comprehensive", "comprehensive", "legal", "legal"]
    assert WindowAssignment.objects.filter(
        user__username="wutong_clerk", window__centre=wutong, window__number=1
    ).exists()
    assert WindowAssignment.objects.filter(
        user__username="gaoqiao_clerk", window__centre__slug="gaoqiao"
    ).exists()
    assert DutySlot.objects.filter(centre=wutong, date=selectors.today()).count() >= 2
    professions = set(DutySlot.objects.values_list("profession", flat=True))
    assert {"judge", "lawyer", "police"} <= professions
    assert Ticket.objects.filter(centre=wutong, business_date=selectors.today()).count() == 4
    assert Matter.objects.filter(centre=wutong).count() == 3
