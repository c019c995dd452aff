"""What the status rules read: the admin-edited list of risk areas and the rules themselves.

Rules are rows, not code, so that the health commission can change them and the public page
(/health/rules/) always shows exactly what is applied. A rule is a conjunction of a few typed
conditions rather than a free expression language: every condition must be explainable in one
plain Chinese sentence, and a typed form cannot hold a rule that fails at evaluation time.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.health.models.status import Colour


class RiskLevel(models.TextChoices):
    # Ordered by severity: rank() below relies on this order.
    LOW = "low", _("低风险")
    MEDIUM = "medium", _("中风险")
    HIGH = "high", _("高风险")


RISK_RANK = {RiskLevel.LOW: 1, RiskLevel.MEDIUM: 2, RiskLevel.HIGH: 3}


class RiskAreaQuerySet(models.QuerySet):
    def current(self, at=None):
        at = at or timezone.now()
        return self.filter(valid_from__lte=at).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=at)
        )


class RiskArea(models.Model):
    """An area published as a risk area, for a period. Travel from it within the period counts."""

    name = models.CharField(_("地区名称"), max_length=100)
    level = models.CharField(_("风险等级"), max_length=6, choices=RiskLevel.choices)
    valid_from = models.DateTimeField(_("生效时间"), default=timezone.now)
    valid_until = models.DateTimeField(_("失效时间"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = RiskAreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("风险地区")
        verbose_name_plural = _("风险地区")
        ordering = ["-valid_from", "name"]

    def __str__(self):
        return f"{self.name}（{self.get_level_display()}）"

    def clean(self):
        if self.valid_until and self.valid_from and self.valid_until <= self.valid_from:
            raise ValidationError({"valid_until": _("失效时间应晚于生效时间")})


class StatusRule(models.Model):
    """Conditions → colour. A rule applies when ALL its set conditions hold; among the rules that
    apply the most severe colour wins (then the lowest order). No rule applies: green."""

    order = models.PositiveSmallIntegerField(_("顺序"), default=10)
    name = models.CharField(_("规则名称"), max_length=60)
    # The conditions; an empty one is not checked.
    symptoms = models.BooleanField(_("有发热、咳嗽等症状"), default=False)
    min_temperature = models.DecimalField(
        _("体温达到（℃）"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    travel_level = models.CharField(
        _("到过风险地区（至少此等级）"), max_length=6, choices=RiskLevel.choices, blank=True
    )
    close_contact = models.BooleanField(_("是密切接触者"), default=False)
    colour = models.CharField(
        _("赋码"),
        max_length=6,
        choices=[(Colour.YELLOW, Colour.YELLOW.label), (Colour.RED, Colour.RED.label)],
    )
    reason_code = models.SlugField(_("原因代码"), max_length=40, unique=True)
    explanation = models.CharField(
        _("通俗说明"), max_length=200, help_text=_("向群众公布并在其本人页面显示的原因")
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("赋码规则")
        verbose_name_plural = _("赋码规则")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name

    def clean(self):
        if not (self.symptoms or self.min_temperature or self.travel_level or self.close_contact):
            raise ValidationError(_("请至少设置一个条件"))

    def conditions_text(self) -> list[str]:
        """The conditions in plain words, for the public page."""
        parts = []
        if self.symptoms:
            parts.append(str(_("申报有发热、咳嗽等症状")))
        if self.min_temperature:
            parts.append(str(_("体温达到 %(t)s℃ 或以上") % {"t": self.min_temperature}))
        if self.travel_level:
            parts.append(
                str(
                    _("近 14 天到过%(level)s或以上地区")
                    % {"level": RiskLevel(self.travel_level).label}
                )
            )
        if self.close_contact:
            parts.append(str(_("是确诊或疑似病例的密切接触者")))
        return parts
