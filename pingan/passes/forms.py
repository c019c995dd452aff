from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TravelForm(forms.Form):
    valid_from = forms.DateField(
        label=_("来桐日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    days = forms.IntegerField(label=_("停留天数"), min_value=1, max_value=30, initial=7)
    purpose = forms.CharField(label=_("来桐事由"), max_length=100, required=False)

    def window(self):
        """The asked window as aware datetimes: from the start of the first day (local time)."""
        start = timezone.make_aware(
            timezone.datetime.combine(self.cleaned_data["valid_from"], timezone.datetime.min.time())
        )
        return start, start + timedelta(days=self.cleaned_data["days"])


class InviteForm(forms.Form):
    phone = forms.CharField(label=_("访客手机号"), max_length=20)
    day = forms.DateField(label=_("来访日期"), widget=forms.DateInput(attrs={"type": "date"}))


class ScanForm(forms.Form):
    payload = forms.CharField(label=_("码内容"), max_length=20000)
    checkpoint = forms.IntegerField(widget=forms.HiddenInput)


class ScanImageForm(forms.Form):
    image = forms.FileField(label=_("拍照识别"))
    checkpoint = forms.IntegerField(widget=forms.HiddenInput)
