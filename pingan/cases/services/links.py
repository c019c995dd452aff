"""Notes that link one case to another, or to what another app made of it, without changing
the case's status.

At intake the hotline operator often hears that a call is about a matter already reported
(the caller says so, or the duplicate search shows it). Merging is a dispatcher's decision (the
workflow table gives `merge` to dispatchers only), so an operator who is not a dispatcher leaves
the link in the new case's timeline, and the dispatcher's merge form offers that case first.
"""

from django.utils.translation import gettext_lazy as _

from pingan.cases import selectors, workflow
from pingan.cases.models import Case, CaseEvent
from pingan.cases.services._base import event, writing
from pingan.cases.services.intake import INTAKE_ROLES
from pingan.cases.workflow import MERGE_TARGETS, Action, EventKind
from pingan.core.errors import DomainError
from pingan.org import scoping

SAME_AS = "same_as"
LINKED_OUTCOME = "linked_outcome"


def case_note_linked_outcome(*, case_id: int, note: str, data: dict, actor) -> CaseEvent | None:
    """What another app made of this case has reached its end (the hazard a reported hazard
    became was closed, pingan.hazards): a note in the case's timeline, so that whoever answers
    the reporter sees the outcome. In the caller's transaction; the case keeps its status,
    since it has its own answer and rating. The caller has checked the actor's rights on its
    own record."""
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        return None
    return event(case, EventKind.NOTE, actor=actor, note=note, data={LINKED_OUTCOME: data})


def case_link_same_matter(*, case: Case, main: Case, actor) -> CaseEvent:
    """Record, as a note in `case`'s timeline, that it is the same matter as `main`.

    Intake staff over the case's region may leave it while the case can still be merged and
    `main` is still open; both cases must be in the actor's sight."""
    if main is None or main.pk == case.pk:
        raise DomainError("merge_into_self", _("不能把工单关联到它自己"), status=422)
    with writing(actor):
        locked = selectors.get_case_for(actor, case.pk, write=True)
        target = selectors.get_case_for(actor, main.pk)
        if not scoping.covers(actor, locked.region, INTAKE_ROLES):
            raise DomainError("forbidden", _("您没有权限为该工单标记同一事项"), status=403)
        if not workflow.status_allows(Action.MERGE, locked):
            raise DomainError(
                "invalid_transition",
                _("当前状态（%(status)s）的工单不能再合并") % {"status": locked.status_label},
                status=409,
            )
        if target.status not in MERGE_TARGETS:
            raise DomainError(
                "merge_target_closed",
                _("只能关联尚在办理中的工单（%(number)s 当前为「%(status)s」）")
                % {"number": target.number, "status": target.status_label},
                status=409,
            )
        return event(
            locked,
            EventKind.NOTE,
            actor=actor,
            note=str(
                _("登记人认定与 %(number)s 为同一事项，请分流员核实后合并")
                % {"number": target.number}
            ),
            data={SAME_AS: target.pk, "number": target.number},
        )
