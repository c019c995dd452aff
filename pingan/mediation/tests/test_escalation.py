"""Escalation moves a dispute one level up and keeps it one record with its whole history."""

import pytest

from pingan.core.errors import DomainError
from pingan.mediation import services
from pingan.mediation.models import Dispute
from pingan.mediation.tests.factories import add_parties, new_dispute, refer, user

pytestmark = pytest.mark.usefixtures("mediation_city")


def test_village_to_town_to_city_keeps_the_history():
    mediator = user("wutong_mediator")
    dispute = new_dispute(
        region="330483001001", level="village", department=None, dispute_type="neighbours"
    )
    assert dispute.committee_name == "桃园村人民调解委员会"
    add_parties(dispute)
    services.dispute_accept(dispute=dispute, actor=mediator)
    services.dispute_start(dispute=dispute, actor=mediator)
    services.session_schedule(
        dispute=dispute,
        actor=mediator,
        starts_at=dispute.created_at,
        mode="on_site",
        place="村委会",
    )
    services.dispute_escalate(
        dispute=dispute, actor=mediator, reason="村调委会调解未果", department="wutong-mtzx"
    )
    services.dispute_escalate(
        dispute=dispute, actor=user("city_leader"), reason="涉及多个部门", department="maotiao"
    )
    dispute = Dispute.objects.get(pk=dispute.pk)
    assert Dispute.objects.count() == 1
    assert (dispute.level, dispute.department.code) == ("city", "maotiao")
    assert dispute.committee_name == "桐乡市人民调解委员会"
    assert dispute.status == "mediating"
    assert dispute.sessions.count() == 1 and dispute.parties.count() == 2
    steps = [
        (e.data["from_level"], e.data["to_level"], e.data["to_committee"])
        for e in dispute.events.filter(kind="escalate").order_by("id")
    ]
    assert steps == [
        ("village", "town", "梧桐街道人民调解委员会"),
        ("town", "city", "桐乡市人民调解委员会"),
    ]
    kinds = list(dispute.events.order_by("id").values_list("kind", flat=True))
    assert kinds[:2] == ["create", "party_add"]
    assert kinds.index("session_schedule") < kinds.index("escalate")


def test_the_city_and_the_court_desk_cannot_escalate():
    city = new_dispute(level="city", department="maotiao")
    with pytest.raises(DomainError) as refused:
        services.dispute_escalate(dispute=city, actor=user("wutong_mediator"), reason="再提级")
    assert refused.value.code == "cannot_escalate"
    court = refer(level="court")
    with pytest.raises(DomainError) as refused:
        services.dispute_escalate(dispute=court, actor=user("wutong_mediator"), reason="提级")
    assert "退回法院" in str(refused.value.message)
    assert Dispute.objects.get(pk=city.pk).level == "city"


def test_escalating_to_an_organisation_that_does_not_cover_the_place_is_refused():
    dispute = new_dispute(region="330483001001", level="village", department=None)
    with pytest.raises(DomainError) as refused:
        services.dispute_escalate(
            dispute=dispute, actor=user("wutong_mediator"), reason="提级", department="gaoqiao-mtzx"
        )
    assert refused.value.code == "department_out_of_region"
    dispute = Dispute.objects.get(pk=dispute.pk)
    assert dispute.level == "village"
    assert not dispute.events.filter(kind="escalate").exists()
