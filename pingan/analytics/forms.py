from django import forms
from django.utils.translation import gettext_lazy as _

from pingan.analytics.periods import MONTH, QUARTER, YEAR

KIND_CHOICES = [(MONTH, _("月度")), (QUARTER, _("季度")), (YEAR, _("年度"))]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel 文件（.xlsx）"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "form-control"}),
    )
