"""Forms of the health pages: they check shapes (required, lengths, choices); the services check
everything else and their DomainError is shown beside the form, which keeps what was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pingan.health.models import Colour, ResidentKind, Symptom
from pingan.health.selectors import current_risk_areas
from pingan.health.workflow import ManualReason
from pingan.places.models import Place

REQUIRED = {"required": _("此项必填")}


class PlaceChoice(forms.ModelChoiceField):
    def label_from_instance(self, place):
        return f"{place.name}（{place.region.name}）"


class RegisterForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=30, error_messages=REQUIRED)
    id_number = forms.CharField(label=_("身份证号"), max_length=20, error_messages=REQUIRED)
    kind = forms.ChoiceField(
        label=_("人员类别"), choices=ResidentKind.choices, error_messages=REQUIRED
    )
    phone = forms.CharField(label=_("手机号"), max_length=20, error_messages=REQUIRED)
    code = forms.CharField(label=_("短信验证码"), max_length=6, required=False)
    residence = PlaceChoice(
        label=_("居住小区或出租房"),
        queryset=Place.objects.none(),
        required=False,
        empty_label=_("请选择"),
    )
    room = forms.CharField(label=_("房号"), max_length=40, required=False)
    employer = PlaceChoice(
        label=_("就业单位"),
        queryset=Place.objects.none(),
        required=False,
        empty_label=_("无 / 不在本地就业"),
    )
    password = forms.CharField(
        label=_("设置登录密码"), required=False, widget=forms.PasswordInput, max_length=128
    )

    def __init__(self, *args, with_password: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        places = Place.objects.filter(is_active=True).select_related("region")
        self.fields["residence"].queryset = places.filter(
            kind__in=[Place.Kind.COMPOUND, Place.Kind.RENTAL]
        ).order_by("region__code", "name")
        self.fields["employer"].queryset = places.filter(kind=Place.Kind.ENTERPRISE).order_by(
            "region__code", "name"
        )
        self.with_password = with_password
        if not with_password:
            del self.fields["password"]


class DeclareForm(forms.Form):
    temperature = forms.DecimalField(
        label=_("今日体温（℃）"),
        max_digits=3,
        decimal_places=1,
        error_messages={
            "required": _("请填写体温，例如 36.5"),
            "invalid": _("请填写体温，例如 36.5"),
            "max_digits": _("请填写体温，例如 36.5"),
            "max_decimal_places": _("体温保留一位小数即可"),
            "max_whole_digits": _("请填写体温，例如 36.5"),
        },
    )
    symptoms = forms.MultipleChoiceField(
        label=_("近 14 天是否有以下症状"),
        choices=Symptom.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    travelled = forms.MultipleChoiceField(
        label=_("近 14 天到过的风险地区"), required=False, widget=forms.CheckboxSelectMultiple
    )
    close_contact = forms.BooleanField(label=_("我是确诊或疑似病例的密切接触者"), required=False)
    promise = forms.BooleanField(
        label=_("本人承诺以上申报真实准确"),
        error_messages={"required": _("请勾选承诺后提交")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = current_risk_areas()
        self.fields["travelled"].choices = [
            (str(area.pk), f"{area.name}（{area.get_level_display()}）") for area in self.areas
        ]


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("申诉理由"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("请写明申诉理由")},
    )


class ChangeForm(forms.Form):
    colour = forms.ChoiceField(label=_("码色"), choices=Colour.choices)
    reason_code = forms.ChoiceField(
        label=_("原因"),
        choices=[("", _("请选择")), *ManualReason.choices],
        error_messages={"required": _("请选择原因")},
    )
    note = forms.CharField(
        label=_("情况说明"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写情况说明")},
    )


class DecideForm(forms.Form):
    note = forms.CharField(
        label=_("审批意见"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AppealDecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("处理结果"),
        choices=[("uphold", _("申诉成立，转为绿码")), ("reject", _("申诉不成立，维持码色"))],
    )
    answer = forms.CharField(
        label=_("处理意见"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写处理意见")},
    )


class FindForm(forms.Form):
    q = forms.CharField(label=_("身份证号或手机号"), max_length=20)
