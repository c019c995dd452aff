"""The holder's appeal against their colour, and an officer's decision on it."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import Conflict, DomainError, NotFound
from pingan.health import notices
from pingan.health.models import Appeal, AppealEvent, Colour, StatusChange
from pingan.health.services.status import _apply, check_officer_for, lock_status
from pingan.health.workflow import AppealStatus, check_appeal

MAX_TEXT = 1000


@transaction.atomic
def appeal_submit(*, person, text: str, actor, now=None) -> Appeal:
    """Appeal against the current yellow or red colour. `actor` is the holder's own account."""
    now = now or timezone.now()
    if actor is None or person.user_id != actor.pk:
        raise NotFound()
    text = (text or "").strip()
    if not text:
        raise DomainError("text_required", _("请写明申诉理由"))
    if len(text) > MAX_TEXT:
        raise DomainError("text_too_long", _("申诉理由请不超过 1000 字"))
    status = lock_status(person)
    if status is None or status.colour == Colour.GREEN:
        raise DomainError("nothing_to_appeal", _("您的健康码是绿码，无需申诉"))
    change = StatusChange.objects.filter(person=person).order_by("-id").first()
    appeal = Appeal(person=person, change=change, text=text, created_at=now)
    try:
        with transaction.atomic():
            appeal.save()
    except IntegrityError as exc:
        raise Conflict("appeal_open", _("您已有一件申诉正在处理")) from exc
    AppealEvent.objects.create(
        appeal=appeal, new_status=AppealStatus.SUBMITTED, actor=actor, note=text, created_at=now
    )
    return appeal


@transaction.atomic
def appeal_decide(*, appeal_id: int, uphold: bool, answer: str, actor, now=None) -> Appeal:
    """Uphold (the code turns green) or reject (the colour stays), with an answer the holder
    reads. The officer who made or approved the change appealed against may not decide it."""
    now = now or timezone.now()
    appeal = (
        Appeal.objects.select_for_update(of=("self",))
        .select_related("person__region", "change")
        .filter(pk=appeal_id)
        .first()
    )
    if appeal is None:
        raise NotFound()
    check_officer_for(actor, appeal.person)
    action = "uphold" if uphold else "reject"
    target = check_appeal(action, appeal)
    answer = (answer or "").strip()
    if not answer:
        raise DomainError("answer_required", _("请填写处理意见"))
    if len(answer) > MAX_TEXT:
        raise DomainError("answer_too_long", _("处理意见请不超过 1000 字"))
    if actor.pk in (appeal.change.actor_id, appeal.change.approved_by_id):
        raise DomainError("own_decision", _("申诉须由未参与原赋码的防疫专员处理"), status=403)
    old = appeal.status
    appeal.status = target
    appeal.decided_by = actor
    appeal.answer = answer
    appeal.decided_at = now
    appeal.save(update_fields=["status", "decided_by", "answer", "decided_at"])
    AppealEvent.objects.create(
        appeal=appeal, old_status=old, new_status=target, actor=actor, note=answer, created_at=now
    )
    if uphold:
        status = lock_status(appeal.person)
        if status is not None and status.colour != Colour.GREEN:
            _apply(
                person=appeal.person,
                colour=Colour.GREEN,
                reason_code="appeal_upheld",
                note=answer,
                actor=actor,
                now=now,
            )
    notices.appeal_decided(appeal, AppealStatus(target).label)
    return appeal
