"""The dispute (调解案件), its parties, its mediators and the work orders it came from. Its status
changes only through pingan.mediation.services."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.masking import mask_name
from pingan.mediation.workflow import Status


class DisputeType(models.TextChoices):
    FAMILY = "family", _("婚姻家庭纠纷")
    NEIGHBOURS = "neighbours", _("邻里纠纷")
    LABOUR = "labour", _("劳动争议与欠薪纠纷")
    CONTRACT = "contract", _("合同纠纷")
    DAMAGES = "damages", _("损害赔偿纠纷")
    PROPERTY = "property", _("物业管理纠纷")
    LAND = "land", _("山林土地纠纷")
    MEDICAL = "medical", _("医疗纠纷")
    TRAFFIC = "traffic", _("道路交通事故纠纷")
    OTHER = "other", _("其他纠纷")


class Level(models.TextChoices):
    VILLAGE = "village", _("村（社区）人民调解委员会")
    TOWN = "town", _("镇（街道）矛调中心")
    CITY = "city", _("市矛调中心")
    COURT = "court", _("人民调解驻庭")


# Escalation goes one level up; a court-based mediation is the court's own track.
NEXT_LEVEL = {Level.VILLAGE: Level.TOWN, Level.TOWN: Level.CITY}


class Source(models.TextChoices):
    APPLICATION = "application", _("当事人申请")
    INITIATIVE = "initiative", _("主动调解")
    CASE = "case", _("工单转入")
    PETITION = "petition", _("信访转入")
    COURT = "court", _("法院委派（诉前调解）")


class ReferralKind(models.TextChoices):
    RESIDENT_MEDIATION = "resident", _("人民调解驻庭")
    JUDGE_IN_TOWN = "judge_in_town", _("法官驻镇联村")


class Outcome(models.TextChoices):
    AGREEMENT = "agreement", _("调解成功")
    TERMINATED = "terminated", _("调解终止")
    WITHDRAWN = "withdrawn", _("撤回")
    REFUSED = "refused", _("不予受理")
    RETURNED = "returned_to_court", _("退回法院")


class Route(models.TextChoices):
    """The other ways to settle a dispute, told to the parties when mediation ends without one."""

    ARBITRATION = "arbitration", _("申请仲裁")
    LITIGATION = "litigation", _("向人民法院起诉")
    ADMINISTRATIVE = "administrative", _("请求有关行政机关处理")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class Dispute(models.Model):
    number = models.CharField(_("案件编号"), max_length=20, unique=True)
    title = models.CharField(_("案由"), max_length=100)
    description = models.TextField(_("纠纷简要情况"))
    dispute_type = models.CharField(_("纠纷类型"), max_length=12, choices=DisputeType.choices)
    source = models.CharField(_("来源"), max_length=12, choices=Source.choices)
    level = models.CharField(_("调解层级"), max_length=8, choices=Level.choices)
    region = models.ForeignKey(
        "org.Region", verbose_name=_("纠纷发生地"), on_delete=models.PROTECT, related_name="+"
    )
    # The mediation organisation that runs it (a 矛调中心, 司法所 or the court's desk).
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("调解组织"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Whose seal the agreement bears; set from the level and region, editable with the draft.
    committee_name = models.CharField(_("人民调解委员会"), max_length=100)
    people_count = models.PositiveIntegerField(_("涉及人数"), default=1)
    amount = models.DecimalField(
        _("涉及金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.APPLIED
    )

    source_case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("来源工单"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    court = models.ForeignKey(
        "org.Department",
        verbose_name=_("委派法院"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    court_case_number = models.CharField(_("法院案号"), max_length=40, blank=True)
    referral_kind = models.CharField(
        _("委派方式"), max_length=16, choices=ReferralKind.choices, blank=True
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("委派法官"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    referred_at = models.DateTimeField(_("委派时间"), null=True, blank=True)

    # Signs that the conflict may turn violent (threats, fights), judged by the mediator.
    escalation_signs = models.BooleanField(_("有激化苗头"), default=False)
    risk_note = models.CharField(_("风险研判说明"), max_length=200, blank=True)

    # The mediation deadline: 30 days from acceptance, or from the court's referral for a
    # pre-litigation mediation (extended with both parties' consent).
    due_at = models.DateTimeField(_("调解期限"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("已延长天数"), default=0)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    started_at = models.DateTimeField(_("开始调解时间"), null=True, blank=True)
    concluded_at = models.DateTimeField(_("调解结束时间"), null=True, blank=True)
    outcome = models.CharField(_("调解结果"), max_length=20, choices=Outcome.choices, blank=True)
    # From acceptance (or referral) to conclusion; kept so averages are one SQL aggregate.
    duration_seconds = models.PositiveIntegerField(_("调解用时（秒）"), null=True, blank=True)
    termination_routes = models.JSONField(_("告知的其他途径"), default=list, blank=True)
    followed_up_at = models.DateTimeField(_("回访时间"), null=True, blank=True)
    satisfaction = models.CharField(
        _("回访满意度"), max_length=12, choices=Satisfaction.choices, blank=True
    )
    closed_at = models.DateTimeField(_("结案时间"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("调解案件")
        verbose_name_plural = _("调解案件")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "region"], name="mediation_status_region"),
            models.Index(fields=["region", "accepted_at"], name="mediation_region_accepted"),
            models.Index(fields=["region", "concluded_at"], name="mediation_region_concluded"),
            models.Index(fields=["due_at"], name="mediation_due_at"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def is_prelitigation(self) -> bool:
        return self.source == Source.COURT

    @property
    def is_open(self) -> bool:
        from pingan.mediation.workflow import OPEN

        return self.status in OPEN

    def active_mediators(self) -> list["DisputeMediator"]:
        """The mediators on the case (from a prefetch when the caller made one)."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        rows = cache["mediators"] if "mediators" in cache else self.mediators.all()
        return [m for m in rows if m.is_active]


