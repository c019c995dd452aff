from django.contrib import admin

from pingan.places.models import Place


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    """Contacts stay masked here too; unmasked reads happen on audited pages."""

    list_display = ("name", "kind", "region", "address", "masked_contact_phone", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "address", "credit_code", "region__name")
    autocomplete_fields = ("region",)
    exclude = ("contact_phone_index",)
