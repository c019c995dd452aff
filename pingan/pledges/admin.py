from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from pingan.pledges.models import Pledge, PledgeEvent, Signature


class PledgeEventInline(admin.TabularInline):
    model = PledgeEvent
    extra = 0
    can_delete = False
    fields = ("at", "action", "from_status", "to_status", "actor", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    """The wording and validity may be corrected here; publishing and withdrawing happen on
    the pledge's page, so that each leaves its event."""

    list_display = ("title", "region", "status", "valid_from", "valid_until", "published_at")
    list_filter = ("status",)
    search_fields = ("title", "region__name")
    list_select_related = ("region",)
    fields = ("region", "title", "body", "valid_from", "valid_until", "status", "token")
    readonly_fields = ("region", "status", "token")
    inlines = [PledgeEventInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    """Signatures, read-only: names and addresses shown masked."""

    list_display = ("pledge", "signer", "region", "channel", "signed_at")
    list_filter = ("channel", "signed_at")
    list_select_related = ("pledge", "person", "region")
    fields = ("pledge", "signer", "region", "channel", "sheet_type", "sheet_size", "signed_at")
    readonly_fields = fields

    @admin.display(description=_("签署人"))
    def signer(self, obj):
        return obj.person.masked_name

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
