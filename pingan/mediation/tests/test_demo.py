"""The demo disputes: made through the services, idempotent, and showing what the article tells."""

import pytest

from pingan.mediation import demo, selectors
from pingan.mediation.models import Dispute
from pingan.org.models import User


@pytest.mark.usefixtures("demo_city")
def test_demo_seeds_the_article_wage_dispute_once():
    demo.seed()
    demo.seed()
    assert Dispute.objects.count() == 3
    assert User.objects.get(username="court_judge").posts.get().department.code == "fayuan"
    assert User.objects.get(username="city_mediator").posts.get().role == "mediator"
    leader = User.objects.get(username="city_leader")
    wage = selectors.with_report_count(selectors.disputes_visible_to(leader)).get(
        title=demo.WAGE_TITLE
    )
    assert (wage.status, wage.people_count, wage.report_count) == ("agreed", 40, 13)
    assert wage.parties.filter(role_note="分包班组长").count() == 2
    assert wage.agreement.is_final and wage.agreement.confirmation.status == "applied"
    assert (wage.concluded_at - wage.accepted_at).days <= 14
    assert selectors.risk_of(wage).kinds == ["群体性", "民转刑"]
    neighbours = Dispute.objects.get(dispute_type="neighbours")
    assert neighbours.level == "town" and neighbours.events.filter(kind="escalate").exists()
    referral = Dispute.objects.get(source="court")
    assert referral.extension_days == 8
    assert "deadline" in selectors.risk_of(referral).codes
    assert len(selectors.risk_board(leader)) == 3
