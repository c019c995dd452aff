"""Bulk SMS (群发短信): a person creates a batch; the worker writes its messages to the outbox.

The web request only validates and creates the SmsBatch row (an uploaded Excel list is checked
row by row there, and nothing is created if any row is bad). Writing the messages, 25,000 of
them for a street's residents, runs in the worker: the task enqueued after the commit, or the
scheduler's sweep when that task is lost. It goes in chunks, each in its own transaction that
also records where it stopped (`cursor`, `queued`), so a restarted worker resumes at the next
chunk; the idempotency key `bulk-<batch>-<phone index>` makes a repeated write impossible
anyway (one message per number per batch), and duplicates within a list collapse the same way.

Each message's `next_attempt_at` is its slot in the send window at the batch's rate (see
sending_window.py), so the ordinary delivery sweep sends them no faster and never at night.
Opted-out numbers are left out when writing (counted in `opted_out`); a number that opts out
later is cancelled by the delivery worker as for any message.
"""

import io
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from string import Formatter

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core import audit, crypto, pii, uploads
from pingan.core.errors import DomainError, NotFound
from pingan.notify import sending_window, templates
from pingan.notify.delivery import count_on_batches
from pingan.notify.models import OptOut, OutboxMessage, SmsBatch, SmsBatchEvent
from pingan.org import scoping
from pingan.org.models import Region
from pingan.org.roles import Role

_formatter = Formatter()

BULK_ROLES = frozenset({Role.LEADER, Role.ADMIN})
TEMPLATE_PREFIX = "bulk."
CHUNK = 2500  # rows a transaction: a restarted worker redoes at most this many
MAX_RATE = 500  # the delivery sweep sends up to 500 messages a minute
MAX_LIST_ROWS = 50_000
MAX_LIST_BYTES = 10 * 1024 * 1024
SHOWN_BAD_ROWS = 100
DEFAULT_NAME = "居民"
BATCH_CANCELLED_REASON = "batch_cancelled: the bulk send was stopped"
PHONE_HEADERS = {"手机号", "手机号码", "手机", "电话", "联系电话", "phone", "mobile"}
NAME_HEADERS = {"姓名", "名字", "name"}


def register_templates() -> None:
    """The bulk templates people choose from; an administrator may reword them (same codes)."""
    templates.register_default("bulk.notice", str(_("群发通知")), "【平安桐乡】{content}")
    templates.register_default(
        "bulk.greeting", str(_("群发通知（带称呼）")), "【平安桐乡】{name}您好：{content}"
    )


def bulk_templates() -> list[templates.TemplateDefault]:
    return [d for d in templates.all_defaults() if d.code.startswith(TEMPLATE_PREFIX)]


