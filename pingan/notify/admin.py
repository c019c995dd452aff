from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from pingan.core.errors import DomainError
from pingan.core.fields import blind_index_for
from pingan.core.pii import normalize_phone
from pingan.notify import services, templates
from pingan.notify.models import (
    MessageTemplate,
    OptOut,
    OutboxMessage,
    SmsBatch,
    SmsBatchEvent,
)


class PhoneSearchMixin:
    """Phones are encrypted, so a search term that is a phone number is matched through the
    blind index, in addition to the admin's ordinary text search."""

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        try:
            index = blind_index_for("phone", search_term)
        except DomainError:
            return found, may_have_duplicates
        if index:
            found = found | queryset.filter(phone_index=index)
        return found, may_have_duplicates


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    """Wording administrators may change; the codes and their defaults come from the apps."""

    list_display = ("code", "name", "is_active", "updated_at")
    list_filter = ("is_active",)
    search_fields = ("code", "name", "body")
    fields = ("code", "name", "body", "is_active", "default_body")
    readonly_fields = ("default_body",)
    change_list_template = "admin/notify/messagetemplate/change_list.html"

    @admin.display(description=_("默认内容与可用参数"))
    def default_body(self, obj):
        default = templates.get_default(obj.code) if obj is not None else None
        if default is None:
            return "—"
        names = "、".join("{" + name + "}" for name in default.placeholders) or "—"
        return f"{default.body}（{_('可用参数')}：{names}）"

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        default = templates.get_default(initial.get("code", ""))
        if default is not None:
            initial.setdefault("name", default.name)
            initial.setdefault("body", default.body)
        return initial

    def changelist_view(self, request, extra_context=None):
        overridden = set(MessageTemplate.objects.values_list("code", flat=True))
        extra_context = {
            **(extra_context or {}),
            "pa_template_defaults": [
                {"default": default, "overridden": default.code in overridden}
                for default in templates.all_defaults()
            ],
        }
        return super().changelist_view(request, extra_context=extra_context)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(PhoneSearchMixin, admin.ModelAdmin):
    """The outbox, read-only: what was queued, what happened to it, and a retry for failures."""

    list_display = (
        "id",
        "created_at",
        "recipient",
        "template_code",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "batch",
    )
    list_filter = ("status", "channel", "template_code", "created_at")
    search_fields = ("idempotency_key", "gateway_message_id")
    list_select_related = ("batch",)
    show_full_result_count = False
    actions = ["retry_messages"]
    fields = (
        "channel",
        "recipient",
        "template_code",
        "body",
        "status",
        "attempts",
        "next_attempt_at",
        "claimed_at",
        "last_error",
        "idempotency_key",
        "related_object",
        "batch",
        "created_at",
        "sent_at",
        "gateway_message_id",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        # The list shows no body; leaving it out saves decrypting it for every row.
        return super().get_queryset(request).defer("body").select_related("content_type")

    @admin.display(description=_("接收号码"))
    def recipient(self, obj):
        return obj.masked_phone

    @admin.display(description=_("关联对象"))
    def related_object(self, obj):
        if obj.content_type_id is None:
            return "—"
        return f"{obj.content_type.name} #{obj.object_id}"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request):
        return request.user.has_perm("notify.change_outboxmessage")

    @admin.action(description=_("重新发送所选的失败消息"), permissions=["retry"])
    def retry_messages(self, request, queryset):
        retried = skipped = 0
        for message in queryset.defer("body"):
            try:
                services.outbox_retry(message=message, actor=request.user)
            except DomainError:
                skipped += 1
            else:
                retried += 1
        if retried:
            self.message_user(
                request,
                ngettext("%(n)d 条消息已重新排队发送", "%(n)d 条消息已重新排队发送", retried)
                % {"n": retried},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(n)d 条消息不是“发送失败”状态，未重新发送",
                    "%(n)d 条消息不是“发送失败”状态，未重新发送",
                    skipped,
                )
                % {"n": skipped},
                messages.WARNING,
            )


class OptOutForm(forms.ModelForm):
    phone = forms.CharField(label=_("手机号码"), max_length=30)

    class Meta:
        model = OptOut
        fields = ("source",)

    def clean_phone(self):
        try:
            return normalize_phone(self.cleaned_data["phone"])
        except DomainError as exc:
            raise forms.ValidationError(str(exc.message)) from exc


@admin.register(OptOut)
class OptOutAdmin(PhoneSearchMixin, admin.ModelAdmin):
    """Numbers that receive no messages. Deleting a row lets messages reach the number again."""

    form = OptOutForm
    list_display = ("phone_masked", "source", "created_at")
    list_filter = ("source", "created_at")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("phone", "source")
        return ("phone_masked", "source", "created_at")

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = services.opt_out(
            phone=form.cleaned_data["phone"], source=form.cleaned_data["source"]
        )
        # The service wrote the row (or found it); the admin goes on with that one.
        obj.pk = saved.pk
        obj.phone_index = saved.phone_index
        obj.phone_masked = saved.phone_masked
        obj.created_at = saved.created_at
        obj._state.adding = False


class SmsBatchEventInline(admin.TabularInline):
    model = SmsBatchEvent
    extra = 0
    can_delete = False
    fields = ("at", "action", "from_status", "to_status", "actor", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SmsBatch)
class SmsBatchAdmin(admin.ModelAdmin):
    """Bulk sends, read-only here: they are created and stopped on the 群发短信 pages."""

    list_display = (
        "name",
        "region",
        "status",
        "created_by",
        "created_at",
        "total",
        "sent",
        "failed",
        "cancelled",
        "opted_out",
    )
    list_filter = ("status", "source", "created_at")
    list_select_related = ("created_by", "region")
    search_fields = ("name",)
    fields = (
        "name",
        "region",
        "status",
        "template_code",
        "content",
        "source",
        "source_label",
        "send_after",
        "window_start",
        "window_end",
        "rate_per_minute",
        "expected",
        "queued",
        "opted_out",
        "skipped",
        "total",
        "sent",
        "failed",
        "cancelled",
        "created_by",
        "created_at",
    )
    readonly_fields = fields
    inlines = [SmsBatchEventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
