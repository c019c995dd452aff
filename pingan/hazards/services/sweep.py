"""The deadline sweep (run every few minutes by the scheduler): a warning before a
rectification deadline, an escalation after it. Each hazard is handled in its own transaction on
its locked row, and `warned_at` / `escalated_at` plus the outbox's idempotency keys make a rerun
after a crash send nothing twice."""

from dataclasses import dataclass

from django.db import transaction

from pingan.hazards import clock, deadlines, notices, selectors
from pingan.hazards.models import Hazard
from pingan.hazards.services._base import event
from pingan.hazards.workflow import ON_THE_CLOCK, EventKind


@dataclass
class SweepResult:
    warned: int = 0
    escalated: int = 0

    def __str__(self):
        return f"warned {self.warned}, escalated {self.escalated}"


def _inspector_phone(hazard: Hazard) -> str:
    return hazard.inspector.phone if hazard.inspector_id and hazard.inspector.is_active else ""


def _warn(hazard: Hazard, now) -> None:
    hazard.warned_at = now
    hazard.save(update_fields=["warned_at", "updated_at"])
    key = f"warn-{int(hazard.due_at.timestamp())}"
    sent = notices.send(
        hazard,
        "hazard_due_warning",
        [hazard.responsible_phone, _inspector_phone(hazard)],
        key=key,
    )
    event(
        hazard, EventKind.WARN, actor=None, data={"due_at": hazard.due_at.isoformat(), "sms": sent}
    )


def _escalate(hazard: Hazard, now) -> None:
    hazard.escalated_at = now
    hazard.save(update_fields=["escalated_at", "updated_at"])
    leaders = selectors.town_leaders(hazard.region)
    key = f"overdue-{int(hazard.due_at.timestamp())}"
    sent = notices.send(
        hazard,
        "hazard_overdue",
        [hazard.responsible_phone, _inspector_phone(hazard), *(u.phone for u in leaders)],
        key=key,
    )
    event(
        hazard,
        EventKind.ESCALATE,
        actor=None,
        data={
            "due_at": hazard.due_at.isoformat(),
            "leaders": [u.display_name for u in leaders],
            "sms": sent,
        },
    )


def sweep_deadlines(now=None) -> SweepResult:
    now = now or clock.now()
    result = SweepResult()
    candidates = Hazard.objects.filter(status__in=ON_THE_CLOCK, due_at__isnull=False).filter(
        escalated_at__isnull=True
    )
    for pk in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            hazard = (
                Hazard.objects.select_for_update(of=("self",))
                .select_related("region", "place", "inspector")
                .filter(pk=pk, status__in=ON_THE_CLOCK, escalated_at__isnull=True)
                .first()
            )
            if hazard is None or hazard.due_at is None:
                continue
            if now > hazard.due_at:
                _escalate(hazard, now)
                result.escalated += 1
            elif hazard.warned_at is None and deadlines.should_warn(
                hazard.ordered_at or hazard.found_at, hazard.due_at, now
            ):
                _warn(hazard, now)
                result.warned += 1
    return result
