"""Community pledges (公约, 村规民约) and their signatures.

A pledge belongs to a region (a village's 村规民约, a street's 抗疫公约) and is valid between two
dates. Residents sign it online, proving their phone with an SMS code, or on a paper sheet that
staff enter with the scanned sheet (or thumbprint) attached. One person signs a pledge once
(a database constraint). Coverage counts households, not people: each signature records the
household it was given for (see `household_key`).
"""

import secrets
import unicodedata

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core.crypto import keyed_digest
from pingan.core.fields import EncryptedTextField
from pingan.core.masking import mask_address
from pingan.core.models import AppendOnlyQuerySet
from pingan.pledges.workflow import PledgeAction, PledgeStatus


def new_token() -> str:
    return secrets.token_urlsafe(12)


class Pledge(models.Model):
    region = models.ForeignKey(
        "org.Region", verbose_name=_("区域"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("公约内容"))
    valid_from = models.DateField(_("生效日期"))
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=PledgeStatus.choices, default=PledgeStatus.DRAFT
    )
    # The public link (and QR code) carries this, not the id, so links cannot be enumerated.
    token = models.CharField(_("链接标识"), max_length=24, unique=True, default=new_token)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("公约")
        verbose_name_plural = _("公约")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="pledges_pledge_valid_dates",
                violation_error_message=_("有效期至不能早于生效日期"),
            )
        ]

    def __str__(self):
        return self.title

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def is_open_for_signing(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.status == PledgeStatus.PUBLISHED and self.is_valid_on(day)


class PledgeEvent(models.Model):
    """The pledge's timeline (append-only): drafted, published, withdrawn."""

    pledge = models.ForeignKey(
        Pledge, verbose_name=_("公约"), on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("动作"), max_length=10, choices=PledgeAction.choices)
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

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("公约记录")
        verbose_name_plural = _("公约记录")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.pledge} {self.get_action_display()}"


def household_key(region_code: str, household: str) -> str:
    """The household a signature counts for: a keyed digest of the household number or address
    as written (spaces dropped, full-width characters folded, letters upper-cased), within the
    village it is in. Two members of one household who write the same address count once;
    the address itself stays encrypted."""
    text = unicodedata.normalize("NFKC", household or "")
    text = "".join(text.split()).upper()
    return keyed_digest(f"{region_code}|{text}".encode(), purpose="pledge-household").hex()


def sheet_path(instance, filename: str) -> str:
    # Our own file name, never the uploader's.
    return f"pledges/{instance.pledge_id}/{secrets.token_hex(12)}.{instance.sheet_extension}"


class Signature(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", _("在线签署")
        PAPER = "paper", _("纸质签署")

    SHEET_MAX_BYTES = 5 * 1024 * 1024

    pledge = models.ForeignKey(
        Pledge, verbose_name=_("公约"), on_delete=models.PROTECT, related_name="signatures"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("签署人"), on_delete=models.PROTECT, related_name="+"
    )
    # The village (or grid) the household lives in: inside the pledge's region.
    region = models.ForeignKey(
        "org.Region", verbose_name=_("所在村/社区"), on_delete=models.PROTECT, related_name="+"
    )
    household = EncryptedTextField(_("户号或住址"), kind="address")
    household_key = models.CharField(_("户标识"), max_length=64, editable=False)
    channel = models.CharField(_("签署方式"), max_length=10, choices=Channel.choices)
    sheet = models.FileField(_("签字页扫描件"), upload_to=sheet_path, max_length=200, blank=True)
    sheet_type = models.CharField(_("文件类型"), max_length=30, blank=True)
    sheet_extension = models.CharField(max_length=5, blank=True, editable=False)
    sheet_size = models.PositiveIntegerField(_("文件大小（字节）"), default=0)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("签署时间"), default=timezone.now)

    class Meta:
        verbose_name = _("公约签署")
        verbose_name_plural = _("公约签署")
        ordering = ["-signed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "person"],
                name="pledges_one_signature_per_person",
                violation_error_message=_("此人已签署过本公约"),
            )
        ]
        indexes = [models.Index(fields=["pledge", "household_key"], name="pledges_household_idx")]

    def __str__(self):
        return f"{self.pledge} · {self.person}"

    @property
    def masked_household(self) -> str:
        return mask_address(self.household)
