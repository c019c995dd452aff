"""Delivering the outbox: claim due messages, send them outside any transaction, record the result.

The guarantee
-------------
Nothing is lost. An OutboxMessage is committed in the same transaction as the business change
that causes it (services.sms_enqueue), so it exists if and only if the change does. After the
commit a task asks the worker to deliver it at once; if that task is never written (the process
died right after the commit) or never runs (no worker), the scheduler's sweep, `deliver_due`
every minute, finds the message anyway, because a message is due by its own status and
`next_attempt_at`, not by any queue entry.

Nothing is sent twice. A worker first claims a message: in a short transaction it moves it
from `pending` to `sending` with `claimed_at` = now and commits, so no other worker takes it
(PostgreSQL: SELECT ... FOR UPDATE SKIP LOCKED, so two sweeps split the work instead of queueing;
SQLite takes the write lock at BEGIN, so claims are serialised anyway). Only then, with no
transaction open, it calls the gateway, and afterwards records `sent`, or a retry with
exponential backoff, or `failed` after PINGAN_SMS_MAX_ATTEMPTS attempts. If the worker dies
between the gateway's answer and that record, the message stays `sending`; it is claimed again
only after PINGAN_SMS_CLAIM_TIMEOUT_SECONDS (well beyond the gateway timeout, so a slow send in
progress is never taken over), and sent again with the same idempotency key, which the gateway
uses to recognise the repeat: the file gateway writes no second line, the HTTP gateway passes
`Idempotency-Key` to the operator. Strictly: at-least-once towards the gateway, exactly-once at
a gateway that honours the key.

Numbers that opted out are checked again at each claim, so an opt-out registered after a
message was queued still stops it (status `cancelled`, the reason in `last_error`).
"""

import logging
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from pingan.notify.gateways import GatewayError, SendResult, SmsPayload, get_gateway
from pingan.notify.models import OptOut, OutboxMessage, SmsBatch

logger = logging.getLogger("pingan.notify")

OPTED_OUT_REASON = "opted_out: the number asked not to receive messages"
NOT_MOBILE_REASON = "not_mobile: a landline cannot receive SMS"
DIED_REASON = "worker stopped while sending; the gateway may or may not have accepted it"


@dataclass
class DeliveryReport:
    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    cancelled: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def deliver_due(limit: int = 500) -> DeliveryReport:
    """Send up to `limit` due messages (the periodic sweep). Call outside a transaction."""
    return _deliver(OutboxMessage.objects.all(), limit)


def deliver_one(message_id: int) -> DeliveryReport:
    """Send one message if it is due (the task enqueued after the commit of sms_enqueue)."""
    return _deliver(OutboxMessage.objects.filter(pk=message_id), 1)


def backoff(attempts: int) -> timedelta:
    """The wait after failed attempt number `attempts`: base, 2 × base, 4 × base ... to the cap."""
    seconds = settings.PINGAN_SMS_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.PINGAN_SMS_RETRY_MAX_SECONDS))


def _deliver(candidates, limit: int) -> DeliveryReport:
    report = DeliveryReport()
    messages = _claim(candidates, limit, report)
    if not messages:
        return report
    gateway = get_gateway()
    for message in messages:
        _send(gateway, message, report)
    return report


