"""Back office: disputes and their records are shown read-only; they change only through the
services, which keep the timeline."""

from django.contrib import admin

from pingan.core.admin_support import ReadOnlyAdmin
from pingan.mediation.models import (
    Agreement,
    AgreementTerm,
    Dispute,
    DisputeEvent,
    DisputeMediator,
    DisputeParty,
    JudicialConfirmation,
    MediationSession,
)


class PartyInline(admin.TabularInline):
    model = DisputeParty
    fields = ("side", "kind", "org_name", "org_credit_code", "role_note", "is_active")
    readonly_fields = fields
    extra = 0
    can_delete = False


class MediatorInline(admin.TabularInline):
    model = DisputeMediator
    fields = ("user", "kind", "is_active", "assigned_at")
    readonly_fields = fields
    extra = 0
    can_delete = False


class EventInline(admin.TabularInline):
    model = DisputeEvent
    fields = ("at", "kind", "from_status", "to_status", "actor", "note", "data")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyAdmin):
    list_display = ("number", "title", "dispute_type", "level", "region", "status", "due_at")
    list_filter = ("status", "dispute_type", "level", "source")
    search_fields = ("number", "title", "court_case_number")
    inlines = [PartyInline, MediatorInline, EventInline]


class TermInline(admin.TabularInline):
    model = AgreementTerm
    fields = ("position", "content", "method", "due_on", "performed_on")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ("number", "dispute", "state", "effective_on")
    list_filter = ("state",)
    search_fields = ("number", "dispute__number")
    inlines = [TermInline]


@admin.register(JudicialConfirmation)
class ConfirmationAdmin(ReadOnlyAdmin):
    list_display = ("agreement", "court", "status", "applied_at", "accept_due_at", "ruling_due_at")
    list_filter = ("status",)


@admin.register(MediationSession)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ("dispute", "starts_at", "mode", "place", "status")
    list_filter = ("mode", "status")
