"""The queue: numbers taken at the kiosk or by phone, called to windows."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.fields import BlindIndexField, EncryptedTextField
from pingan.core.masking import mask_phone
from pingan.core.models import AppendOnlyQuerySet
from pingan.hall.workflow import HOLDING, TicketAction, TicketStatus


class Ticket(models.Model):
    """One number of one day's queue of one window kind at one centre (A012, L003)."""

    class Source(models.TextChoices):
        KIOSK = "kiosk", _("自助取号机")
        PHONE = "phone", _("手机扫码")
        API = "api", _("接口")

    centre = models.ForeignKey(
        "hall.ServiceCentre",
        verbose_name=_("服务中心"),
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    kind = models.ForeignKey(
        "hall.WindowKind", verbose_name=_("业务类别"), on_delete=models.PROTECT, related_name="+"
    )
    business_date = models.DateField(_("日期"))
    seq = models.PositiveSmallIntegerField(_("序号"))
    number = models.CharField(_("号码"), max_length=8)
    # Unguessable: the visitor's own page (status, people ahead, cancel) is found by it.
    token = models.CharField(max_length=32, unique=True, editable=False)
    source = models.CharField(_("取号方式"), max_length=8, choices=Source.choices)
    phone = EncryptedTextField(_("手机号"), kind="phone", blank=True)
    phone_index = BlindIndexField(source="phone", kind="phone")
    status = models.CharField(
        _("状态"), max_length=10, choices=TicketStatus.choices, default=TicketStatus.WAITING
    )
    window = models.ForeignKey(
        "hall.Window",
        verbose_name=_("办理窗口"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("叫号人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    taken_at = models.DateTimeField(_("取号时间"))
    called_at = models.DateTimeField(_("首次叫号时间"), null=True, blank=True)
    last_called_at = models.DateTimeField(_("最近叫号时间"), null=True, blank=True)
    recall_count = models.PositiveSmallIntegerField(_("重呼次数"), default=0)
    started_at = models.DateTimeField(_("开始办理时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    # Kept as numbers when the ticket is called and finished, so daily averages are one query.
    wait_seconds = models.PositiveIntegerField(_("等候秒数"), null=True, blank=True)
    service_seconds = models.PositiveIntegerField(_("办理秒数"), null=True, blank=True)

    class Meta:
        verbose_name = _("排队号")
        verbose_name_plural = _("排队号")
        ordering = ["-business_date", "kind", "seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "kind", "business_date", "seq"],
                name="hall_ticket_unique_number",
            ),
            # One place in the queue per phone per centre per day; the service says so first,
            # this keeps two simultaneous requests from both getting one.
            models.UniqueConstraint(
                fields=["centre", "business_date", "phone_index"],
                condition=models.Q(status__in=sorted(s.value for s in HOLDING))
                & ~models.Q(phone_index=""),
                name="hall_ticket_one_place_per_phone",
            ),
        ]
        indexes = [
            models.Index(fields=["centre", "business_date", "status"], name="hall_ticket_day"),
            models.Index(fields=["window", "status"], name="hall_ticket_window"),
        ]

    def __str__(self):
        return f"{self.centre.name} {self.business_date:%Y-%m-%d} {self.number}"

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def status_label(self) -> str:
        return str(TicketStatus(self.status).label)


class TicketEvent(models.Model):
    """The ticket's timeline: taken, called (and recalled), started, finished. Append-only."""

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("排队号"), on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("动作"), max_length=10, choices=TicketAction.choices)
    from_status = models.CharField(_("原状态"), max_length=10, blank=True)
    to_status = models.CharField(_("新状态"), max_length=10, blank=True)
    window = models.ForeignKey(
        "hall.Window",
        verbose_name=_("窗口"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"))

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("叫号记录")
        verbose_name_plural = _("叫号记录")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.ticket.number} {self.get_action_display()}"