class Side(models.TextChoices):
    APPLICANT = "applicant", _("申请方")
    RESPONDENT = "respondent", _("被申请方")


class PartyKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANISATION = "organisation", _("法人或其他组织")


class DisputeParty(models.Model):
    """One party: a person (people.Person, encrypted) or an organisation, which is named by
    its name and unified social credit code and acts through a representative Person."""

    dispute = models.ForeignKey(
        Dispute, verbose_name=_("调解案件"), on_delete=models.PROTECT, related_name="parties"
    )
    side = models.CharField(_("当事人一方"), max_length=10, choices=Side.choices)
    kind = models.CharField(_("类别"), max_length=12, choices=PartyKind.choices)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("当事人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    org_name = models.CharField(_("单位名称"), max_length=100, blank=True)
    org_credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    representative = models.ForeignKey(
        "people.Person",
        verbose_name=_("法定代表人或代理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # What the party is in the matter: 分包班组长, 工人代表, 建设单位 …
    role_note = models.CharField(_("身份说明"), max_length=60, blank=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("有效"), default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"))

    class Meta:
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")
        ordering = ["side", "position", "id"]

    def __str__(self):
        return self.masked_name

    @property
    def is_organisation(self) -> bool:
        return self.kind == PartyKind.ORGANISATION

    @property
    def contact(self):
        """The Person reached by SMS and shown with ID details: the party or its representative."""
        return self.representative if self.is_organisation else self.person

    @property
    def full_name(self) -> str:
        if self.is_organisation:
            return self.org_name
        return self.person.name if self.person_id else ""

    @property
    def masked_name(self) -> str:
        # An organisation's name is public; a person's is personal data.
        return self.org_name if self.is_organisation else mask_name(self.full_name)


class MediatorKind(models.TextChoices):
    MEDIATOR = "mediator", _("人民调解员")
    LEGAL_DUTY = "legal_duty", _("法官/律师（三官一师）")


class DisputeMediator(models.Model):
    dispute = models.ForeignKey(
        Dispute, verbose_name=_("调解案件"), on_delete=models.PROTECT, related_name="mediators"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("调解员"),
        on_delete=models.PROTECT,
        related_name="mediations",
    )
    kind = models.CharField(_("身份"), max_length=12, choices=MediatorKind.choices)
    is_active = models.BooleanField(_("在办"), default=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("指派人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("指派时间"))

    class Meta:
        verbose_name = _("调解员")
        verbose_name_plural = _("调解员")
        ordering = ["assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispute", "user"],
                name="mediation_one_assignment_per_user",
                violation_error_message=_("该调解员已在本案中"),
            )
        ]

    def __str__(self):
        return f"{self.dispute_id} {self.user}"


class DisputeCaseLink(models.Model):
    """A work order (or petition case) about the same matter; its merged reports count too."""

    dispute = models.ForeignKey(
        Dispute, verbose_name=_("调解案件"), on_delete=models.PROTECT, related_name="case_links"
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("工单"), on_delete=models.PROTECT, related_name="+"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("关联人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    linked_at = models.DateTimeField(_("关联时间"))

    class Meta:
        verbose_name = _("关联工单")
        verbose_name_plural = _("关联工单")
        ordering = ["linked_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispute", "case"],
                name="mediation_one_link_per_case",
                violation_error_message=_("该工单已关联本案"),
            )
        ]

    def __str__(self):
        return f"{self.dispute_id} ↔ {self.case_id}"
