"""An officer's manual changes: yellow or green at once, red only with a second officer."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import Conflict, DomainError
from pingan.health.models import ChangeRequest, ChangeRequestEvent, Colour, StatusChange
from pingan.health.services.status import _apply, check_officer_for, lock_status, require_reason
from pingan.health.workflow import (
    NEEDS_SECOND_OFFICER,
    ManualReason,
    RequestStatus,
    check_request,
)


@dataclass(frozen=True)
class ManualOutcome:
    """Either the change was made (`change`) or it waits for a second officer (`request`)."""

    change: StatusChange | None = None
    request: ChangeRequest | None = None


@transaction.atomic
def status_change_manual(
    *, person, colour: str, reason_code: str, note: str, actor, now=None
) -> ManualOutcome:
    """Change (or renew) a person's colour by hand. Red becomes a pending request."""
    now = now or timezone.now()
    check_officer_for(actor, person)
    if colour not in Colour.values:
        raise DomainError("invalid_colour", _("码色不正确"))
    reason_code, note = require_reason(reason_code, note, ManualReason.values)
    status = lock_status(person)
    if status is None:
        raise DomainError("not_registered", _("该人员尚未登记健康码"))
    if status.colour == colour == Colour.GREEN:
        raise Conflict("already_green", _("该人员已是绿码"))
    if colour in NEEDS_SECOND_OFFICER and status.colour != colour:
        request = ChangeRequest(
            person=person,
            colour=colour,
            reason_code=reason_code,
            note=note,
            requested_by=actor,
            created_at=now,
        )
        try:
            with transaction.atomic():
                request.save()
        except IntegrityError as exc:
            raise Conflict("request_pending", _("该人员已有待审批的赋码申请")) from exc
        ChangeRequestEvent.objects.create(
            request=request,
            new_status=RequestStatus.PENDING,
            actor=actor,
            note=note,
            created_at=now,
        )
        return ManualOutcome(request=request)
    change = _apply(
        person=person, colour=colour, reason_code=reason_code, note=note, actor=actor, now=now
    )
    return ManualOutcome(change=change)


def _decide(request_id: int, action: str, *, actor, note: str, now):
    request = (
        ChangeRequest.objects.select_for_update(of=("self",))
        .select_related("person__region")
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        from pingan.core.errors import NotFound

        raise NotFound()
    check_officer_for(actor, request.person)
    target = check_request(action, request)
    old = request.status
    request.status = target
    request.decided_by = actor
    request.decided_at = now
    request.save(update_fields=["status", "decided_by", "decided_at"])
    ChangeRequestEvent.objects.create(
        request=request, old_status=old, new_status=target, actor=actor, note=note, created_at=now
    )
    return request


@transaction.atomic
def request_approve(*, request_id: int, actor, note: str = "", now=None) -> ChangeRequest:
    """A second officer agrees: the colour changes, with both officers on the record."""
    now = now or timezone.now()
    pending = ChangeRequest.objects.filter(pk=request_id).only("requested_by_id").first()
    if pending is not None and pending.requested_by_id == actor.pk:
        raise DomainError(
            "same_officer", _("不能审批自己提出的申请，须由另一名防疫专员审批"), status=403
        )
    request = _decide(request_id, "approve", actor=actor, note=(note or "").strip(), now=now)
    _apply(
        person=request.person,
        colour=request.colour,
        reason_code=request.reason_code,
        note=request.note,
        actor=request.requested_by,
        approved_by=actor,
        now=now,
    )
    return request


@transaction.atomic
def request_reject(*, request_id: int, actor, note: str, now=None) -> ChangeRequest:
    now = now or timezone.now()
    note = (note or "").strip()
    if not note:
        raise DomainError("note_required", _("请填写驳回理由"))
    pending = ChangeRequest.objects.filter(pk=request_id).only("requested_by_id").first()
    if pending is not None and pending.requested_by_id == actor.pk:
        raise DomainError("same_officer", _("自己提出的申请请用“撤回”"), status=403)
    return _decide(request_id, "reject", actor=actor, note=note, now=now)


@transaction.atomic
def request_withdraw(*, request_id: int, actor, note: str = "", now=None) -> ChangeRequest:
    now = now or timezone.now()
    pending = ChangeRequest.objects.filter(pk=request_id).only("requested_by_id").first()
    if pending is not None and pending.requested_by_id != actor.pk:
        raise DomainError("not_requester", _("只有申请人可以撤回"), status=403)
    return _decide(request_id, "withdraw", actor=actor, note=(note or "").strip(), now=now)
