"""Questionnaires (问卷) and the 三率 they measure.

A question may be tagged as measuring awareness (知晓率), participation (参与率) or
satisfaction (满意率); its "yes" answers are the choices marked `counts`, or for a rating the
scores at or above `satisfied_min`. A rate is then (yes answers) ÷ (answers to tagged
questions): one aggregate query over Answer.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.core.fields import BlindIndexField, EncryptedTextField
from pingan.core.masking import mask_phone
from pingan.surveys.workflow import SurveyAction, SurveyStatus


def new_token() -> str:
    return secrets.token_urlsafe(9)


class Survey(models.Model):
    title = models.CharField(_("标题"), max_length=80)
    intro = models.TextField(_("说明"), max_length=1000, blank=True)
    region = models.ForeignKey(
        "org.Region", verbose_name=_("调查范围"), on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField(_("统计期开始"))
    period_end = models.DateField(_("统计期结束"))
    status = models.CharField(
        _("状态"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    # The public link's key: unguessable, so a draft or another region's survey is not found
    # by counting ids.
    token = models.CharField(_("链接码"), max_length=16, unique=True, default=new_token)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("问卷")
        verbose_name_plural = _("问卷")
        ordering = ["-period_start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="surveys_period_in_order",
            )
        ]

    def __str__(self):
        return self.title


class Measure(models.TextChoices):
    AWARENESS = "awareness", _("知晓率")
    PARTICIPATION = "participation", _("参与率")
    SATISFACTION = "satisfaction", _("满意率")


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("单选")
        MULTIPLE = "multiple", _("多选")
        RATING = "rating", _("评分（1-5）")
        TEXT = "text", _("文字")

    RATING_MAX = 5
    # Only these kinds give one answer per respondent, so only they can measure a rate.
    MEASURABLE = (Kind.SINGLE, Kind.RATING)

    survey = models.ForeignKey(
        Survey, verbose_name=_("问卷"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("序号"))
    text = models.CharField(_("题目"), max_length=200)
    kind = models.CharField(_("题型"), max_length=10, choices=Kind.choices)
    required = models.BooleanField(_("必答"), default=True)
    measures = models.CharField(
        _("计入"), max_length=15, choices=Measure.choices, blank=True, default=""
    )
    satisfied_min = models.PositiveSmallIntegerField(
        _("满意分数线"), null=True, blank=True, help_text=_("评分题：达到此分数计为“是/满意”")
    )

    class Meta:
        verbose_name = _("题目")
        verbose_name_plural = _("题目")
        ordering = ["survey", "position", "id"]

    def __str__(self):
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(
        Question, verbose_name=_("题目"), on_delete=models.CASCADE, related_name="choices"
    )
    position = models.PositiveSmallIntegerField(_("序号"))
    label = models.CharField(_("选项"), max_length=100)
    counts = models.BooleanField(_("计为“是/满意”"), default=False)

    class Meta:
        verbose_name = _("选项")
        verbose_name_plural = _("选项")
        ordering = ["question", "position", "id"]

    def __str__(self):
        return self.label


class Response(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", _("线上（链接/二维码）")
        PAPER = "paper", _("纸质录入")

    survey = models.ForeignKey(
        Survey, verbose_name=_("问卷"), on_delete=models.PROTECT, related_name="responses"
    )
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    # Where the respondent lives (inside the survey's region): the 三率 are broken down by it.
    region = models.ForeignKey(
        "org.Region", verbose_name=_("所在辖区"), on_delete=models.PROTECT, related_name="+"
    )
    phone = EncryptedTextField(_("手机号"), kind="phone", blank=True)
    phone_index = BlindIndexField(source="phone", kind="phone")
    sheet_number = models.CharField(_("问卷编号"), max_length=30, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("提交时间"))

    class Meta:
        verbose_name = _("答卷")
        verbose_name_plural = _("答卷")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "phone_index"],
                condition=~models.Q(phone_index=""),
                name="surveys_one_answer_per_phone",
                violation_error_message=_("该手机号已提交过本问卷"),
            ),
            models.UniqueConstraint(
                fields=["survey", "sheet_number"],
                condition=~models.Q(sheet_number=""),
                name="surveys_one_answer_per_sheet",
                violation_error_message=_("该编号的纸质问卷已录入"),
            ),
        ]

    def __str__(self):
        return self.sheet_number or self.masked_phone

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


class Answer(models.Model):
    """One answer: a choice (a multiple-choice question has one row per ticked choice), a
    rating, or text."""

    response = models.ForeignKey(
        Response, verbose_name=_("答卷"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("题目"), on_delete=models.PROTECT, related_name="answers"
    )
    choice = models.ForeignKey(
        Choice,
        verbose_name=_("选项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers",
    )
    rating = models.PositiveSmallIntegerField(_("评分"), null=True, blank=True)
    text = models.CharField(_("文字回答"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("回答")
        verbose_name_plural = _("回答")
        indexes = [models.Index(fields=["question", "choice"])]

    def __str__(self):
        return f"{self.question_id}: {self.choice_id or self.rating or self.text[:20]}"


class SurveyEvent(models.Model):
    """The survey's timeline. Append-only."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("问卷"), on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("动作"), max_length=10, choices=SurveyAction.choices)
    old_status = models.CharField(_("原状态"), max_length=10, blank=True)
    new_status = models.CharField(_("新状态"), max_length=10)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"))

    class Meta:
        verbose_name = _("问卷日志")
        verbose_name_plural = _("问卷日志")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.survey} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise DomainError("append_only", _("日志只能追加，不能修改"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DomainError("append_only", _("日志只能追加，不能删除"))
