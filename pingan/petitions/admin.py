"""Back office: petitions and their timeline are shown read-only (a petition changes only
through the services, which keep the timeline and the statutory deadlines)."""

from django.contrib import admin

from pingan.core.admin_support import ReadOnlyAdmin
from pingan.petitions.models import Petition, PetitionEvent


class EventInline(admin.TabularInline):
    model = PetitionEvent
    fields = ("at", "kind", "from_status", "to_status", "actor", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Petition)
class PetitionAdmin(ReadOnlyAdmin):
    list_display = (
        "number",
        "status",
        "headcount",
        "is_collective",
        "repeat_of",
        "over_level",
        "unit",
        "leader",
        "registered_at",
        "handle_due",
    )
    list_filter = ("status", "is_collective", "over_level", "repeat_after_reply")
    search_fields = ("number", "case__number")
    list_select_related = ("unit", "leader", "repeat_of")
    # Petitioners are left out: the admin shows people masked on their own page only.
    exclude = ("petitioners",)
    inlines = [EventInline]
