"""Categories of matters (an admin-edited tree), their deadline policy and routing rules."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What the reporter wants: the kind sets the default answer limit."""

    CONSULT = "consult", _("咨询")
    HELP = "help", _("求助")
    COMPLAINT = "complaint", _("投诉")
    REPORT = "report", _("举报")
    SUGGESTION = "suggestion", _("建议")
    DISPUTE = "dispute", _("矛盾纠纷")
    PETITION = "petition", _("信访")
    HAZARD = "hazard", _("安全隐患")


class Channel(models.TextChoices):
    HOTLINE = "hotline", _("12345 热线")
    WINDOW = "window", _("窗口")
    ONLINE = "online", _("网上/掌上")
    GRID = "grid", _("网格巡查")
    POLICE = "police", _("110 转办")
    LETTER = "letter", _("来信")


class TimeUnit(models.TextChoices):
    HOURS = "hours", _("小时")
    WORKING_DAYS = "working_days", _("工作日")


# Working days to answer, per kind, when the category sets no limit of its own (DESIGN.md).
KIND_ANSWER_DAYS = {
    Kind.CONSULT: 2,
    Kind.HELP: 10,
    Kind.SUGGESTION: 10,
    Kind.COMPLAINT: 15,
    Kind.REPORT: 15,
    Kind.DISPUTE: 15,
    Kind.PETITION: 15,
    Kind.HAZARD: 15,
}

category_code_validator = RegexValidator(
    r"^[a-z0-9]+(?:[._-][a-z0-9]+)*$",
    _("编码只能包含小写字母、数字和 . _ -，例如 labour.wages"),
)


class Category(models.Model):
    code = models.CharField(
        _("编码"), max_length=60, unique=True, validators=[category_code_validator]
    )
    name = models.CharField(_("名称"), max_length=60)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级分类"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("说明"), blank=True)
    kinds = models.JSONField(
        _("受理的诉求类型"),
        default=list,
        blank=True,
        help_text=_('留空表示受理全部类型；否则填类型代码列表，如 ["complaint", "report"]'),
    )
    is_active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)
    sign_limit = models.PositiveSmallIntegerField(_("签收时限"), default=1)
    sign_unit = models.CharField(
        _("签收时限单位"), max_length=12, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAYS
    )
    answer_limit = models.PositiveSmallIntegerField(
        _("答复时限"),
        null=True,
        blank=True,
        help_text=_("留空则按诉求类型的默认时限：咨询 2、求助/建议 10、其他 15 个工作日"),
    )
    answer_unit = models.CharField(
        _("答复时限单位"),
        max_length=12,
        choices=TimeUnit.choices,
        default=TimeUnit.WORKING_DAYS,
    )
    urgent_sign_hours = models.PositiveSmallIntegerField(_("紧急件签收时限（小时）"), default=2)
    urgent_answer_hours = models.PositiveSmallIntegerField(_("紧急件答复时限（小时）"), default=24)

    class Meta:
        verbose_name = _("事项分类")
        verbose_name_plural = _("事项分类")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        unknown = [k for k in self.kinds or [] if k not in Kind.values]
        if not isinstance(self.kinds, list) or unknown:
            raise ValidationError({"kinds": _("含有未知的诉求类型：%s") % "、".join(unknown)})
        node, seen = self.parent, {self.pk}
        while node is not None:
            if node.pk in seen:
                raise ValidationError({"parent": _("上级分类不能是自己或自己的下级")})
            seen.add(node.pk)
            node = node.parent

    def allows_kind(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds

    def sign_policy(self, *, urgent: bool) -> tuple[int, str]:
        """(amount, unit) for signing for a dispatched case."""
        if urgent:
            return self.urgent_sign_hours, TimeUnit.HOURS
        return self.sign_limit, self.sign_unit

    def answer_policy(self, kind: str, *, urgent: bool) -> tuple[int, str]:
        """(amount, unit) for answering a case of this kind."""
        if urgent:
            return self.urgent_answer_hours, TimeUnit.HOURS
        if self.answer_limit is not None:
            return self.answer_limit, self.answer_unit
        return KIND_ANSWER_DAYS.get(kind, 15), TimeUnit.WORKING_DAYS

    def lineage(self) -> list["Category"]:
        """This category and its ancestors, nearest first (a few levels deep at most)."""
        chain, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain

    @property
    def full_name(self) -> str:
        return " / ".join(c.name for c in reversed(self.lineage()))


class CategoryRoute(models.Model):
    """Which department handles a category in a region by default. The most specific region
    (longest code prefix) wins; without a rule, the parent category's rules apply."""

    category = models.ForeignKey(
        Category, verbose_name=_("分类"), on_delete=models.CASCADE, related_name="routes"
    )
    region = models.ForeignKey(
        "org.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "org.Department", verbose_name=_("默认承办部门"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("分派规则")
        verbose_name_plural = _("分派规则")
        ordering = ["category__code", "region__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "region"],
                name="cases_route_unique_per_region",
                violation_error_message=_("该分类在该区划已有分派规则"),
            )
        ]

    def __str__(self):
        return f"{self.category} · {self.region} → {self.department}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.region_id and self.department_id:
            department_region = self.department.region
            # A town's office can serve its own villages; a city bureau serves every town.
            if not self.region.code.startswith(department_region.code):
                raise ValidationError({"department": _("该部门不负责这个区划")})
