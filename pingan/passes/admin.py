from django.contrib import admin

from pingan.passes.models import Checkpoint, CheckpointGuard, SigningKey


class GuardInline(admin.TabularInline):
    model = CheckpointGuard
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Checkpoint)
class CheckpointAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "place", "region", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    autocomplete_fields = ["place", "region"]
    inlines = [GuardInline]


@admin.register(SigningKey)
class SigningKeyAdmin(admin.ModelAdmin):
    """Read only: keys are made and retired with `manage.py rotate_pass_keys`."""

    list_display = ["kid", "alg", "status", "allowed_types", "not_before", "not_after"]
    list_filter = ["status"]
    exclude = ["private_key", "public_key_der"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
