"""The SMS outbox and what shapes it: message templates, opt-outs and batches.

An OutboxMessage is written in the same transaction as the business change that causes it, so
the message exists exactly when the change does; the worker (pingan.notify.delivery) sends it
afterwards. See delivery.py for the guarantee and how it is kept.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core.fields import BlindIndexField, EncryptedTextField
from pingan.core.masking import mask_phone
from pingan.core.models import AppendOnlyQuerySet

template_code_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9_.-]*$", _("代码只能包含小写字母、数字、点、下划线和连字符")
)


class MessageTemplate(models.Model):
    """An administrator's wording for a message. The code's default (registered by the app that
    sends it, see templates.register_default) applies while no active row exists."""

    code = models.CharField(
        _("代码"), max_length=64, unique=True, validators=[template_code_validator]
    )
    name = models.CharField(_("名称"), max_length=100)
    body = models.TextField(
        _("内容"), help_text=_("用 {参数名} 插入参数，例如 {number}；可用参数见默认内容")
    )
    is_active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("短信模板")
        verbose_name_plural = _("短信模板")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        from pingan.notify import templates

        templates.validate_body(self.code, self.body)


class SmsBatch(models.Model):
    """Messages sent together (a bulk notice, 群发短信). The counters are kept by the worker as
    each message reaches a final status, so progress is one row read, not a count over the outbox.

    A person creates the batch (recipients, template, send window and rate); the worker writes
    its messages into the outbox in chunks (pingan.notify.bulk), each chunk with the position
    reached, so a restarted worker resumes where it stopped and never writes a message twice.
    """

    # Created; the worker has not written all its messages yet (queued counts those written).
    NEW = "new"
    # Every message written to the outbox; they go out within the window at the rate.
    QUEUED = "queued"
    # Stopped by a person; messages not yet sent were cancelled.
    CANCELLED = "cancelled"
    STATUS_CHOICES = [
        (NEW, _("排队中")),
        (QUEUED, _("发送中")),
        (CANCELLED, _("已撤销")),
    ]
    TRANSITIONS = {
        "queued": ({NEW}, QUEUED),
        "cancel": ({NEW, QUEUED}, CANCELLED),
    }

    class Source(models.TextChoices):
        REGION = "region", _("辖区居民")
        EXCEL = "excel", _("Excel 名单")
        PLEDGE = "pledge", _("公约签署人")

    name = models.CharField(_("名称"), max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    # Whose batch it is: the jurisdiction that may see it (a town's officer sees the town's).
    region = models.ForeignKey(
        "org.Region",
        verbose_name=_("区域"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(_("状态"), max_length=10, choices=STATUS_CHOICES, default=NEW)
    template_code = models.CharField(_("模板"), max_length=64, blank=True)
    # The wording in force when the batch was created, so every recipient gets the same text.
    body = models.TextField(_("模板内容"), blank=True)
    content = models.TextField(_("通知内容"), blank=True)
    source = models.CharField(_("接收人来源"), max_length=10, choices=Source.choices, blank=True)
    source_ref = models.CharField(_("来源编号"), max_length=40, blank=True)
    source_label = models.CharField(_("接收人"), max_length=200, blank=True)
    # An uploaded list, validated when it was uploaded: JSON [[phone, name], ...], encrypted.
    recipients = EncryptedTextField(_("名单"), kind="text", blank=True)
    expected = models.PositiveIntegerField(_("预计人数"), default=0)
    send_after = models.DateTimeField(_("最早发送时间"), default=timezone.now)
    window_start = models.TimeField(_("每日发送开始"), default=datetime.time(8, 0))
    window_end = models.TimeField(_("每日发送结束"), default=datetime.time(20, 0))
    rate_per_minute = models.PositiveIntegerField(_("每分钟条数"), default=200)
    # Where the worker stopped: the last source position written, and how many messages.
    cursor = models.BigIntegerField(_("进度位置"), default=0)
    queued = models.PositiveIntegerField(_("已写入"), default=0)
    opted_out = models.PositiveIntegerField(_("退订未发"), default=0)
    skipped = models.PositiveIntegerField(_("无效号码未发"), default=0)
    total = models.PositiveIntegerField(_("总数"), default=0)
    sent = models.PositiveIntegerField(_("已发送"), default=0)
    failed = models.PositiveIntegerField(_("发送失败"), default=0)
    cancelled = models.PositiveIntegerField(_("已取消"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)

    class Meta:
        verbose_name = _("群发批次")
        verbose_name_plural = _("群发批次")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(window_start__lt=models.F("window_end")),
                name="notify_batch_window_order",
                violation_error_message=_("发送开始时间须早于结束时间"),
            ),
            models.CheckConstraint(
                condition=Q(rate_per_minute__gte=1), name="notify_batch_rate_positive"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.cancelled

    @property
    def is_finished(self) -> bool:
        return self.status == self.CANCELLED or (
            self.status == self.QUEUED and self.done >= self.total
        )

    def can(self, action: str) -> bool:
        return self.status in self.TRANSITIONS[action][0]

    @property
    def preview(self) -> str:
        """The message as a recipient whose name is unknown reads it."""
        from pingan.core.errors import DomainError
        from pingan.notify import templates

        context = {"name": "居民", "content": self.content}
        try:
            return templates.render_body(self.template_code, self.body, context)
        except DomainError:  # a malformed body still shows, as written
            return self.body

    def can_cancel(self) -> bool:
        return self.can("cancel")


class SmsBatchEvent(models.Model):
    """The batch's timeline (append-only): created, all queued, cancelled."""

    batch = models.ForeignKey(
        SmsBatch, verbose_name=_("群发批次"), on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("动作"), max_length=10)
    from_status = models.CharField(_("原状态"), max_length=10, blank=True)
    to_status = models.CharField(_("新状态"), max_length=10)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("说明"), blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now)

    ACTIONS = {"create": _("创建"), "queued": _("写入完成"), "cancel": _("撤销")}

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("群发记录")
        verbose_name_plural = _("群发记录")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.batch} {self.action}"

    @property
    def action_label(self) -> str:
        return str(self.ACTIONS.get(self.action, self.action))

    @property
    def to_status_label(self) -> str:
        return str(dict(SmsBatch.STATUS_CHOICES).get(self.to_status, self.to_status))


