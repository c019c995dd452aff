"""Every transition and side action: allowed for the right role; refused from a wrong status
(409), for a wrong role (403) and outside the actor's jurisdiction (404); a refusal changes
nothing, and each allowed transition appends its event (old status, new status, actor)."""

import pytest
from django.utils import timezone

from pingan.core.errors import DomainError
from pingan.mediation import services, workflow
from pingan.mediation.models import Dispute, DisputeEvent
from pingan.mediation.tests.factories import (
    complete_agreement,
    dispute_in,
    finalise,
    id_number,
    user,
)

pytestmark = pytest.mark.usefixtures("mediation_city")


def _term(dispute):
    return dispute.agreement.terms.order_by("position").first()


def _session(dispute, actor=None):
    return services.session_schedule(
        dispute=dispute,
        actor=actor or user("wutong_mediator"),
        starts_at=timezone.now(),
        mode="on_site",
        place="梧桐街道矛调中心调解室",
    )


def _apply(dispute):
    services.confirmation_apply(
        dispute=dispute,
        actor=user("wutong_mediator"),
        court="fayuan",
        applicant_consent=True,
        respondent_consent=True,
    )


def _perform_first(dispute):
    services.term_record_performance(
        term=_term(dispute), actor=user("wutong_mediator"), performed_on=timezone.localdate()
    )


CALLS = {
    "accept": lambda d, a: services.dispute_accept(dispute=d, actor=a),
    "refuse": lambda d, a: services.dispute_refuse(dispute=d, actor=a, reason="被申请人拒绝"),
    "start": lambda d, a: services.dispute_start(dispute=d, actor=a),
    "terminate": lambda d, a: services.dispute_terminate(
        dispute=d, actor=a, reason="分歧过大", routes=["arbitration", "litigation"]
    ),
    "withdraw": lambda d, a: services.dispute_withdraw(dispute=d, actor=a, reason="已和解"),
    "return_to_court": lambda d, a: services.dispute_return_to_court(
        dispute=d, actor=a, reason="双方分歧大，调解不成"
    ),
    "agree": lambda d, a: finalise(d, a),
    "complete_performance": lambda d, a: services.term_record_performance(
        term=d.agreement.terms.filter(performed_on__isnull=True).first() or _term(d),
        actor=a,
        performed_on=timezone.localdate(),
    ),
    "follow_up": lambda d, a: services.dispute_follow_up(dispute=d, actor=a, satisfaction="basic"),
    "close": lambda d, a: services.dispute_close(dispute=d, actor=a),
    "escalate": lambda d, a: services.dispute_escalate(dispute=d, actor=a, reason="村里调不下来"),
    "extend": lambda d, a: services.dispute_extend(
        dispute=d, actor=a, days=10, applicant_consent=True, respondent_consent=True
    ),
    "edit": lambda d, a: services.dispute_add_party(
        dispute=d,
        actor=a,
        side="respondent",
        kind="person",
        name="宋国强",
        id_number=id_number(),
    ),
    "schedule_session": lambda d, a: _session(d, a),
    "record_session": lambda d, a: services.session_record(
        session=d.sessions.first(), actor=a, record="各方陈述了意见"
    ),
    "draft_agreement": lambda d, a: complete_agreement(d, a),
    "record_performance": lambda d, a: services.term_record_performance(
        term=_term(d), actor=a, performed_on=timezone.localdate()
    ),
    "apply_confirmation": lambda d, a: services.confirmation_apply(
        dispute=d, actor=a, court="fayuan", applicant_consent=True, respondent_consent=True
    ),
    "decide_confirmation": lambda d, a: services.confirmation_decide(
        dispute=d, actor=a, decision="accept", court_case_number="（2026）浙0483民特1号"
    ),
}

M, CM, J = "wutong_mediator", "city_mediator", "court_judge"
CLERK, LEADER, LAWYER = "wutong_clerk", "city_leader", "duty_lawyer2"
CA = complete_agreement

# action, from status, court-referred?, setup, actor, status after, a wrong status, a wrong role
ROWS = [
    ("accept", "applied", False, None, M, "accepted", "mediating", CLERK),
    ("refuse", "applied", False, None, CM, "refused", "mediating", LEADER),
    ("refuse", "accepted", False, None, M, "refused", "agreed", CLERK),
    ("start", "accepted", False, None, M, "mediating", "applied", LEADER),
    ("terminate", "mediating", False, None, M, "terminated", "agreed", CLERK),
    ("terminate", "accepted", False, None, CM, "terminated", "applied", LEADER),
    ("withdraw", "applied", False, None, M, "withdrawn", "agreed", LEADER),
    ("withdraw", "mediating", False, None, M, "withdrawn", "closed", CLERK),
    ("return_to_court", "mediating", True, None, J, "returned_to_court", "agreed", CLERK),
    ("return_to_court", "applied", True, None, M, "returned_to_court", "closed", LEADER),
    ("agree", "mediating", False, CA, M, "agreed", "accepted", CLERK),
    ("complete_performance", "agreed", False, _perform_first, M, "performed", "performed", LEADER),
    ("follow_up", "performed", False, None, M, "followed_up", "agreed", LEADER),
    ("close", "followed_up", False, None, M, "closed", "mediating", LEADER),
    ("close", "terminated", False, None, CM, "closed", "refused", CLERK),
    ("close", "withdrawn", False, None, M, "closed", "closed", LEADER),
    ("close", "returned_to_court", True, None, M, "closed", "applied", LEADER),
    ("escalate", "mediating", False, None, LEADER, "mediating", "agreed", CLERK),
    ("escalate", "applied", False, None, M, "applied", "closed", LAWYER),
    ("extend", "mediating", True, None, M, "mediating", "agreed", CLERK),
    ("edit", "applied", False, None, CLERK, "applied", "agreed", LEADER),
    ("edit", "mediating", False, None, M, "mediating", "terminated", LAWYER),
    ("schedule_session", "accepted", False, None, M, "accepted", "applied", CLERK),
    ("record_session", "mediating", False, _session, M, "mediating", "accepted", LEADER),
    ("draft_agreement", "mediating", False, None, M, "mediating", "accepted", CLERK),
    ("record_performance", "agreed", False, None, M, "agreed", "performed", CLERK),
    ("apply_confirmation", "agreed", False, None, J, "agreed", "mediating", CLERK),
    ("apply_confirmation", "performed", False, None, M, "performed", "terminated", LEADER),
    ("decide_confirmation", "agreed", False, _apply, J, "agreed", "mediating", M),
]
IDS = [f"{row[0]}-from-{row[1]}" for row in ROWS]
# Setups that also hold for the wrong status (a session can be scheduled once accepted).
SETUP_ON_WRONG = {"record_session"}


