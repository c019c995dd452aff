from django.contrib import admin

from pingan.hazards.models import ChecklistItem, Hazard, HazardEvent, Inspection, InspectionResult


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    """The checklists an admin edits per kind of place; inspections copy each item's wording,
    so rewording or retiring an item never changes a past inspection."""

    list_display = ("text", "kind", "position", "is_active")
    list_editable = ("position", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("text", "guidance")
    ordering = ("kind", "position", "id")


class ResultInline(admin.TabularInline):
    model = InspectionResult
    extra = 0
    can_delete = False
    readonly_fields = ("position", "item_text", "result", "note")
    exclude = ("item",)


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ("place", "region", "inspector", "inspected_at")
    list_filter = ("place__kind",)
    search_fields = ("place__name",)
    date_hierarchy = "inspected_at"
    inlines = [ResultInline]

    def has_change_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = HazardEvent
    extra = 0
    can_delete = False
    readonly_fields = ("at", "kind", "from_status", "to_status", "actor", "note")
    exclude = ("data",)


@admin.register(Hazard)
class HazardAdmin(admin.ModelAdmin):
    """Read-only here: hazards change only through their workflow, on the hazard pages."""

    list_display = ("number", "title", "grade", "status", "region", "due_at", "closed_at")
    list_filter = ("status", "grade", "source")
    search_fields = ("number", "title", "place__name")
    date_hierarchy = "found_at"
    exclude = ("responsible_name", "responsible_phone", "responsible_phone_index")
    inlines = [EventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
