"""The time limits: the mediation month, the confirmation windows (30 days to apply, 3 days for
the court to accept, 15 to rule), the 30 pre-litigation days and their extension. Natural days,
each ending at 24:00 Asia/Shanghai."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from pingan.core.errors import DomainError
from pingan.mediation import selectors, services
from pingan.mediation.models import Dispute, JudicialConfirmation
from pingan.mediation.tests.factories import (
    add_parties,
    complete_agreement,
    dispute_in,
    finalise,
    new_dispute,
    refer,
    user,
)

pytestmark = pytest.mark.usefixtures("mediation_city")
SH = ZoneInfo("Asia/Shanghai")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=SH)


def test_the_mediation_month_runs_from_acceptance_and_overdue_shows():
    with time_machine.travel(local(2026, 3, 2, 10, 0), tick=False):
        dispute = new_dispute()
        add_parties(dispute)
        services.dispute_accept(dispute=dispute, actor=user("wutong_mediator"))
    dispute = Dispute.objects.get(pk=dispute.pk)
    # 30 natural days: the last day is 1 April, ending at 24:00.
    assert dispute.due_at == local(2026, 4, 2, 0, 0)
    mediator = user("wutong_mediator")
    with time_machine.travel(local(2026, 4, 1, 23, 59), tick=False):
        board = selectors.workbench(mediator)
        assert dispute not in board["overdue"]
        assert dispute in board["due_soon"]
        assert "deadline" in selectors.risk_of(dispute).codes
    with time_machine.travel(local(2026, 4, 2, 0, 1), tick=False):
        board = selectors.workbench(mediator)
        assert dispute in board["overdue"]
        assert selectors.risk_of(dispute).flags[-1][1] == "已超过调解期限"


def _agreed_on(effective: date) -> Dispute:
    with time_machine.travel(local(effective.year, effective.month, effective.day, 9), tick=False):
        dispute = dispute_in("mediating")
        complete_agreement(dispute)
        finalise(dispute, signed_on=effective)
    return Dispute.objects.get(pk=dispute.pk)


def _apply(dispute):
    return services.confirmation_apply(
        dispute=dispute,
        actor=user("wutong_mediator"),
        court="fayuan",
        applicant_consent=True,
        respondent_consent=True,
    )


def test_confirmation_on_day_30_is_accepted():
    dispute = _agreed_on(date(2026, 3, 10))
    with time_machine.travel(local(2026, 4, 9, 23, 30), tick=False):
        confirmation = _apply(dispute)
    assert confirmation.status == "applied"


def test_confirmation_on_day_31_is_refused_with_a_clear_message():
    dispute = _agreed_on(date(2026, 3, 10))
    events = dispute.events.count()
    with (
        time_machine.travel(local(2026, 4, 10, 0, 30), tick=False),
        pytest.raises(DomainError) as refused,
    ):
        _apply(dispute)
    assert refused.value.code == "confirmation_too_late"
    message = str(refused.value.message)
    assert "2026-03-10" in message and "30 日内" in message and "第 31 日" in message
    assert "2026-04-09" in message
    assert not JudicialConfirmation.objects.exists()
    assert dispute.events.count() == events


def test_confirmation_needs_both_parties():
    dispute = _agreed_on(date(2026, 3, 10))
    with (
        time_machine.travel(local(2026, 3, 12, 9), tick=False),
        pytest.raises(DomainError) as refused,
    ):
        services.confirmation_apply(
            dispute=dispute,
            actor=user("wutong_mediator"),
            court="fayuan",
            applicant_consent=True,
            respondent_consent=False,
        )
    assert refused.value.code == "joint_application_required"
    assert not JudicialConfirmation.objects.exists()


def _decide(dispute, decision, note=""):
    return services.confirmation_decide(
        dispute=dispute, actor=user("court_judge"), decision=decision, note=note
    )


def test_acceptance_within_3_days_then_the_ruling_within_15():
    dispute = _agreed_on(date(2026, 3, 10))
    with time_machine.travel(local(2026, 3, 12, 10), tick=False):
        confirmation = _apply(dispute)
    assert confirmation.accept_due_at == local(2026, 3, 16, 0, 0)
    with time_machine.travel(local(2026, 3, 15, 23, 0), tick=False):
        confirmation = _decide(dispute, "accept")
        assert not confirmation.accept_overdue(local(2026, 3, 15, 23, 0))
    assert confirmation.ruling_due_at == local(2026, 3, 31, 0, 0)
    assert dispute.events.get(kind="confirmation_accept").data["late"] is False
    with time_machine.travel(local(2026, 3, 31, 1, 0), tick=False):
        confirmation = _decide(dispute, "confirm")
    assert confirmation.status == "confirmed"
    assert confirmation.ruling_overdue(local(2026, 4, 5))
    assert dispute.events.get(kind="confirmation_confirm").data["late"] is True


def test_a_late_acceptance_is_recorded_as_late():
    dispute = _agreed_on(date(2026, 3, 10))
    with time_machine.travel(local(2026, 3, 12, 10), tick=False):
        _apply(dispute)
    with time_machine.travel(local(2026, 3, 16, 0, 30), tick=False):
        confirmation = _decide(dispute, "decline", note="不属于本院管辖")
    assert confirmation.status == "not_accepted"
    assert confirmation.accept_overdue(local(2026, 3, 20))
    assert dispute.events.get(kind="confirmation_decline").data["late"] is True


def test_confirmation_decisions_follow_their_table():
    dispute = _agreed_on(date(2026, 3, 10))
    with time_machine.travel(local(2026, 3, 12, 10), tick=False):
        _apply(dispute)
        with pytest.raises(DomainError) as refused:
            _decide(dispute, "confirm")
        assert refused.value.status == 409
        with pytest.raises(DomainError) as refused:
            _decide(dispute, "decline")
        assert refused.value.code == "reason_required"
    assert JudicialConfirmation.objects.get().status == "applied"


def test_prelitigation_has_30_days_from_the_referral():
    with time_machine.travel(local(2026, 5, 1, 9), tick=False):
        dispute = refer()
    assert dispute.due_at == local(2026, 6, 1, 0, 0)
    add_parties(dispute)
    with time_machine.travel(local(2026, 5, 3, 9), tick=False):
        services.dispute_accept(dispute=dispute, actor=user("wutong_mediator"))
    # Acceptance does not restart the court's clock.
    assert Dispute.objects.get(pk=dispute.pk).due_at == local(2026, 6, 1, 0, 0)


def test_extension_needs_both_parties_and_moves_the_deadline():
    with time_machine.travel(local(2026, 5, 1, 9), tick=False):
        dispute = refer()
    mediator = user("wutong_mediator")
    with time_machine.travel(local(2026, 5, 20, 9), tick=False):
        with pytest.raises(DomainError) as refused:
            services.dispute_extend(
                dispute=dispute,
                actor=mediator,
                days=10,
                applicant_consent=True,
                respondent_consent=False,
            )
        assert refused.value.code == "consent_required"
        for days in (0, 31):
            with pytest.raises(DomainError) as refused:
                services.dispute_extend(
                    dispute=dispute,
                    actor=mediator,
                    days=days,
                    applicant_consent=True,
                    respondent_consent=True,
                )
            assert refused.value.code == "invalid_days"
        assert Dispute.objects.get(pk=dispute.pk).due_at == local(2026, 6, 1, 0, 0)
        services.dispute_extend(
            dispute=dispute,
            actor=mediator,
            days=10,
            applicant_consent=True,
            respondent_consent=True,
            note="双方同意",
        )
    dispute = Dispute.objects.get(pk=dispute.pk)
    assert dispute.due_at == local(2026, 6, 11, 0, 0)
    assert dispute.extension_days == 10
    event = dispute.events.get(kind="extend")
    assert event.data["consent"] == {"applicant": True, "respondent": True}
    assert event.note == "双方同意"


def test_an_expired_prelitigation_term_cannot_be_extended():
    with time_machine.travel(local(2026, 5, 1, 9), tick=False):
        dispute = refer()
    with time_machine.travel(local(2026, 6, 1, 0, 30), tick=False):
        with pytest.raises(DomainError) as refused:
            services.dispute_extend(
                dispute=dispute,
                actor=user("wutong_mediator"),
                days=5,
                applicant_consent=True,
                respondent_consent=True,
            )
        assert refused.value.code == "term_expired"
        # What remains is the way back to the court, recorded with the attempt.
        add_parties(dispute)
        services.dispute_return_to_court(
            dispute=dispute, actor=user("court_judge"), reason="期限届满，调解不成"
        )
    dispute = Dispute.objects.get(pk=dispute.pk)
    assert dispute.status == "returned_to_court"
    assert dispute.outcome == "returned_to_court"
    assert dispute.events.get(kind="return_to_court").data["late"] is True


def test_only_a_court_judge_refers():
    with pytest.raises(DomainError) as refused:
        refer(actor="duty_lawyer2")
    assert refused.value.status == 403
    assert not Dispute.objects.exists()
