"""The activity report form. It only parses; the service decides (and refuses with a message)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pingan.safety import selectors
from pingan.safety.models import WorkKind

TALLY_ERRORS = {
    "min_value": _("不能为负数"),
    "invalid": _("请输入整数"),
    "max_value": _("数字过大，请核对"),
}


def _tally(label):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=10_000_000,
        initial=0,
        required=False,
        error_messages=TALLY_ERRORS,
        widget=forms.NumberInput(attrs={"class": "form-control", "min": 0, "inputmode": "numeric"}),
    )


class RegionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.code}）"


class ActivityForm(forms.Form):
    region = RegionChoice(
        label=_("举办地"),
        queryset=None,
        empty_label=_("请选择"),
        error_messages={"required": _("请选择举办地"), "invalid_choice": _("请选择举办地")},
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    kind = forms.ChoiceField(
        label=_("类别"),
        choices=WorkKind.choices,
        error_messages={"required": _("请选择活动类别"), "invalid_choice": _("请选择活动类别")},
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    held_on = forms.DateField(
        label=_("日期"),
        error_messages={"required": _("请填写活动日期"), "invalid": _("日期格式不正确")},
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )
    place = forms.CharField(
        label=_("地点"),
        max_length=120,
        error_messages={"required": _("请填写活动地点")},
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    departments = forms.ModelMultipleChoiceField(
        label=_("参与部门"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("请从列表中选择参与部门")},
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    other_units = forms.CharField(
        label=_("其他参与单位"),
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={"class": "form-control", "placeholder": _("如：各村（社区）")}
        ),
    )
    summary = forms.CharField(
        label=_("活动情况"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )
    people_reached = _tally(_("覆盖人数"))
    questionnaires = _tally(_("发放问卷"))
    banners = _tally(_("悬挂横幅"))
    screens = _tally(_("电子屏"))
    sms_sent = _tally(_("发送短信"))

    def __init__(self, *args, user, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        regions = selectors.report_regions(user).order_by("code")
        self.fields["region"].queryset = regions
        towns = list(regions.filter(level="town")[:2])
        if len(towns) == 1:
            # A town's staff report for their town unless they pick one of its villages.
            self.fields["region"].initial = towns[0].pk
        # The town's own departments first, then the city's.
        self.fields["departments"].queryset = selectors.participating_departments(user).order_by(
            "-region__code", "code"
        )
        held_on = self.fields["held_on"].widget.attrs
        held_on["min"] = campaign.starts_on.isoformat()
        held_on["max"] = campaign.ends_on.isoformat()

    def tallies(self) -> dict:
        return {name: self.cleaned_data.get(name) or 0 for name in selectors.TALLIES}
