"""Back office of the health app. Risk areas and status rules are configured here (the public
page /health/rules/ shows exactly these); statuses, changes, declarations, requests and appeals
are read-only here, since they change only through the services (with their events)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from pingan.core.admin_support import ReadOnlyAdmin
from pingan.health import models


@admin.register(models.RiskArea)
class RiskAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "valid_from", "valid_until", "note")
    list_filter = ("level",)
    search_fields = ("name",)


@admin.register(models.StatusRule)
class StatusRuleAdmin(admin.ModelAdmin):
    list_display = ("order", "name", "colour", "reason_code", "is_active")
    list_display_links = ("name",)
    list_editable = ("order", "is_active")
    list_filter = ("colour", "is_active")
    fieldsets = (
        (None, {"fields": ("order", "name", "is_active")}),
        (_("条件"), {"fields": ("symptoms", "min_temperature", "travel_level", "close_contact")}),
        (_("结果"), {"fields": ("colour", "reason_code", "explanation")}),
    )

    def get_readonly_fields(self, request, obj=None):
        # A published reason code is quoted by past statuses: it is not renamed.
        return ("reason_code",) if obj is not None else ()


@admin.register(models.HealthStatus)
class HealthStatusAdmin(ReadOnlyAdmin):
    list_display = ("person", "colour", "seq", "reason_code", "changed_at", "lapses_at")
    list_filter = ("colour",)


@admin.register(models.StatusChange)
class StatusChangeAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "person", "old_colour", "new_colour", "seq", "reason_code")
    list_filter = ("new_colour",)


@admin.register(models.ChangeRequest)
class ChangeRequestAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "person", "colour", "status", "requested_by", "decided_by")
    list_filter = ("status",)


@admin.register(models.Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "person", "status", "decided_by")
    list_filter = ("status",)
