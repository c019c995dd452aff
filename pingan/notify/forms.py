from django import forms
from django.utils.translation import gettext_lazy as _

from pingan.notify.models import SmsBatch


class BatchForm(forms.Form):
    name = forms.CharField(label=_("批次名称"), max_length=100, required=False)
    template = forms.ChoiceField(label=_("短信模板"), choices=())
    content = forms.CharField(
        label=_("通知内容"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    source = forms.ChoiceField(label=_("接收人"), choices=SmsBatch.Source.choices)
    region = forms.CharField(label=_("区域"), required=False)
    pledge = forms.CharField(label=_("公约"), required=False)
    upload = forms.FileField(label=_("Excel 名单"), required=False)
    send_after = forms.DateTimeField(
        label=_("最早发送时间"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    window_start = forms.TimeField(
        label=_("每日发送开始"), initial="08:00", widget=forms.TimeInput(attrs={"type": "time"})
    )
    window_end = forms.TimeField(
        label=_("每日发送结束"), initial="20:00", widget=forms.TimeInput(attrs={"type": "time"})
    )
    rate_per_minute = forms.IntegerField(label=_("每分钟条数"), initial=200, min_value=1)

    def __init__(self, *args, template_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = template_choices
