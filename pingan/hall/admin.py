"""Back office of the hall. Centres, windows, window kinds and clerk postings are configured
here; queue tickets, visits, matters and the roster are shown read-only, since they change only
through the services (the roster page keeps conflicts and swaps in order)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from pingan.core.admin_support import ReadOnlyAdmin
from pingan.hall import models


@admin.register(models.WindowKind)
class WindowKindAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "prefix", "is_legal", "sort_order", "is_active")
    list_editable = ("sort_order", "is_active")
    search_fields = ("name", "code")


class WindowInline(admin.TabularInline):
    model = models.Window
    extra = 0
    fields = ("number", "name", "kind", "is_active")


@admin.register(models.ServiceCentre)
class ServiceCentreAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "slug", "phone", "is_active")
    list_filter = ("is_active", "region__level")
    search_fields = ("name", "slug", "region__name")
    autocomplete_fields = ("region", "department")
    inlines = [WindowInline]


class AssignmentInline(admin.TabularInline):
    model = models.WindowAssignment
    extra = 0
    autocomplete_fields = ("user",)
    fields = ("user", "is_active", "assigned_at")
    readonly_fields = ("assigned_at",)


@admin.register(models.Window)
class WindowAdmin(admin.ModelAdmin):
    list_display = ("name", "centre", "kind", "number", "is_active")
    list_filter = ("centre", "kind", "is_active")
    search_fields = ("name", "centre__name")
    inlines = [AssignmentInline]


@admin.register(models.WindowAssignment)
class WindowAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "window", "is_active", "assigned_at")
    list_filter = ("is_active", "window__centre")
    autocomplete_fields = ("user", "window")
    search_fields = ("user__username", "user__name", "window__name")


@admin.register(models.Ticket)
class TicketAdmin(ReadOnlyAdmin):
    list_display = (
        "number",
        "centre",
        "business_date",
        "status",
        "window",
        "source",
        "masked_phone",
        "wait_seconds",
        "service_seconds",
    )
    list_filter = ("centre", "business_date", "status", "kind")
    exclude = ("phone", "phone_index", "token")
    list_select_related = ("centre", "window")

    @admin.display(description=_("手机号"))
    def masked_phone(self, obj):
        return obj.masked_phone


@admin.register(models.Matter)
class MatterAdmin(ReadOnlyAdmin):
    list_display = ("key", "centre", "subject", "status", "visit_count", "case", "settled_at")
    list_filter = ("centre", "status", "return_method")
    search_fields = ("key", "case__number")
    exclude = ("person",)
    list_select_related = ("centre", "case")


@admin.register(models.Visit)
class VisitAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "centre", "window", "matter", "outcome", "staff", "case")
    list_filter = ("centre", "outcome", "day")
    exclude = ("person",)
    list_select_related = ("centre", "window", "matter", "staff", "case")


@admin.register(models.DutySlot)
class DutySlotAdmin(ReadOnlyAdmin):
    list_display = ("date", "half", "centre", "window", "person", "profession", "pattern")
    list_filter = ("centre", "profession", "half")
    date_hierarchy = "date"
    list_select_related = ("centre", "window", "person")


@admin.register(models.DutyPattern)
class DutyPatternAdmin(ReadOnlyAdmin):
    list_display = ("person", "centre", "window", "weekday", "half", "start_date", "end_date")
    list_filter = ("centre",)


@admin.register(models.DutySwap)
class DutySwapAdmin(ReadOnlyAdmin):
    list_display = ("person_a", "person_b", "status", "requested_by", "decided_by", "requested_at")
    list_filter = ("status",)
