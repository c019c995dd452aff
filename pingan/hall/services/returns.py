"""The department's answer goes back to the visitor: the sweep tells them by SMS; the clerk
hands it over when they come back (another trip) or records that it reached them directly
(no trip). A visitor may also come back about a matter still in hand."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.cases.workflow import Status as CaseStatus
from pingan.core.errors import DomainError
from pingan.hall import notices, selectors, workflow
from pingan.hall.models import Matter, Ticket, Visit, Window
from pingan.hall.selectors import RESULT_STATUSES, has_result
from pingan.hall.services._base import text, writing
from pingan.hall.services._matters import (
    add_visit,
    move,
    open_matter,
    purpose_text,
    settle,
)
from pingan.hall.workflow import MatterAction, MatterStatus
from pingan.org import scoping


def _require_result(matter: Matter) -> None:
    if not has_result(matter):
        raise DomainError("answer_not_ready", _("承办部门尚未答复该事项"), status=409)


def visit_hand_over(
    *, actor, window: Window, matter: Matter, ticket: Ticket | None = None, note: str = ""
) -> Visit:
    """The visitor came back and received the department's answer at the window."""
    note = text(note, required=False, limit=200)
    now = timezone.now()
    with writing(actor):
        matter = open_matter(
            MatterAction.HAND_OVER,
            actor=actor,
            window=window,
            ticket=ticket,
            matter=matter,
            person=None,
            name="",
            phone="",
            id_number="",
            now=now,
        )
        _require_result(matter)
        visit = add_visit(
            matter,
            now=now,
            window=window,
            ticket=ticket,
            staff=actor,
            case=matter.case,
            return_trip=True,
            outcome=Visit.Outcome.HANDED_OVER,
            purpose=str(_("领取答复")),
            note=note,
        )
        settle(matter, MatterAction.HAND_OVER, actor=actor, now=now, method="window", note=note)
    return visit


def visit_revisit(
    *, actor, window: Window, matter: Matter, purpose: str, ticket: Ticket | None = None
) -> Visit:
    """The visitor came back about a matter still in hand (to ask, to add something)."""
    purpose = purpose_text(purpose)
    now = timezone.now()
    with writing(actor):
        matter = open_matter(
            MatterAction.REVISIT,
            actor=actor,
            window=window,
            ticket=ticket,
            matter=matter,
            person=None,
            name="",
            phone="",
            id_number="",
            now=now,
        )
        visit = add_visit(
            matter,
            now=now,
            window=window,
            ticket=ticket,
            staff=actor,
            case=matter.case,
            outcome=Visit.Outcome.REVISIT,
            purpose=purpose,
        )
        move(matter, MatterAction.REVISIT, actor=actor, now=now, note=purpose)
    return visit


def matter_deliver(*, actor, matter: Matter, note: str) -> Matter:
    """The answer reached the visitor without another trip (post, phone, a home visit)."""
    note = text(note, required=True, code="note_required", message=_("请说明送达方式"), limit=200)
    now = timezone.now()
    with writing(actor):
        matter = (
            Matter.objects.select_for_update(of=("self",))
            .select_related("case", "centre__region")
            .get(pk=matter.pk)
        )
        if not scoping.covers(actor, matter.centre.region, selectors.ROSTER_ROLES):
            raise DomainError("forbidden", _("只有本中心的窗口人员可以登记送达"), status=403)
        workflow.check_matter(MatterAction.DELIVER, matter)
        _require_result(matter)
        settle(matter, MatterAction.DELIVER, actor=actor, now=now, method="direct", note=note)
    return matter


# --- the answer comes back ------------------------------------------------------------------


def matters_answer_sweep(*, now=None) -> int:
    """Matters whose department has answered become 'answer ready', and the visitor is told by
    SMS to collect it (or to arrange delivery). Run by the scheduler (hall.jobs); safe to run
    again, since each matter moves once. Returns how many moved."""
    now = now or timezone.now()
    answered = Q(case__status__in=RESULT_STATUSES) | Q(
        case__status=CaseStatus.MERGED, case__merged_into__status__in=RESULT_STATUSES
    )
    pending = Matter.objects.filter(answered, status=MatterStatus.OPEN).values_list("pk", flat=True)
    moved = 0
    for pk in list(pending):
        with transaction.atomic():
            matter = (
                Matter.objects.select_for_update(of=("self",))
                .select_related("case", "person", "centre")
                .filter(pk=pk, status=MatterStatus.OPEN)
                .first()
            )
            if matter is None or not has_result(matter):
                continue
            matter.answer_notified_at = now
            row = move(
                matter,
                MatterAction.ANSWER_READY,
                actor=None,
                now=now,
                fields=("answer_notified_at",),
            )
            notices.answer_ready(matter, row)
            moved += 1
    return moved
