from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.core.fields import blind_index_for
from pingan.core.pii import normalize_phone
from pingan.org.models import ApiToken, Department, Post, Region, User


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent", "households", "population", "is_active")
    list_filter = ("level", "is_active")
    search_fields = ("code", "name")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "region", "phone", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name")
    autocomplete_fields = ("region", "parent")
    list_select_related = ("region",)


class PostInline(admin.TabularInline):
    model = Post
    extra = 0
    autocomplete_fields = ("region", "department")
    fields = ("role", "region", "department", "title", "is_active")


class PhoneChangeMixin(forms.ModelForm):
    """The admin never shows a phone number in full; it can only set a new one."""

    new_phone = forms.CharField(
        label=_("新手机号"), required=False, help_text=_("留空则不修改；当前号码以掩码显示")
    )

    def clean_new_phone(self):
        raw = self.cleaned_data.get("new_phone", "").strip()
        if not raw:
            return ""
        try:
            phone = normalize_phone(raw)
        except DomainError as exc:
            raise forms.ValidationError(str(exc.message)) from exc
        taken = User.objects.filter(phone_index=blind_index_for("phone", phone))
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("该手机号已被其他账号使用"))
        return phone

    def save(self, commit=True):
        user = super().save(commit=False)
        if self.cleaned_data.get("new_phone"):
            user.phone = self.cleaned_data["new_phone"]
        if commit:
            user.save()
            self.save_m2m()
        return user


class UserChangeForm(PhoneChangeMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ("username", "name", "email", "is_active", "is_staff", "is_superuser")


class UserCreationForm(PhoneChangeMixin, AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("username", "name")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    list_display = ("username", "name", "masked_phone", "is_active", "is_superuser", "last_login")
    list_filter = ("is_active", "is_superuser", "posts__role")
    search_fields = ("username", "name")
    ordering = ("username",)
    readonly_fields = ("masked_phone", "last_login", "date_joined")
    inlines = [PostInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("个人信息"), {"fields": ("name", "masked_phone", "new_phone", "email")}),
        (_("权限"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("时间"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "name", "new_phone", "password1", "password2")}),
    )
    filter_horizontal = ()

    @admin.display(description=_("手机号"))
    def masked_phone(self, obj):
        return obj.masked_phone


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "region", "department", "title", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("user__username", "user__name", "region__name", "department__name")
    autocomplete_fields = ("user", "region", "department")
    list_select_related = ("user", "region", "department")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "name",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    search_fields = ("user__username", "name", "prefix")
    readonly_fields = ("user", "name", "prefix", "created_at", "expires_at", "last_used_at")
    exclude = ("key_hash",)
    list_select_related = ("user",)

    def has_add_permission(self, request):
        return False
