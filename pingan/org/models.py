from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin, UserManager
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core.fields import BlindIndexField, EncryptedTextField
from pingan.core.masking import mask_phone
from pingan.org.roles import Role


class Region(models.Model):
    """A node of the administrative tree. The code is GB/T 2260 for the county (6 digits), then
    the statistical codes of towns (+3) and villages (+3), then our own grid numbers (+3), so a
    region's code is the prefix of every code below it and a subtree is one indexed prefix scan.
    """

    class Level(models.TextChoices):
        CITY = "city", _("市/县")
        TOWN = "town", _("街道/镇")
        VILLAGE = "village", _("村/社区")
        GRID = "grid", _("网格")

    CODE_LENGTHS = {Level.CITY: 6, Level.TOWN: 9, Level.VILLAGE: 12, Level.GRID: 15}
    PARENT_LEVEL = {Level.TOWN: Level.CITY, Level.VILLAGE: Level.TOWN, Level.GRID: Level.VILLAGE}

    code = models.CharField(_("区划代码"), max_length=15, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    households = models.PositiveIntegerField(_("户数"), default=0)
    population = models.PositiveIntegerField(_("人口"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code"]

    def __str__(self):
        return self.name

    def clean(self):
        expected = self.CODE_LENGTHS.get(self.level)
        if not self.code.isdigit() or len(self.code) != expected:
            raise ValidationError(
                {
                    "code": _("%(level)s的代码应为 %(n)s 位数字")
                    % {"level": self.get_level_display(), "n": expected}
                }
            )
        if self.level == self.Level.CITY:
            if self.parent_id:
                raise ValidationError({"parent": _("市/县不能有上级")})
            return
        if self.parent is None or self.parent.level != self.PARENT_LEVEL[self.level]:
            raise ValidationError({"parent": _("上级的层级不对")})
        if not self.code.startswith(self.parent.code):
            raise ValidationError({"code": _("代码必须以上级代码开头")})

    def subtree(self):
        """This region and everything below it."""
        return Region.objects.filter(code__startswith=self.code)

    def contains(self, other: "Region") -> bool:
        return other.code.startswith(self.code)

    def ancestors(self):
        """From the city down to this region's parent, without querying per level."""
        prefixes = [
            self.code[:length]
            for length in sorted(set(self.CODE_LENGTHS.values()))
            if length < len(self.code)
        ]
        return Region.objects.filter(code__in=prefixes).order_by("code")

    @property
    def full_name(self) -> str:
        return "".join(r.name for r in [*self.ancestors(), self])


class Department(models.Model):
    class Kind(models.TextChoices):
        PUBLIC_SECURITY = "public_security", _("公安")
        POLICE_STATION = "police_station", _("派出所")
        JUSTICE = "justice", _("司法")
        GOVERNANCE = "governance", _("综治/矛调中心")
        PETITION = "petition", _("信访")
        HUMAN_RESOURCES = "human_resources", _("人力社保")
        HOUSING = "housing", _("住房建设")
        EMERGENCY = "emergency", _("应急管理")
        MARKET = "market", _("市场监管")
        FIRE = "fire", _("消防")
        COURT = "court", _("法院")
        PROCURATORATE = "procuratorate", _("检察院")
        LAW_FIRM = "law_firm", _("律师事务所")
        HEALTH = "health", _("卫生健康")
        STREET_OFFICE = "street_office", _("街道/镇政府")
        HOTLINE = "hotline", _("12345 热线")
        OTHER = "other", _("其他")

    code = models.SlugField(_("编码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=80)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("所属辖区"), on_delete=models.PROTECT, related_name="departments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    phone = models.CharField(_("办公电话"), max_length=20, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        ordering = ["region__code", "code"]

    def __str__(self):
        return self.name


class PlatformUserManager(UserManager):
    def get_by_phone(self, phone: str):
        from pingan.core.fields import blind_index_for

        return self.get(phone_index=blind_index_for("phone", phone))

    def _create_user_object(self, username, email, password, **extra_fields):
        user = self.model(username=username, **extra_fields)
        user.password = ""
        user.set_password(password)
        return user

    def create_user(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        user = self._create_user_object(username, email, password, **extra_fields)
        user.save(using=self._db)
        return user

    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(username, email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Staff and citizens alike. Staff act through their posts; a citizen has none."""

    username = models.CharField(
        _("用户名"),
        max_length=150,
        unique=True,
        validators=[UnicodeUsernameValidator()],
        error_messages={"unique": _("该用户名已被使用")},
    )
    name = models.CharField(_("姓名"), max_length=60, blank=True)
    phone = EncryptedTextField(_("手机号"), kind="phone", blank=True)
    phone_index = BlindIndexField(source="phone", kind="phone")
    email = models.EmailField(_("电子邮箱"), blank=True)
    is_staff = models.BooleanField(
        _("可进入管理后台"), default=False, help_text=_("仅管理员需要；工作人员的权限来自岗位")
    )
    is_active = models.BooleanField(_("有效"), default=True)
    date_joined = models.DateTimeField(_("注册时间"), default=timezone.now)

    objects = PlatformUserManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.UniqueConstraint(
                fields=["phone_index"],
                condition=~models.Q(phone_index=""),
                name="org_user_unique_phone",
                violation_error_message=_("该手机号已被其他账号使用"),
            )
        ]

    def __str__(self):
        return self.name or self.username

    @property
    def display_name(self) -> str:
        return self.name or self.username

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


class Post(models.Model):
    """One role held by a user over a region (and everything below it), optionally within a
    department. Access everywhere is derived from posts."""

    user = models.ForeignKey(
        User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="posts"
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("辖区"), on_delete=models.PROTECT, related_name="posts"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="posts",
    )
    title = models.CharField(_("职务"), max_length=40, blank=True)
    is_active = models.BooleanField(_("有效"), default=True)
    created_at = models.DateTimeField(_("设立时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        ordering = ["user__username", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "region", "department"],
                condition=models.Q(department__isnull=False),
                name="org_post_unique_in_department",
                violation_error_message=_("该用户已有相同的岗位"),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=models.Q(department__isnull=True),
                name="org_post_unique_in_region",
                violation_error_message=_("该用户已有相同的岗位"),
            ),
        ]

    def __str__(self):
        where = self.department.name if self.department_id else self.region.name
        return f"{where} · {self.get_role_display()}"


class ApiToken(models.Model):
    """A bearer token for the API. Only a hash is stored; the token is shown once, when issued."""

    user = models.ForeignKey(
        User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("名称"), max_length=60)
    prefix = models.CharField(_("前缀"), max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("签发时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("到期时间"))
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
