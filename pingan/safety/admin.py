"""Back office: campaigns and their tasks are read here; activities are reported on the pages."""

from django.contrib import admin

from pingan.safety.models import Activity, Campaign, CampaignEvent, CampaignTown, Task


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0
    fields = ("region", "kind", "department", "status", "done_at")
    readonly_fields = ("region", "kind", "status", "done_at")
    can_delete = False


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("title", "day", "starts_on", "ends_on", "status")
    readonly_fields = ("month", "status", "created_at", "created_by")
    inlines = [TaskInline]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CampaignTown)
class CampaignTownAdmin(admin.ModelAdmin):
    list_display = ("campaign", "region", "notified_at", "sms_count", "read_at")
    list_filter = ("campaign",)
    readonly_fields = ("campaign", "region", "notified_at", "sms_count", "read_at", "read_by")


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("held_on", "town", "kind", "place", "people_reached", "questionnaires")
    list_filter = ("campaign", "kind", "town")
    readonly_fields = [f.name for f in Activity._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(CampaignEvent)
class CampaignEventAdmin(admin.ModelAdmin):
    list_display = ("at", "campaign", "action", "region", "actor", "note")
    readonly_fields = [f.name for f in CampaignEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
