"""桐行码 requests and withdrawals, and what a change of health colour does to codes."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.passes import issuing
from pingan.passes.models import RevocationEntry, TravelPass, TravelPassEvent, TravelStatus
from pingan.passes.services.revocation import revocation_append
from pingan.passes.workflow import can_replace, can_revoke

MAX_WINDOW = timedelta(days=30)


def _event(travel_pass, old, new, *, actor=None, reason=""):
    TravelPassEvent.objects.create(
        travel_pass=travel_pass, from_status=old, to_status=new, actor=actor, reason=reason
    )


@transaction.atomic
def travel_request(*, person, valid_from, valid_until, purpose: str = "", actor=None):
    """Ask for a 桐行码 for a window of at most 30 days. Needs a health declaration on record
    and a colour other than red; replaces (supersedes) the holder's current pass."""
    from pingan.health.selectors import health_status_of

    now = timezone.now()
    if valid_from is None or valid_until is None or valid_until <= valid_from:
        raise DomainError("bad_window", _("有效期止须晚于有效期起"))
    if valid_until - valid_from > MAX_WINDOW:
        raise DomainError("bad_window", _("桐行码有效期最长30天"))
    if valid_until <= now:
        raise DomainError("bad_window", _("有效期已过"))
    status = health_status_of(person)
    if status is None:
        raise DomainError("not_declared", _("请先完成登记和健康申报"))
    if status.colour == "red":
        raise DomainError("status_red", _("健康码为红码，暂不能申领桐行码"))
    previous = list(TravelPass.objects.select_for_update().filter(person=person).order_by("-seq"))
    seq = previous[0].seq + 1 if previous else 1
    for old in previous:
        if old.status == TravelStatus.ACTIVE and can_replace(old):
            old.status = TravelStatus.REPLACED
            old.save(update_fields=["status"])
            _event(old, TravelStatus.ACTIVE, TravelStatus.REPLACED, actor=actor)
    travel_pass = TravelPass.objects.create(
        person=person,
        valid_from=valid_from,
        valid_until=valid_until,
        purpose=(purpose or "").strip()[:100],
        seq=seq,
    )
    _event(travel_pass, "", TravelStatus.ACTIVE, actor=actor)
    if previous:
        revocation_append(
            rid=issuing.rid_for(person),
            code_type="travel",
            min_seq=seq,
            reason=RevocationEntry.Reason.SUPERSEDED,
            actor=actor,
        )
    return travel_pass


@transaction.atomic
def travel_revoke(*, travel_pass, actor, reason: str):
    travel_pass = TravelPass.objects.select_for_update().get(pk=travel_pass.pk)
    if not can_revoke(travel_pass):
        raise DomainError("bad_status", _("该桐行码不是有效状态，不能撤销"))
    if not (reason or "").strip():
        raise DomainError("reason_required", _("请填写撤销理由"))
    old = travel_pass.status
    travel_pass.status = TravelStatus.REVOKED
    travel_pass.save(update_fields=["status"])
    _event(travel_pass, old, TravelStatus.REVOKED, actor=actor, reason=reason.strip())
    revocation_append(
        rid=issuing.rid_for(travel_pass.person),
        code_type="travel",
        min_seq=travel_pass.seq + 1,
        reason=RevocationEntry.Reason.REVOKED,
        actor=actor,
    )
    return travel_pass


def on_health_status_change(*, person, status) -> None:
    """Called by the health services inside their transaction after every colour change (and
    renewal). Codes with an older seq are superseded: the health code by the status's own seq,
    the travel code (which shows the colour too) by moving its pass on to a new seq."""
    if status.seq <= 1:
        return  # a first status supersedes nothing
    entry = revocation_append(
        rid=issuing.rid_for(person),
        code_type="health",
        min_seq=status.seq,
        reason=RevocationEntry.Reason.SUPERSEDED,
    )
    if entry is None:
        return  # a renewal kept colour and seq: the codes out there are still right
    current = (
        TravelPass.objects.select_for_update()
        .filter(person=person, status=TravelStatus.ACTIVE)
        .order_by("-seq")
        .first()
    )
    if current is None:
        return
    current.seq = (
        TravelPass.objects.filter(person=person).order_by("-seq").values_list("seq", flat=True)[0]
        + 1
    )
    current.save(update_fields=["seq"])
    revocation_append(
        rid=issuing.rid_for(person),
        code_type="travel",
        min_seq=current.seq,
        reason=RevocationEntry.Reason.SUPERSEDED,
    )
