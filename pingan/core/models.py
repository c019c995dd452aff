from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError


class AppendOnlyQuerySet(models.QuerySet):
    """Rows of an append-only log are written once and never changed or removed through the ORM
    (the database refuses updates too, see the migration's trigger)."""

    def update(self, **kwargs):
        raise DomainError("append_only", _("日志只能追加，不能修改"))

    def delete(self):
        raise DomainError("append_only", _("日志只能追加，不能删除"))


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("新增")
        UPDATE = "update", _("修改")
        DELETE = "delete", _("删除")
        REVEAL = "reveal", _("查看个人信息明文")
        LOGIN = "login", _("登录")
        LOGIN_FAILED = "login_failed", _("登录失败")
        LOGOUT = "logout", _("退出")
        TOKEN_ISSUED = "token_issued", _("签发令牌")
        TOKEN_REVOKED = "token_revoked", _("吊销令牌")
        EXPORT = "export", _("导出")
        READ = "read", _("查阅受限记录")

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("操作人（记录时）"), max_length=150, blank=True)
    action = models.CharField(_("动作"), max_length=20, choices=Action.choices, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("对象类型"), null=True, blank=True, on_delete=models.PROTECT
    )
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    changes = models.JSONField(_("变更内容"), default=dict, blank=True)
    reason = models.CharField(_("事由"), max_length=200, blank=True)
    ip = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise DomainError("append_only", _("日志只能追加，不能修改"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DomainError("append_only", _("日志只能追加，不能删除"))


class CalendarDay(models.Model):
    """An admin's word on one date, which beats the chinese_calendar package: the next year's
    holidays before the package knows them, or a local change to the official arrangement.
    Read only through pingan.core.workcalendar."""

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(
        _("工作日"), help_text=_("勾选为上班（含调休上班），不勾选为放假")
    )
    note = models.CharField(
        _("说明"), max_length=100, blank=True, help_text=_("如：国庆节、春节调休上班")
    )

    class Meta:
        verbose_name = _("工作日历调整")
        verbose_name_plural = _("工作日历调整")
        ordering = ["date"]

    def __str__(self):
        kind = _("上班") if self.is_workday else _("放假")
        return f"{self.date:%Y-%m-%d} {kind} {self.note}".rstrip()


class ScheduledJobRun(models.Model):
    """One row per periodic job (core.scheduler): when it last ran, how it went, and which
    scheduler process holds it now. Every scheduler process reads and claims the same row, so
    together they run each job once per interval."""

    # Held by a scheduler that is running it now (until locked_until).
    RUNNING = "running"
    # The last run finished normally.
    OK = "ok"
    # The last run raised; last_summary holds the error.
    ERROR = "error"
    STATUS_CHOICES = [(RUNNING, _("运行中")), (OK, _("成功")), (ERROR, _("出错"))]

    name = models.CharField(_("任务"), max_length=100, unique=True)
    last_started_at = models.DateTimeField(_("最近开始"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("最近结束"), null=True, blank=True)
    last_status = models.CharField(_("状态"), max_length=10, choices=STATUS_CHOICES, blank=True)
    last_summary = models.TextField(_("结果摘要"), blank=True)
    locked_by = models.CharField(_("执行进程"), max_length=100, blank=True)
    locked_until = models.DateTimeField(_("占用至"), null=True, blank=True)

    class Meta:
        verbose_name = _("定时任务")
        verbose_name_plural = _("定时任务")
        ordering = ["name"]

    def __str__(self):
        return self.name


class RetentionRun(models.Model):
    """One run of one retention policy (pingan.core.retention): when, with which period, how
    many rows it deleted or anonymised. Shown to administrators at /admin-tools/retention/."""

    policy = models.CharField(_("保留策略"), max_length=100)
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("结束时间"))
    days = models.PositiveIntegerField(_("保留天数"))
    cutoff = models.DateTimeField(_("截止时间"), help_text=_("早于此时间的记录已处理"))
    rows = models.PositiveIntegerField(_("处理行数"), default=0)
    ok = models.BooleanField(_("成功"), default=True)
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        verbose_name = _("数据保留执行记录")
        verbose_name_plural = _("数据保留执行记录")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["policy", "-started_at"], name="core_retention_policy_at")]

    def __str__(self):
        return f"{self.policy} {self.started_at:%Y-%m-%d %H:%M} {self.rows}"
