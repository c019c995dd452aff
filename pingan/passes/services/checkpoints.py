"""Scanning at a checkpoint, visitor invitations, and the purge of old scan logs."""

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError, NotFound
from pingan.passes import issuing, scansql
from pingan.passes.models import (
    CheckpointKind,
    Invitation,
    Residence,
    ScanLog,
    ScanResult,
)
from pingan.passes.online import revoked, verify_online, verify_signed

MESSAGES = {
    "ok": _("核验通过"),
    "bad_format": _("无法识别的码"),
    "unknown_key": _("签发密钥不受信任"),
    "bad_signature": _("签名无效，码可能被篡改"),
    "expired": _("码已过期，请刷新"),
    "not_yet_valid": _("码尚未生效"),
    "revoked": _("码已被撤销"),
    "superseded": _("码已更新，请出示最新的码"),
    "not_allowed_here": _("不符合本卡口的通行条件"),
}
DETAILS = {
    "wrong_type": _("本卡口需出示另一种码"),
    "status_yellow": _("健康码为黄码"),
    "status_red": _("健康码为红码"),
    "not_resident": _("非本小区住户且无当日访客邀请"),
    "not_employee": _("非本企业员工"),
}


def _admits(checkpoint, claims, facts: scansql.ScanFacts) -> str:
    """'' when the checkpoint's rule admits this (valid) code, else a detail code."""
    if claims["type"] != checkpoint.accepted_type:
        return "wrong_type"
    if claims["status"] != "green":
        return f"status_{claims['status']}"
    if checkpoint.kind == CheckpointKind.FACTORY_GATE and not facts.employee:
        return "not_employee"
    if checkpoint.kind == CheckpointKind.COMPOUND_GATE and not facts.resident_or_invited:
        return "not_resident"
    return ""


def verify_answer(result, *, detail: str = "", checkpoint=None) -> dict:
    """What a guard may be told: the masked name, the bound place, the colour and the reason;
    never an ID number, phone or address."""
    claims = result.claims or {}
    ok = result.ok and not detail
    reason = result.reason if not result.ok else ("not_allowed_here" if detail else "ok")
    message = DETAILS.get(detail) or MESSAGES.get(reason, "")
    return {
        "result": ScanResult.PASS if ok else ScanResult.DENY,
        "reason": reason,
        "detail": detail,
        "message": str(message),
        "type": claims.get("type", ""),
        "status": claims.get("status", ""),
        "masked_name": claims.get("name", "") if result.claims else "",
        "place": claims.get("place", ""),
        "expires_at": claims.get("exp"),
        "checkpoint": checkpoint.name if checkpoint is not None else "",
    }


def verify_only(*, payload) -> dict:
    """Validity of a code without a checkpoint: green and current passes."""
    result = verify_online(payload)
    detail = ""
    if result.ok and result.claims["status"] != "green":
        detail = f"status_{result.claims['status']}"
    return verify_answer(result, detail=detail)


def scan_record(*, checkpoint, payload, guard, now=None) -> dict:
    """Verify a code at a checkpoint under its rule and log the scan (whatever the answer).
    For a checkpoint the caller has already found the guard may use (the guard's page)."""
    if not checkpoint.is_active:
        raise DomainError("checkpoint_inactive", _("该卡口已停用"))
    answer = _scan(checkpoint.pk, payload, guard=guard, guard_id=None, now=now)
    if answer is None:  # deactivated meanwhile
        raise DomainError("checkpoint_inactive", _("该卡口已停用"))
    return answer


def scan_at(*, checkpoint_pk: int, payload, user, now=None) -> dict:
    """The API's scan: as scan_record, for the checkpoint `checkpoint_pk` if `user` guards it
    (any, for a superuser); NotFound otherwise, whatever the code."""
    guard_id = None if user.is_superuser else user.pk
    answer = _scan(checkpoint_pk, payload, guard=user, guard_id=guard_id, now=now)
    if answer is None:
        raise NotFound()
    return answer


def _scan(checkpoint_pk, payload, *, guard, guard_id, now) -> dict | None:
    """One read (checkpoint, guard's right, revocation, the gate's rule) and one write.

    Not one transaction: everything before the log row only reads, and the row is a single
    INSERT. Holding a write transaction around the signature check made concurrent scans queue
    on SQLite's write lock (bench scan_online)."""
    now = now or timezone.now()
    result = verify_signed(payload)
    claims = result.claims if result.ok else None
    facts = scansql.scan_facts(
        checkpoint_pk,
        guard_id=guard_id,
        rid=claims["rid"] if claims else None,
        code_type=claims["type"] if claims else "",
        day=timezone.localdate(now),
    )
    if facts is None:
        return None
    checkpoint = facts.checkpoint
    result = revoked(result, facts.revocation)
    detail = _admits(checkpoint, result.claims, facts) if result.ok else ""
    answer = verify_answer(result, detail=detail, checkpoint=checkpoint)
    scansql.insert_scan(
        checkpoint_id=checkpoint.pk,
        at=now,
        rid_hash=issuing.rid_hash(result.claims["rid"]) if result.claims else "",
        code_type=answer["type"],
        colour=result.claims["status"] if result.claims else "",
        result=answer["result"],
        reason=answer["reason"],
        guard_id=guard.pk if guard is not None else None,
    )
    return answer


@transaction.atomic
def invitation_create(*, host, visitor, day, actor=None) -> Invitation:
    """A resident invites a visitor (already registered) into their compound for one day."""
    residence = Residence.objects.filter(person=host).select_related("place").first()
    if residence is None or residence.place.kind != "compound":
        raise DomainError("not_resident", _("只有登记了居住小区的住户才能邀请访客"))
    if visitor is None:
        raise DomainError("visitor_unknown", _("访客尚未登记，请访客先完成登记"))
    if visitor.pk == host.pk:
        raise DomainError("visitor_self", _("不能邀请自己"))
    today = timezone.localdate()
    if day is None or day < today or day > today + timedelta(days=30):
        raise DomainError("bad_day", _("来访日期须在今天起30天内"))
    return Invitation.objects.create(
        host=host,
        visitor=visitor,
        visitor_rid=issuing.rid_for(visitor).hex(),
        place=residence.place,
        day=day,
    )


def retention_days() -> int:
    return int(getattr(settings, "PINGAN_SCAN_RETENTION_DAYS", 21))


@transaction.atomic
def scans_purge(*, now=None) -> int:
    """Delete scan logs older than the retention period at once. Rows leave the log only here
    and through the retention policy passes.scan_logs: the database trigger lets a DELETE
    through only in a transaction that has said it is the purge."""
    cutoff = (now or timezone.now()) - timedelta(days=retention_days())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config('pingan.scan_purge', 'on', true)")
        table = ScanLog._meta.db_table
        cursor.execute(f"DELETE FROM {table} WHERE at < %s", [cutoff])
        return cursor.rowcount