def _snapshot(dispute):
    dispute = Dispute.objects.get(pk=dispute.pk)
    return dispute.status, dispute.level, DisputeEvent.objects.filter(dispute=dispute).count()


def _fresh(dispute):
    return Dispute.objects.get(pk=dispute.pk)


def _refused(call, dispute, actor, status):
    before = _snapshot(dispute)
    with pytest.raises(DomainError) as refused:
        call(_fresh(dispute), user(actor))
    assert refused.value.status == status, refused.value.message
    assert _snapshot(dispute) == before


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_transition(row):
    """One test per row (the demo city is seeded once for all four checks): the action is
    allowed for the right role and appends its event; refused from a wrong status (409), for
    a wrong role (403) and outside the jurisdiction (404), each time changing nothing."""
    action, start, prelit, setup, actor, after, wrong_status, wrong_role = row
    call = CALLS[action]

    dispute = dispute_in(start, prelit=prelit)
    if setup:
        setup(dispute)
    _refused(call, dispute, wrong_role, 403)
    _refused(call, dispute, "gaoqiao_mediator", 404)
    before = DisputeEvent.objects.filter(dispute=dispute).count()
    call(_fresh(dispute), user(actor))
    dispute = _fresh(dispute)
    assert dispute.status == after
    events = DisputeEvent.objects.filter(dispute=dispute).order_by("id")
    assert events.count() > before
    if workflow.target_status(action) is not None:
        moved = events.filter(kind=action).last()
        assert (moved.from_status, moved.to_status) == (start, after)
        assert moved.actor == user(actor)

    other = dispute_in(wrong_status, prelit=prelit)
    if setup and action in SETUP_ON_WRONG:
        setup(other)
    before = _snapshot(other)
    with pytest.raises(DomainError) as refused:
        call(_fresh(other), user(actor))
    assert refused.value.status == 409
    assert refused.value.code == "invalid_transition"
    assert _snapshot(other) == before


def test_return_to_court_is_only_for_court_referrals():
    dispute = dispute_in("mediating")
    with pytest.raises(DomainError) as refused:
        services.dispute_return_to_court(
            dispute=dispute, actor=user("wutong_mediator"), reason="调解不成"
        )
    assert refused.value.code == "not_prelitigation"
    assert _fresh(dispute).status == "mediating"


def test_accepting_assigns_the_mediator_and_tells_the_parties(outbox):
    dispute = dispute_in("applied")
    services.dispute_accept(dispute=dispute, actor=user("wutong_mediator"))
    dispute = _fresh(dispute)
    assert [m.user.username for m in dispute.active_mediators()] == ["wutong_mediator"]
    assert len(outbox("mediation_accepted")) == 2


def test_termination_records_and_sends_the_other_routes(outbox):
    dispute = dispute_in("mediating")
    services.dispute_terminate(
        dispute=dispute,
        actor=user("wutong_mediator"),
        reason="双方对金额分歧过大",
        routes=["arbitration", "litigation", "administrative"],
    )
    dispute = _fresh(dispute)
    assert dispute.outcome == "terminated"
    event = dispute.events.get(kind="terminate")
    assert event.data["routes"] == ["arbitration", "litigation", "administrative"]
    assert event.data["sms_sent"] == 2
    bodies = [m.body for m in outbox("mediation_terminated")]
    assert len(bodies) == 2
    assert all("申请仲裁" in b and "向人民法院起诉" in b and "行政机关" in b for b in bodies)


def test_termination_needs_a_route():
    dispute = dispute_in("mediating")
    with pytest.raises(DomainError) as refused:
        services.dispute_terminate(
            dispute=dispute, actor=user("wutong_mediator"), reason="分歧大", routes=[]
        )
    assert refused.value.code == "routes_required"
    assert _fresh(dispute).status == "mediating"


def test_refusal_names_the_refusing_party():
    dispute = dispute_in("applied")
    party = dispute.parties.get(side="respondent")
    services.dispute_refuse(
        dispute=dispute, actor=user("wutong_mediator"), reason="公司拒绝调解", party=party
    )
    event = _fresh(dispute).events.get(kind="refuse")
    assert event.data["party"] == party.pk
    assert event.note == "公司拒绝调解"


def test_timeline_is_append_only():
    dispute = dispute_in("accepted")
    event = dispute.events.first()
    event.note = "改写"
    with pytest.raises(DomainError):
        event.save()
    with pytest.raises(DomainError):
        DisputeEvent.objects.filter(dispute=dispute).update(note="改写")
