"""Forms of the survey pages. They only parse; the services decide. Answers are collected by
`answers_from_post` (the questions vary per survey) and checked by the service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pingan.surveys.models import Measure, Question


class RegionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.code}）"


class SurveyForm(forms.Form):
    title = forms.CharField(
        label=_("标题"),
        max_length=80,
        error_messages={"required": _("请填写问卷标题")},
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    intro = forms.CharField(
        label=_("说明"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )
    region = RegionChoice(
        label=_("调查范围"),
        queryset=None,
        empty_label=_("请选择"),
        error_messages={"required": _("请选择调查范围"), "invalid_choice": _("请选择调查范围")},
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    period_start = forms.DateField(
        label=_("统计期开始"),
        error_messages={"required": _("请填写统计期"), "invalid": _("日期格式不正确")},
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )
    period_end = forms.DateField(
        label=_("统计期结束"),
        error_messages={"required": _("请填写统计期"), "invalid": _("日期格式不正确")},
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions.order_by("code")


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("题目"),
        max_length=200,
        error_messages={"required": _("请填写题目")},
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    kind = forms.ChoiceField(
        label=_("题型"),
        choices=Question.Kind.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    required = forms.BooleanField(
        label=_("必答"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    measures = forms.ChoiceField(
        label=_("计入三率"),
        choices=[("", _("不计入")), *Measure.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    options = forms.CharField(
        label=_("选项（每行一个；计为“是/满意”的选项前加 *）"),
        required=False,
        widget=forms.Textarea(
            attrs={"class": "form-control", "rows": 4, "placeholder": "*知道\n不知道"}
        ),
    )
    satisfied_min = forms.IntegerField(
        label=_("满意分数线（评分题）"),
        min_value=1,
        max_value=Question.RATING_MAX,
        required=False,
        error_messages={
            "min_value": _("满意分数线须在 1 至 5 之间"),
            "max_value": _("满意分数线须在 1 至 5 之间"),
            "invalid": _("满意分数线须在 1 至 5 之间"),
        },
        widget=forms.NumberInput(attrs={"class": "form-control", "min": 1, "max": 5}),
    )

    def parsed_options(self) -> list[tuple[str, bool]]:
        options = []
        for line in (self.cleaned_data.get("options") or "").splitlines():
            line = line.strip()
            if not line:
                continue
            counts = line.startswith("*")
            options.append((line.lstrip("*").strip(), counts))
        return options


def answers_from_post(questions, post) -> dict:
    answers = {}
    for question in questions:
        key = f"q{question.pk}"
        if question.kind == Question.Kind.MULTIPLE:
            answers[question.pk] = post.getlist(key)
        else:
            answers[question.pk] = post.get(key, "")
    return answers


class PaperForm(forms.Form):
    sheet_number = forms.CharField(
        label=_("纸质问卷编号"),
        max_length=30,
        error_messages={"required": _("请填写纸质问卷编号")},
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


def keep_posted(questions, posted: dict) -> None:
    """Put what the respondent sent back on each question, so a refused form keeps it."""
    for question in questions:
        value = posted.get(question.pk, "")
        values = value if isinstance(value, list) else [value]
        question.picked = {str(v) for v in values if v != ""}
        question.value = "" if isinstance(value, list) else str(value)
