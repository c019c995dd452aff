from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.org.models import Region


class PledgeForm(forms.Form):
    region = forms.ModelChoiceField(label=_("区域"), queryset=Region.objects.none())
    title = forms.CharField(label=_("标题"), max_length=100)
    body = forms.CharField(label=_("公约内容"), widget=forms.Textarea(attrs={"rows": 10}))
    valid_from = forms.DateField(
        label=_("生效日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("有效期至"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions if regions is not None else Region.objects.none()
        self.fields["valid_from"].initial = timezone.localdate()


class SignForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    phone = forms.CharField(label=_("手机号"), max_length=20, required=False)
    code = forms.CharField(label=_("短信验证码"), max_length=6, required=False)
    household = forms.CharField(label=_("户号或家庭住址"), max_length=200, required=False)
    village = forms.CharField(required=False)


class PaperForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    phone = forms.CharField(label=_("手机号"), max_length=20, required=False)
    id_number = forms.CharField(label=_("身份证号"), max_length=20, required=False)
    household = forms.CharField(label=_("户号或家庭住址"), max_length=200, required=False)
    village = forms.CharField(required=False)
    sheet = forms.FileField(label=_("签字页扫描件或手印照片"), required=False)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤回原因"), max_length=200, required=False)