def _claim(candidates, limit: int, report: DeliveryReport) -> list[OutboxMessage]:
    now = timezone.now()
    stale_before = now - timedelta(seconds=settings.PINGAN_SMS_CLAIM_TIMEOUT_SECONDS)
    max_attempts = settings.PINGAN_SMS_MAX_ATTEMPTS
    with transaction.atomic():
        due = candidates.filter(
            Q(status=OutboxMessage.PENDING, next_attempt_at__lte=now)
            | Q(status=OutboxMessage.SENDING, claimed_at__lt=stale_before)
        ).order_by("next_attempt_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        rows = list(due.only("pk", "status", "attempts", "phone_index", "batch_id")[:limit])
        if not rows:
            return []
        opted_out = set(
            OptOut.objects.filter(phone_index__in={row.phone_index for row in rows}).values_list(
                "phone_index", flat=True
            )
        )
        cancel = [row for row in rows if row.phone_index in opted_out]
        # A message whose previous worker died holding it, with no attempts left.
        exhausted = [
            row
            for row in rows
            if row.phone_index not in opted_out
            and row.status == OutboxMessage.SENDING
            and row.attempts >= max_attempts
        ]
        skip = {row.pk for row in cancel} | {row.pk for row in exhausted}
        claim_ids = [row.pk for row in rows if row.pk not in skip]

        _finish_many(cancel, OutboxMessage.CANCELLED, OPTED_OUT_REASON)
        _finish_many(exhausted, OutboxMessage.FAILED, DIED_REASON)
        OutboxMessage.objects.filter(pk__in=claim_ids).update(
            status=OutboxMessage.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
        report.cancelled += len(cancel)
        report.failed += len(exhausted)
        report.claimed += len(claim_ids)
        return list(
            OutboxMessage.objects.filter(pk__in=claim_ids).order_by("next_attempt_at", "pk")
        )


def _finish_many(rows: list[OutboxMessage], status: str, reason: str) -> None:
    """Move claimed-over rows straight to a final status and count them on their batches."""
    if not rows:
        return
    OutboxMessage.objects.filter(pk__in=[row.pk for row in rows]).update(
        status=status, claimed_at=None, last_error=reason
    )
    count_on_batches(Counter(row.batch_id for row in rows if row.batch_id), status)


def count_on_batches(per_batch: Counter, status: str, step: int = 1) -> None:
    counter = {
        OutboxMessage.SENT: "sent",
        OutboxMessage.FAILED: "failed",
        OutboxMessage.CANCELLED: "cancelled",
    }[status]
    for batch_id, count in per_batch.items():
        SmsBatch.objects.filter(pk=batch_id).update(**{counter: F(counter) + step * count})


def _send(gateway, message: OutboxMessage, report: DeliveryReport) -> None:
    payload = SmsPayload(
        to=message.phone,
        body=message.body,
        idempotency_key=message.idempotency_key,
        message_id=message.pk,
    )
    try:
        result = gateway.send(payload)
    except Exception as exc:
        # A gateway refusal is routine; anything else is a bug worth a traceback in the log.
        # Either way the message is tried again later rather than lost.
        if not isinstance(exc, GatewayError):
            logger.exception("SMS gateway raised unexpectedly for message %s", message.pk)
        _record_failure(message, f"{exc.__class__.__name__}: {exc}", report)
        return
    _mark_sent(message, result)
    report.sent += 1


def _mark_sent(message: OutboxMessage, result: SendResult) -> None:
    with transaction.atomic():
        updated = OutboxMessage.objects.filter(
            pk=message.pk, status__in=OutboxMessage.sources_of(OutboxMessage.SENT)
        ).update(
            status=OutboxMessage.SENT,
            sent_at=timezone.now(),
            gateway_message_id=result.gateway_message_id[:100],
            claimed_at=None,
            last_error="",
        )
        # Zero when a second worker that re-claimed the message recorded it first.
        if updated and message.batch_id:
            count_on_batches(Counter({message.batch_id: 1}), OutboxMessage.SENT)


def _retry_time(row: OutboxMessage, when):
    """A bulk message's retry waits for its batch's send window (no notices at night)."""
    if not row.batch_id:
        return when
    from pingan.notify.sending_window import within_window

    window = SmsBatch.objects.filter(pk=row.batch_id).values("window_start", "window_end").first()
    if window is None:
        return when
    return within_window(when, start=window["window_start"], end=window["window_end"])


def _record_failure(message: OutboxMessage, error: str, report: DeliveryReport) -> None:
    with transaction.atomic():
        row = (
            OutboxMessage.objects.select_for_update()
            .filter(pk=message.pk, status=OutboxMessage.SENDING, claimed_at=message.claimed_at)
            .first()
        )
        if row is None:
            return  # another worker claimed it after our claim timed out; it is theirs now
        row.last_error = error[:2000]
        row.claimed_at = None
        if row.attempts >= settings.PINGAN_SMS_MAX_ATTEMPTS:
            row.status = OutboxMessage.FAILED
            report.failed += 1
            if row.batch_id:
                count_on_batches(Counter({row.batch_id: 1}), OutboxMessage.FAILED)
        else:
            row.status = OutboxMessage.PENDING
            row.next_attempt_at = _retry_time(row, timezone.now() + backoff(row.attempts))
            report.retrying += 1
        row.save(update_fields=["status", "last_error", "claimed_at", "next_attempt_at"])
    logger.warning("SMS message %s not accepted (attempt %s): %s", row.pk, row.attempts, error)
