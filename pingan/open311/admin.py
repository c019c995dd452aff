from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from pingan.open311 import services
from pingan.open311.models import Open311Client, Open311Request, RegionPoint


@admin.register(Open311Client)
class Open311ClientAdmin(admin.ModelAdmin):
    list_display = ("name", "prefix", "is_active", "created_at")
    list_filter = ("is_active",)
    search_fields = ("name", "prefix")
    fields = ("name", "is_active", "prefix", "created_at")
    readonly_fields = ("prefix", "created_at")

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # The key exists in clear only in this one message; the table keeps its hash.
        raw = services.new_key()
        services.set_key(obj, raw)
        super().save_model(request, obj, form, change)
        messages.warning(
            request,
            _("客户端「%(name)s」的 api_key 为：%(key)s —— 只显示这一次，请立即转交对方保存。")
            % {"name": obj.name, "key": raw},
        )


@admin.register(RegionPoint)
class RegionPointAdmin(admin.ModelAdmin):
    list_display = ("region", "latitude", "longitude")
    search_fields = ("region__code", "region__name")
    autocomplete_fields = ("region",)
    list_select_related = ("region",)


@admin.register(Open311Request)
class Open311RequestAdmin(admin.ModelAdmin):
    """What came in through Open311, for looking up; the case itself is handled in the cases
    pages."""

    list_display = ("case", "client", "location_source", "account_id", "created_at")
    list_filter = ("client", "location_source")
    search_fields = ("case__number", "account_id")
    list_select_related = ("case", "client")
    readonly_fields = (
        "case",
        "client",
        "account_id",
        "media_url",
        "attributes",
        "location_source",
        "created_at",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
