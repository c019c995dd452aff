from django.contrib import admin

from pingan.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log, read-only: filter by who, what kind of record, which action, when."""

    list_display = ("at", "actor_label", "action", "content_type", "object_repr", "ip")
    list_filter = ("action", "content_type", ("actor", admin.RelatedOnlyFieldListFilter), "at")
    search_fields = ("actor_label", "object_repr", "object_id", "reason")
    date_hierarchy = "at"
    list_select_related = ("content_type",)
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
