"""Who a person is to the platform (resident, new resident, visitor) and what they declared."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.health.models.status import Colour


class ResidentKind(models.TextChoices):
    RESIDENT = "resident", _("户籍居民")
    MIGRANT = "migrant", _("新居民")  # 新居民: people who came to work and live here
    VISITOR = "visitor", _("来桐人员")  # short stay: visiting, on business


class Channel(models.TextChoices):
    PHONE = "phone", _("手机自助")
    WINDOW = "window", _("窗口代办")


class Registration(models.Model):
    """The health registration of one person: what kind of resident, how and when registered.
    Residence and employer are kept by the passes app (Residence, Employment)."""

    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("人员"),
        on_delete=models.PROTECT,
        related_name="health_registration",
    )
    kind = models.CharField(_("人员类别"), max_length=10, choices=ResidentKind.choices)
    channel = models.CharField(_("登记渠道"), max_length=6, choices=Channel.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    phone_confirmed_at = models.DateTimeField(_("手机验证时间"))
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("健康登记")
        verbose_name_plural = _("健康登记")

    def __str__(self):
        return f"{self.person} {self.get_kind_display()}"


class Symptom(models.TextChoices):
    FEVER = "fever", _("发热")
    COUGH = "cough", _("咳嗽")
    SORE_THROAT = "sore_throat", _("咽痛")
    FATIGUE = "fatigue", _("乏力")
    TASTE = "taste", _("嗅觉或味觉减退")
    DIARRHOEA = "diarrhoea", _("腹泻")


class Declaration(models.Model):
    """One health declaration (健康申报). Append-only: a new one is made each time; the colour it
    led to and the rule that decided it are kept, so the holder and officers can see why."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("人员"),
        on_delete=models.PROTECT,
        related_name="health_declarations",
    )
    symptoms = models.JSONField(_("症状"), default=list, blank=True)
    temperature = models.DecimalField(_("体温（℃）"), max_digits=3, decimal_places=1)
    travelled = models.ManyToManyField(
        "health.RiskArea", verbose_name=_("近 14 天到过的风险地区"), blank=True, related_name="+"
    )
    close_contact = models.BooleanField(_("密切接触者"), default=False)
    channel = models.CharField(_("申报渠道"), max_length=6, choices=Channel.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # What the rules made of it (before the rule that a declaration never lowers a colour).
    computed_colour = models.CharField(_("规则结果"), max_length=6, choices=Colour.choices)
    rule = models.ForeignKey(
        "health.StatusRule",
        verbose_name=_("适用规则"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("申报时间"), db_index=True)

    class Meta:
        verbose_name = _("健康申报")
        verbose_name_plural = _("健康申报")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.person} {self.created_at:%Y-%m-%d %H:%M}"

    def symptom_labels(self) -> list[str]:
        return [str(Symptom(code).label) for code in self.symptoms if code in Symptom.values]
