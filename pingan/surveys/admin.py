"""Back office: surveys are built on their pages; here they can be read and corrected by an
administrator (answers are read-only)."""

from django.contrib import admin

from pingan.surveys.models import Choice, Question, Response, Survey, SurveyEvent


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ("position", "text", "kind", "required", "measures", "satisfied_min")


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ("title", "region", "period_start", "period_end", "status")
    list_filter = ("status",)
    readonly_fields = ("status", "token", "created_by", "created_at", "published_at")
    inlines = [QuestionInline]


@admin.register(Choice)
class ChoiceAdmin(admin.ModelAdmin):
    list_display = ("question", "position", "label", "counts")


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ("survey", "channel", "sheet_number", "region", "submitted_at")
    list_filter = ("channel",)
    exclude = ("phone", "phone_index")
    readonly_fields = ("survey", "channel", "sheet_number", "region", "entered_by", "submitted_at")

    def has_add_permission(self, request):
        return False


@admin.register(SurveyEvent)
class SurveyEventAdmin(admin.ModelAdmin):
    list_display = ("at", "survey", "action", "actor")
    readonly_fields = ("survey", "action", "old_status", "new_status", "actor", "at")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