class OptOut(models.Model):
    """A number that asked not to receive messages. Only the blind index is kept (enough to
    match an outgoing message) and a masked form for people to recognise the row."""

    class Source(models.TextChoices):
        CITIZEN = "citizen", _("本人申请")
        HOTLINE = "hotline", _("热线登记")
        SMS_REPLY = "sms_reply", _("短信回复退订")
        ADMIN = "admin", _("管理员登记")

    phone_index = models.CharField(_("号码索引"), max_length=32, unique=True, editable=False)
    phone_masked = models.CharField(_("号码"), max_length=20, editable=False)
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices)
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("退订号码")
        verbose_name_plural = _("退订号码")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.phone_masked


class OutboxMessage(models.Model):
    class Channel(models.TextChoices):
        SMS = "sms", _("短信")

    # Written with the business change; waiting for its (next) attempt at next_attempt_at.
    PENDING = "pending"
    # Claimed by a worker that is handing it to the gateway now (since claimed_at).
    SENDING = "sending"
    # The gateway accepted it; final.
    SENT = "sent"
    # Every attempt failed; final unless someone retries it by hand.
    FAILED = "failed"
    # Not sent on purpose (the number opted out); final.
    CANCELLED = "cancelled"
    STATUS_CHOICES = [
        (PENDING, _("待发送")),
        (SENDING, _("发送中")),
        (SENT, _("已发送")),
        (FAILED, _("发送失败")),
        (CANCELLED, _("已取消")),
    ]
    # The one table of allowed moves. SENDING -> SENDING is a new claim after the previous
    # worker's claim timed out; SENDING -> PENDING schedules a retry after a failed attempt.
    TRANSITIONS = {
        PENDING: {SENDING, CANCELLED},
        SENDING: {SENDING, SENT, PENDING, FAILED, CANCELLED},
        FAILED: {PENDING},
        SENT: set(),
        CANCELLED: set(),
    }

    channel = models.CharField(
        _("渠道"), max_length=10, choices=Channel.choices, default=Channel.SMS
    )
    batch = models.ForeignKey(
        SmsBatch,
        verbose_name=_("群发批次"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="messages",
    )
    phone = EncryptedTextField(_("接收号码"), kind="phone")
    phone_index = BlindIndexField(source="phone", kind="phone")
    # Encrypted as well: bodies carry query codes and case details meant for one person only.
    body = EncryptedTextField(_("内容"), kind="text")
    template_code = models.CharField(_("模板"), max_length=64, db_index=True)
    status = models.CharField(_("状态"), max_length=10, choices=STATUS_CHOICES, default=PENDING)
    attempts = models.PositiveSmallIntegerField(_("已尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), default=timezone.now)
    claimed_at = models.DateTimeField(_("领取时间"), null=True, blank=True)
    last_error = models.TextField(_("最近错误或取消原因"), blank=True)
    # Travels to the gateway with every attempt, so a repeated attempt is recognised there.
    idempotency_key = models.CharField(_("幂等键"), max_length=200, unique=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("关联对象类型"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.CharField(_("关联对象编号"), max_length=64, blank=True)
    related = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    gateway_message_id = models.CharField(_("网关消息编号"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("待发消息")
        verbose_name_plural = _("待发消息")
        ordering = ["-created_at", "-id"]
        indexes = [
            # Partial indexes stay as small as the backlog, however large the history grows.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="notify_outbox_due_idx",
            ),
            models.Index(
                fields=["claimed_at"],
                condition=Q(status="sending"),
                name="notify_outbox_claimed_idx",
            ),
            models.Index(fields=["content_type", "object_id"], name="notify_outbox_related_idx"),
            models.Index(fields=["status", "created_at"], name="notify_outbox_status_idx"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.template_code} → {self.masked_phone}"

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @classmethod
    def sources_of(cls, target: str) -> list[str]:
        """The statuses from which `target` may be reached, per TRANSITIONS."""
        return [old for old, allowed in cls.TRANSITIONS.items() if target in allowed]

    def can_retry(self) -> bool:
        """A person may send again only what the worker gave up on; SENDING -> PENDING is the
        worker's own retry, never a person's."""
        return self.status == self.FAILED
