"""Data retention: how long each kind of personal data is kept, and the job that enforces it.

Each app declares its policies in its own `retention.py` (imported by `autodiscover()`, like
admin.py by the admin):

    register(Policy(
        name="passes.scan_logs", label=_("卡口扫码记录"), setting="PINGAN_SCAN_RETENTION_DAYS",
        default_days=21, action=DELETE, keeps=_("…"), due=due_scans, apply=purge_scans,
    ))

`due(cutoff)` returns the queryset of rows the policy would act on now; `apply(cutoff, limit)`
acts on at most `limit` of them and returns how many it changed. The runner calls `apply` in
batches until it returns 0, so a large backlog never holds one long transaction, and records
every run (RetentionRun), which the staff page /admin-tools/retention/ shows.

Anonymising keeps the record and its statistics: only the personal fields are blanked. Append-
only logs (events, status changes) are not touched: what they hold is listed in
docs/operations.md.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("pingan.retention")

DELETE = "delete"
ANONYMISE = "anonymise"
ACTIONS = {DELETE: _("删除"), ANONYMISE: _("匿名化（清空个人信息，保留记录）")}
BATCH_SIZE = 1000


@dataclass(frozen=True)
class Policy:
    name: str
    label: str
    setting: str
    default_days: int
    action: str
    # What stays after the policy ran, in a sentence for the admin page.
    keeps: str
    due: Callable[[datetime], object]
    apply: Callable[[datetime, int], int]
    # What the period is counted from ("扫码时间", "办结时间"…), for the page.
    counted_from: str = ""
    order: int = 100

    @property
    def days(self) -> int:
        value = getattr(settings, self.setting, self.default_days)
        try:
            days = int(value)
        except (TypeError, ValueError) as exc:
            raise ImproperlyConfigured(f"{self.setting} must be a number of days") from exc
        if days < 1:
            raise ImproperlyConfigured(f"{self.setting} must be at least 1 day, got {days}")
        return days

    def cutoff(self, now: datetime | None = None) -> datetime:
        return (now or timezone.now()) - timedelta(days=self.days)

    @property
    def action_label(self) -> str:
        return ACTIONS[self.action]


_registry: dict[str, Policy] = {}


def register(policy: Policy) -> Policy:
    if policy.action not in ACTIONS:
        raise ImproperlyConfigured(f"retention policy {policy.name!r}: unknown action")
    existing = _registry.get(policy.name)
    if existing is not None and existing.due is not policy.due:
        raise ImproperlyConfigured(f"retention policy {policy.name!r} is registered twice")
    _registry[policy.name] = policy
    return policy


def autodiscover() -> None:
    """Import every installed app's `retention` module, which registers its policies."""
    autodiscover_modules("retention")


def policies() -> list[Policy]:
    autodiscover()
    return sorted(_registry.values(), key=lambda p: (p.order, p.name))


def get(name: str) -> Policy:
    autodiscover()
    return _registry[name]


def due_count(policy: Policy, now: datetime | None = None) -> int:
    return policy.due(policy.cutoff(now)).count()


def run_policy(policy: Policy, *, now=None, batch_size: int = BATCH_SIZE) -> int:
    """Apply one policy in batches and record the run; returns the rows changed."""
    from pingan.core.models import RetentionRun

    started = timezone.now()
    now = now or started
    cutoff = policy.cutoff(now)
    total = 0
    error = ""
    try:
        while True:
            changed = policy.apply(cutoff, batch_size)
            total += changed
            if changed < batch_size:
                break
    except Exception as exc:
        # One broken policy must not stop the others; the run row keeps the error.
        logger.exception("retention policy %s failed", policy.name)
        error = f"{exc.__class__.__name__}: {exc}"[:2000]
    RetentionRun.objects.create(
        policy=policy.name,
        started_at=started,
        finished_at=timezone.now(),
        days=policy.days,
        cutoff=cutoff,
        rows=total,
        ok=not error,
        error=error,
    )
    return total


def run_all(*, now=None, batch_size: int = BATCH_SIZE) -> dict[str, int]:
    return {p.name: run_policy(p, now=now, batch_size=batch_size) for p in policies()}


def first_pks(queryset, limit: int) -> list:
    """The next batch: primary keys of the oldest due rows (stable order, so reruns resume)."""
    return list(queryset.order_by("pk").values_list("pk", flat=True)[:limit])


def blank_batch(due, limit: int, **blanks) -> int:
    """Anonymise the next batch of the `due` queryset: one UPDATE setting `blanks` on at most
    `limit` of its rows; returns how many changed."""
    pks = first_pks(due, limit)
    if not pks:
        return 0
    return due.model.objects.filter(pk__in=pks).update(**blanks)


def delete_batch(due, limit: int) -> int:
    """Delete the next batch of the `due` queryset (at most `limit` rows) through the ORM, so
    that rows depending on them (cascades, many-to-many links) go with them; returns how many
    of the due rows went."""
    pks = first_pks(due, limit)
    if not pks:
        return 0
    due.model.objects.filter(pk__in=pks).delete()
    return len(pks)


def purge_append_only(
    table: str, column: str, cutoff: datetime, limit: int, *, flag: str = "pingan.retention_purge"
) -> int:
    """Delete old rows of an append-only table. On PostgreSQL its trigger lets a DELETE through
    only in a transaction that has declared itself the retention purge (see the migrations that
    install the guards); the ORM's AppendOnlyQuerySet refuses deletes, hence plain SQL."""
    quoted = connection.ops.quote_name(table)
    column = connection.ops.quote_name(column)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config(%s, 'on', true)", [flag])
        cursor.execute(
            f"DELETE FROM {quoted} WHERE id IN "
            f"(SELECT id FROM {quoted} WHERE {column} < %s ORDER BY id LIMIT %s)",
            [cutoff, limit],
        )
        return cursor.rowcount


# --- The core app's own policy: the audit log ---------------------------------------------------


def _audit_due(cutoff):
    from pingan.core.models import AuditEntry

    return AuditEntry.objects.filter(at__lt=cutoff)


def _audit_apply(cutoff, limit):
    return purge_append_only("core_auditentry", "at", cutoff, limit)


register(
    Policy(
        name="core.audit_log",
        label=_("审计日志"),
        setting="PINGAN_AUDIT_RETENTION_DAYS",
        # Three years: well beyond the six months the Cybersecurity Law (网络安全法 art. 21)
        # asks for network logs, long enough to answer for any case or petition decided in it.
        default_days=3 * 365,
        action=DELETE,
        keeps=_("期限内的审计记录全部保留"),
        counted_from=_("记录时间"),
        due=_audit_due,
        apply=_audit_apply,
        order=900,
    )
)
