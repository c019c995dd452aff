"""Back office: categories with their routing rules are configuration; cases and their timeline
are shown read-only (a case changes only through the services, which keep the timeline)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from pingan.cases.models import (
    Case,
    CaseEvent,
    CasePhoto,
    Category,
    CategoryRoute,
    ExtensionRequest,
    FollowUp,
)
from pingan.core.admin_support import ReadOnlyAdmin


class CategoryRouteInline(admin.TabularInline):
    model = CategoryRoute
    extra = 0
    autocomplete_fields = ("region", "department")


class ChildCategoryInline(admin.TabularInline):
    model = Category
    fk_name = "parent"
    extra = 0
    fields = ("code", "name", "is_active", "sort_order")
    show_change_link = True
    verbose_name = _("下级分类")
    verbose_name_plural = _("下级分类")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = (
        "tree_name",
        "code",
        "answer_limit",
        "answer_unit",
        "sign_limit",
        "sign_unit",
        "is_active",
        "sort_order",
    )
    list_filter = ("is_active", ("parent", admin.RelatedOnlyFieldListFilter))
    search_fields = ("code", "name")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)
    inlines = [CategoryRouteInline, ChildCategoryInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "code",
                    "name",
                    "parent",
                    "description",
                    "kinds",
                    "is_active",
                    "sort_order",
                )
            },
        ),
        (
            _("时限"),
            {
                "fields": (
                    ("sign_limit", "sign_unit"),
                    ("answer_limit", "answer_unit"),
                    ("urgent_sign_hours", "urgent_answer_hours"),
                )
            },
        ),
    )

    @admin.display(description=_("分类"), ordering="code")
    def tree_name(self, obj):
        return obj.full_name if obj.parent_id else obj.name


@admin.register(CategoryRoute)
class CategoryRouteAdmin(admin.ModelAdmin):
    list_display = ("category", "region", "department")
    list_filter = (("category", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("category__code", "category__name", "region__code", "department__name")
    autocomplete_fields = ("category", "region", "department")
    list_select_related = ("category", "region", "department")


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    fields = ("at", "kind", "from_status", "to_status", "actor", "department", "note")
    readonly_fields = fields
    can_delete = False
    ordering = ("at", "id")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor", "department")


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = (
        "number",
        "title",
        "status",
        "kind",
        "channel",
        "category",
        "region",
        "department",
        "due_at",
        "created_at",
    )
    list_filter = ("status", "kind", "channel", "urgent", "supervision_level", "created_at")
    search_fields = ("number", "title")
    date_hierarchy = "created_at"
    list_select_related = ("category", "region", "department")
    show_full_result_count = False
    inlines = [CaseEventInline]
    # The reporter's name and phone appear masked; the plain values are read (and audited)
    # only through the staff pages' reveal action.
    exclude = ("reporter_name", "reporter_phone", "reporter_phone_index", "query_code_hash")

    def get_readonly_fields(self, request, obj=None):
        names = [f.name for f in Case._meta.fields if f.name not in self.exclude]
        return [*names, "reporter_name_masked", "reporter_phone_masked"]

    # The reporter appears masked; plain values are read (and audited) only through the staff
    # pages' reveal action.
    @admin.display(description=_("反映人姓名"))
    def reporter_name_masked(self, obj):
        return obj.masked_reporter_name

    @admin.display(description=_("反映人电话"))
    def reporter_phone_masked(self, obj):
        return obj.masked_reporter_phone


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "case", "kind", "from_status", "to_status", "actor", "department")
    list_filter = ("kind", "at")
    search_fields = ("case__number",)
    date_hierarchy = "at"
    list_select_related = ("case", "actor", "department")
    show_full_result_count = False


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(ReadOnlyAdmin):
    list_display = ("case", "days", "status", "requested_by", "created_at", "decided_by")
    list_filter = ("status",)
    search_fields = ("case__number",)
    list_select_related = ("case", "requested_by", "decided_by")


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ("case", "satisfaction", "by_reporter", "actor", "at")
    list_filter = ("satisfaction", "by_reporter")
    search_fields = ("case__number",)
    list_select_related = ("case", "actor")


@admin.register(CasePhoto)
class CasePhotoAdmin(ReadOnlyAdmin):
    list_display = ("case", "content_type", "size", "uploaded_by", "created_at")
    search_fields = ("case__number",)
    list_select_related = ("case", "uploaded_by")
