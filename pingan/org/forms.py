from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("用户名或手机号"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _("用户名或密码不正确，请重新输入。"),
        "inactive": _("该账号已停用，请联系管理员。"),
    }


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("令牌名称"), max_length=60, help_text=_("例如：数据对接、移动端")
    )