# --- Recipient sources -----------------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    """Another app's list of recipients (a pledge's signers). `choices(user)` lists what the
    user may pick as (ref, label, region); `rows(ref, after, limit)` gives (position, phone,
    phone_index, name) in increasing position after `after`; `count(ref)` how many there are."""

    code: str
    choices: Callable
    rows: Callable
    count: Callable


_sources: dict[str, Source] = {}


def register_source(source: Source) -> None:
    _sources[source.code] = source


def source_choices(user, code: str) -> list[tuple]:
    source = _sources.get(code)
    return source.choices(user) if source else []


def _region_rows(region_code: str, after: int, limit: int, *, names: bool) -> list[tuple]:
    from django.db.models import Value
    from django.db.models.sql.constants import MULTI

    from pingan.people.models import Person

    residents = (
        Person.objects.filter(region__code__startswith=region_code, pk__gt=after)
        .exclude(phone_index="")
        .order_by("pk")
        # A name is decrypted only for a template that greets by name.
        .values_list("pk", "phone", "phone_index", "name" if names else Value(""))[:limit]
    )
    # The rows come straight from the cursor and are decrypted here: through the ORM's
    # per-value converters a 25,000-resident street took twice as long to read.
    phone = Person._meta.get_field("phone")
    name = Person._meta.get_field("name")
    compiler = residents.query.get_compiler(using=residents.db)
    return [
        (
            pk,
            phone.from_db_value(sealed_phone, None, connection),
            index,
            name.from_db_value(sealed_name, None, connection),
        )
        for chunk in compiler.execute_sql(MULTI)
        for pk, sealed_phone, index, sealed_name in chunk
    ]


def _list_rows(batch: SmsBatch, after: int, limit: int, cache: dict) -> list[tuple]:
    # Decrypted and parsed once per run of the worker, not once per chunk.
    if batch.pk not in cache:
        cache[batch.pk] = json.loads(batch.recipients or "[]")
    entries = cache[batch.pk]
    rows = []
    for position in range(after, min(after + limit, len(entries))):
        phone, name = entries[position]
        # Normalised when the list was uploaded, so the index is taken straight from the
        # number (normalising again through phonenumbers costs ~0.1 ms a row).
        rows.append((position + 1, phone, crypto.blind_index(phone, kind="phone"), name))
    return rows


def _rows(batch: SmsBatch, after: int, limit: int, cache: dict) -> list[tuple]:
    if batch.source == SmsBatch.Source.REGION:
        names = "name" in templates.placeholders(batch.body)
        return _region_rows(batch.region.code, after, limit, names=names)
    if batch.source == SmsBatch.Source.EXCEL:
        return _list_rows(batch, after, limit, cache)
    source = _sources.get(batch.source)
    if source is None:
        raise DomainError("unknown_source", _("接收人来源不正确"))
    return source.rows(batch.source_ref, after, limit)


def _count_source(source: str, region: Region | None, ref: str, entries) -> int:
    if source == SmsBatch.Source.REGION:
        from pingan.people.models import Person

        return (
            Person.objects.filter(region__code__startswith=region.code)
            .exclude(phone_index="")
            .count()
        )
    if source == SmsBatch.Source.EXCEL:
        return len(entries)
    return _sources[source].count(ref)


# --- The uploaded list -----------------------------------------------------------------------
def read_list(upload) -> list[list[str]]:
    """Validate an Excel (.xlsx) list of recipients: a header row naming the phone column
    (手机号) and optionally the name column (姓名), then one recipient a row. Every bad row is
    reported (DomainError with details: row number, value and reason); nothing is kept then."""
    from openpyxl import load_workbook

    if upload is None:
        raise DomainError("list_required", _("请上传 Excel 名单"), status=422)
    if getattr(upload, "size", 0) > MAX_LIST_BYTES:
        raise DomainError("list_too_large", _("名单文件超过 10 MB"), status=422)
    upload.seek(0)
    content = upload.read()
    # The package is checked before openpyxl unpacks it: a zip bomb is refused unopened.
    if uploads.xlsx_problem(content) is not None:
        raise DomainError(
            "list_unreadable", _("无法读取名单：请上传 Excel（.xlsx）文件"), status=422
        )
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = next(lines, None) or ()
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise DomainError(
            "list_unreadable", _("无法读取名单：请上传 Excel（.xlsx）文件"), status=422
        ) from exc
    titles = [str(cell or "").strip().lower() for cell in header]
    phone_col = next((i for i, t in enumerate(titles) if t in PHONE_HEADERS), None)
    name_col = next((i for i, t in enumerate(titles) if t in NAME_HEADERS), None)
    if phone_col is None:
        raise DomainError("list_no_phone_column", _("名单第 1 行须有「手机号」列标题"), status=422)
    entries: list[list[str]] = []
    bad: list[dict] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=2):
        cells = list(line or ())
        raw = cells[phone_col] if phone_col < len(cells) else None
        name = (
            str(cells[name_col] or "").strip()
            if name_col is not None and name_col < len(cells)
            else ""
        )
        if raw is None and not any(c not in (None, "") for c in cells):
            continue  # an empty line
        value = _cell_text(raw)
        reason = None
        phone = ""
        if not value:
            reason = _("手机号为空")
        else:
            try:
                phone = pii.normalize_phone(value)
            except DomainError:
                reason = _("手机号码格式不正确")
            else:
                if not pii.is_mobile(phone):
                    reason = _("不是手机号，无法接收短信")
        if reason is not None:
            bad.append({"row": number, "value": value, "reason": str(reason)})
            continue
        if len(name) > 50:
            bad.append({"row": number, "value": value, "reason": str(_("姓名超过 50 字"))})
            continue
        if phone in seen:
            continue  # the same number twice receives one message
        seen.add(phone)
        entries.append([phone, name])
        if len(entries) > MAX_LIST_ROWS:
            raise DomainError(
                "list_too_long",
                _("名单超过 %(n)s 行，请分批发送") % {"n": MAX_LIST_ROWS},
                status=422,
            )
    if bad:
        raise DomainError(
            "list_bad_rows",
            _("名单中有 %(n)s 行有误，请改正后重新上传，本次未发送任何短信") % {"n": len(bad)},
            status=422,
            details=bad[:SHOWN_BAD_ROWS],
        )
    if not entries:
        raise DomainError("list_empty", _("名单中没有手机号"), status=422)
    return entries


def _cell_text(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # a number typed into a cell comes back as 13957307001.0
    return str(raw).strip()


# --- Creating, queueing and cancelling a batch -----------------------------------------------
def batch_create(
    *,
    actor,
    name: str,
    template: str,
    content: str,
    source: str,
    region: Region | None = None,
    source_ref: str = "",
    entries: list[list[str]] | None = None,
    send_after=None,
    window_start=None,
    window_end=None,
    rate_per_minute: int = 200,
) -> SmsBatch:
    """Create a batch (nothing is queued here: the worker writes the messages). Refused with
    a DomainError for a region outside the actor's jurisdiction, an unknown template, a
    missing parameter, a window that closes before it opens or a rate out of range."""
    name = (name or "").strip()
    content = (content or "").strip()
    if not name:
        raise DomainError("name_required", _("请填写批次名称"), status=422)
    if not template.startswith(TEMPLATE_PREFIX) or templates.get_default(template) is None:
        raise DomainError("unknown_template", _("请选择群发短信模板"), status=422)
    body = templates.get_body(template)
    if "content" in templates.placeholders(body) and not content:
        raise DomainError("content_required", _("请填写通知内容"), status=422)
    sample = templates.render_body(template, body, {"name": DEFAULT_NAME, "content": content})
    if len(sample) > 500:
        raise DomainError("content_too_long", _("短信内容过长（最多 500 字）"), status=422)
    if not 1 <= int(rate_per_minute or 0) <= MAX_RATE:
        raise DomainError(
            "rate_invalid", _("发送速度须为每分钟 1 至 %(n)s 条") % {"n": MAX_RATE}, status=422
        )
    window_start = window_start or SmsBatch._meta.get_field("window_start").default
    window_end = window_end or SmsBatch._meta.get_field("window_end").default
    if window_start >= window_end:
        raise DomainError("window_invalid", _("发送开始时间须早于结束时间"), status=422)
    label, region = _resolve_source(actor, source, region, source_ref, entries)
    with transaction.atomic(), audit.acting_as(actor):
        batch = SmsBatch.objects.create(
            name=name[:100],
            created_by=actor,
            region=region,
            template_code=template,
            body=body,
            content=content,
            source=source,
            source_ref=source_ref,
            source_label=label[:200],
            recipients=json.dumps(entries, ensure_ascii=False) if entries else "",
            expected=_count_source(source, region, source_ref, entries or []),
            send_after=send_after or timezone.now(),
            window_start=window_start,
            window_end=window_end,
            rate_per_minute=int(rate_per_minute),
        )
        SmsBatchEvent.objects.create(
            batch=batch, action="create", to_status=SmsBatch.NEW, actor=actor
        )
        transaction.on_commit(partial(_enqueue_queueing, batch.pk), robust=True)
    return batch


def _resolve_source(actor, source, region, source_ref, entries) -> tuple[str, Region]:
    if not scoping.has_role(actor, *BULK_ROLES):
        raise NotFound()
    if source in (SmsBatch.Source.REGION, SmsBatch.Source.EXCEL):
        if region is None:
            raise DomainError("region_required", _("请选择区域"), status=422)
        if not scoping.covers(actor, region, roles=BULK_ROLES):
            raise NotFound()
        if source == SmsBatch.Source.EXCEL:
            if not entries:
                raise DomainError("list_required", _("请上传 Excel 名单"), status=422)
            return str(_("Excel 名单（%(n)s 人）") % {"n": len(entries)}), region
        return str(_("%(region)s居民") % {"region": region.name}), region
    if source not in _sources:
        raise DomainError("unknown_source", _("接收人来源不正确"), status=422)
    for ref, label, ref_region in source_choices(actor, source):
        if str(ref) == str(source_ref) and scoping.covers(actor, ref_region, roles=BULK_ROLES):
            return str(label), ref_region
    raise NotFound()


def _enqueue_queueing(batch_id: int) -> None:
    from pingan.notify.tasks import queue_bulk_batch

    queue_bulk_batch.enqueue(batch_id)


def queue_batch(batch_id: int, *, chunk: int = CHUNK, max_chunks: int | None = None) -> int:
    """Write the batch's messages, chunk by chunk, resuming from the recorded position.
    Returns the number of messages this call wrote. Call outside a transaction."""
    written = 0
    done_chunks = 0
    cache: dict = {}
    while max_chunks is None or done_chunks < max_chunks:
        with transaction.atomic():
            batch = (
                SmsBatch.objects.select_for_update(of=("self",))
                .select_related("region")
                .filter(pk=batch_id)
            ).first()
            if batch is None or batch.status != SmsBatch.NEW:
                return written
            rows = _rows(batch, batch.cursor, chunk, cache)
            if not rows:
                _finish_queueing(batch)
                return written
            written += _write_chunk(batch, rows, cache)
        done_chunks += 1
    return written


def _write_chunk(batch: SmsBatch, rows: list[tuple], cache: dict) -> int:
    indexes = {row[2] for row in rows}
    opted = _present(OptOut, "phone_index", indexes)
    keys = {index: f"bulk-{batch.pk}-{index}" for index in indexes}
    # Numbers this batch already handled (two residents sharing a number, a resumed chunk).
    # When this run has written every earlier message of the batch (there was none when it
    # started, and nobody else wrote since), it knows them; otherwise the outbox is asked.
    handled = cache.setdefault("handled", set())
    if "complete" not in cache:  # this run's first chunk: a batch not yet started?
        cache["complete"] = not OutboxMessage.objects.filter(batch_id=batch.pk).exists()
    elif cache["cursor"] != batch.cursor:
        cache["complete"] = False  # another worker wrote meanwhile
    if cache["complete"]:
        existing = {keys[index] for index in indexes if index in handled}
    else:
        existing = _present(OutboxMessage, "idempotency_key", keys.values())
    # The body is parsed once here; render_body would parse it again for every recipient.
    templates.placeholders(batch.body)
    parts = list(_formatter.parse(batch.body))
    uses_name = any(field == "name" for _lit, field, _s, _c in parts)
    writer = OutboxRows(batch)
    values = []
    opted_out = skipped = 0
    for _position, phone, index, name in rows:
        key = keys[index]
        if key in existing:
            continue
        existing.add(key)
        if index in opted:
            opted_out += 1
            continue
        if not _is_mobile(phone):
            skipped += 1  # a resident's landline
            continue
        context = {"content": batch.content, "name": (name or DEFAULT_NAME) if uses_name else ""}
        values.append(
            writer.row(
                phone=phone,
                phone_index=index,
                body=_render(parts, context),
                key=key,
                n=batch.queued + len(values),
            )
        )
    writer.insert(values)
    if cache["complete"]:
        handled.update(indexes)
    cache["cursor"] = rows[-1][0]
    batch.cursor = rows[-1][0]
    batch.queued += len(values)
    batch.opted_out += opted_out
    batch.skipped += skipped
    batch.save(update_fields=["cursor", "queued", "opted_out", "skipped"])
    return len(values)


def _present(model, field: str, values) -> set[str]:
    """Which of `values` the column holds. Raw SQL because the ORM prepares each of a chunk's
    thousands of IN parameters one by one, which cost as much as the rest of the lookup."""
    values = list(values)
    if not values:
        return set()
    column = connection.ops.quote_name(model._meta.get_field(field).column)
    table = connection.ops.quote_name(model._meta.db_table)
    marks = ", ".join(["%s"] * len(values))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE {column} IN ({marks})", values)
        return {row[0] for row in cursor.fetchall()}


def _render(parts, context: dict) -> str:
    out = []
    for literal, field, _spec, _conversion in parts:
        out.append(literal)
        if field is not None:
            out.append(str(context.get(field, "")))
    return "".join(out)


def _is_mobile(phone: str) -> bool:
    """For numbers already normalised by pii.normalize_phone: mainland mobiles are the 11-digit
    numbers starting with 1, landlines keep their 0 area prefix. (pii.is_mobile parses the
    number through phonenumbers, ~0.1 ms a row.)"""
    return len(phone) == 11 and phone.startswith("1")


class OutboxRows:
    """A batch's outbox rows as INSERT parameters, written with one executemany per chunk.

    Not bulk_create: it builds a model instance per row and runs every field's pre_save, and
    the blind index's pre_save normalises the phone again through phonenumbers (~0.1 ms a
    row), which for 25,000 rows is most of the time, though every number here is already
    normalised and its index known. So the columns that are the same for every message are
    prepared once; per row only the phone and body are encrypted (by their fields, as any
    write does), and each minute's slot time is computed once. The idempotency key is unique:
    a concurrent writer of the same message makes the chunk fail and roll back (the worker
    then resumes), never a second message.
    """

    def __init__(self, batch: SmsBatch):
        self.batch = batch
        self.fields = [f for f in OutboxMessage._meta.concrete_fields if not f.primary_key]
        sample = OutboxMessage(
            template_code=batch.template_code,
            batch_id=batch.pk,
            status=OutboxMessage.PENDING,
            created_at=timezone.now(),
        )
        self.constant = [
            f.get_db_prep_save(getattr(sample, f.attname), connection) for f in self.fields
        ]
        names = [f.name for f in self.fields]
        self.at = {
            name: names.index(name)
            for name in ("phone", "phone_index", "body", "idempotency_key", "next_attempt_at")
        }
        self.phone_field = OutboxMessage._meta.get_field("phone")
        self.body_field = OutboxMessage._meta.get_field("body")
        self.time_field = OutboxMessage._meta.get_field("next_attempt_at")
        self.slots: dict[int, object] = {}
        self._last_body: tuple[str, str] | None = None

    def slot(self, n: int):
        minute = n // self.batch.rate_per_minute
        if minute not in self.slots:
            when = sending_window.slot_time(
                n,
                send_after=self.batch.send_after,
                start=self.batch.window_start,
                end=self.batch.window_end,
                rate=self.batch.rate_per_minute,
            )
            self.slots[minute] = self.time_field.get_db_prep_save(when, connection)
        return self.slots[minute]

    def row(self, *, phone: str, phone_index: str, body: str, key: str, n: int) -> list:
        values = list(self.constant)
        values[self.at["phone"]] = self.phone_field.get_prep_value(phone)
        values[self.at["phone_index"]] = phone_index
        values[self.at["body"]] = self._seal_body(body)
        values[self.at["idempotency_key"]] = key
        values[self.at["next_attempt_at"]] = self.slot(n)
        return values

    def _seal_body(self, body: str) -> str:
        # A broadcast's body is the same for every recipient, so it is sealed once and the
        # ciphertext repeated: equal ciphertexts say only that the texts are equal, which the
        # batch says anyway. A body greeting each resident by name is sealed row by row.
        if self._last_body is None or self._last_body[0] != body:
            self._last_body = (body, self.body_field.get_prep_value(body))
        return self._last_body[1]

    def insert(self, rows: list[list]) -> None:
        if not rows:
            return
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        table = connection.ops.quote_name(OutboxMessage._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _finish_queueing(batch: SmsBatch) -> None:
    batch.status = SmsBatch.QUEUED
    batch.total = batch.queued
    batch.recipients = ""  # the list has served its purpose; do not keep the numbers twice
    batch.save(update_fields=["status", "total", "recipients"])
    SmsBatchEvent.objects.create(
        batch=batch,
        action="queued",
        from_status=SmsBatch.NEW,
        to_status=SmsBatch.QUEUED,
        note=str(
            _("写入 %(n)s 条，退订未发 %(o)s 条，无效号码 %(s)s 条")
            % {"n": batch.queued, "o": batch.opted_out, "s": batch.skipped}
        ),
    )


def batch_cancel(*, actor, batch: SmsBatch, reason: str = "") -> SmsBatch:
    """Stop a batch: it writes no more messages and those not yet sent are cancelled."""
    with transaction.atomic():
        locked = SmsBatch.objects.select_for_update().get(pk=batch.pk)
        if not locked.can_cancel():
            raise DomainError(
                "invalid_transition",
                _("当前状态（%(status)s）不能撤销") % {"status": locked.get_status_display()},
                status=409,
            )
        old = locked.status
        pending = OutboxMessage.objects.filter(batch=locked, status=OutboxMessage.PENDING)
        stopped = pending.update(status=OutboxMessage.CANCELLED, last_error=BATCH_CANCELLED_REASON)
        locked.status = SmsBatch.CANCELLED
        locked.total = locked.queued
        locked.recipients = ""
        with audit.acting_as(actor):
            locked.save(update_fields=["status", "total", "recipients"])
        if stopped:
            count_on_batches(Counter({locked.pk: stopped}), OutboxMessage.CANCELLED)
        SmsBatchEvent.objects.create(
            batch=locked,
            action="cancel",
            from_status=old,
            to_status=SmsBatch.CANCELLED,
            actor=actor,
            note=(reason or "").strip(),
        )
    locked.refresh_from_db()
    return locked


def queue_waiting_batches() -> int:
    """The sweep: batches still being written (their task was lost or the worker restarted)."""
    written = 0
    for batch_id in SmsBatch.objects.filter(status=SmsBatch.NEW).values_list("pk", flat=True):
        written += queue_batch(batch_id)
    return written


# --- Reads -----------------------------------------------------------------------------------
def batches_visible_to(user):
    if scoping.is_superuser(user):
        return SmsBatch.objects.select_related("region", "created_by")
    codes = scoping.jurisdiction_codes(user, BULK_ROLES) or []
    if not codes:
        return SmsBatch.objects.none()
    condition = Q()
    for code in codes:
        condition |= Q(region__code__startswith=code)
    return SmsBatch.objects.filter(condition).select_related("region", "created_by")


def get_batch_for(user, pk) -> SmsBatch:
    return scoping.get_object_for(batches_visible_to(user), pk=pk)
