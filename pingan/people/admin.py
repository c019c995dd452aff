from django.contrib import admin

from pingan.people.models import Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    """Masked everywhere: the admin site is not a way round the audit of unmasked reads."""

    list_display = ("id", "masked_name", "masked_phone", "masked_id_number", "user", "created_at")
    readonly_fields = ("masked_name", "masked_phone", "masked_id_number", "user", "created_at")
    fields = readonly_fields
    search_fields = ("id",)
    list_select_related = ("user",)

    def has_add_permission(self, request):
        return False
