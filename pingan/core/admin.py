from django.contrib import admin
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from pingan.core import retention, workcalendar
from pingan.core.admin_support import ReadOnlyAdmin
from pingan.core.models import AuditEntry, CalendarDay, RetentionRun, ScheduledJobRun


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The audit log, read-only: filter by who, what kind of record, which action, when."""

    list_display = ("at", "actor_label", "action", "content_type", "object_repr", "ip")
    list_filter = ("action", "content_type", ("actor", admin.RelatedOnlyFieldListFilter), "at")
    search_fields = ("actor_label", "object_repr", "object_id", "reason")
    date_hierarchy = "at"
    list_select_related = ("content_type",)
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    show_full_result_count = False


class YearFilter(admin.SimpleListFilter):
    """Holiday arrangements are published and checked one year at a time."""

    title = _("年份")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("date", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(date__year=int(self.value()))
        return queryset


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """Overrides of the official working-day calendar; every change is audited."""

    list_display = ("date", "weekday", "is_workday", "official", "note")
    list_filter = (YearFilter, "is_workday")
    search_fields = ("note",)
    ordering = ("-date",)

    @admin.display(description=_("星期"))
    def weekday(self, obj):
        return date_format(obj.date, "l")

    # Shown beside the override so an admin sees when an entry merely repeats the official
    # arrangement, or where it departs from it.
    @admin.display(description=_("官方安排"), boolean=True)
    def official(self, obj):
        return workcalendar.default_is_workday(obj.date)


@admin.register(ScheduledJobRun)
class ScheduledJobRunAdmin(admin.ModelAdmin):
    """Periodic jobs as the schedulers recorded them: last run, outcome, who holds one now."""

    list_display = ("name", "last_status", "last_started_at", "last_finished_at", "locked_by")
    list_filter = ("last_status",)
    readonly_fields = [f.name for f in ScheduledJobRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    """数据保留: every retention policy with its setting and period, its last run and how many
    rows are due now, above the log of runs (read-only; the scheduler and apply_retention write
    it)."""

    list_display = ("policy", "started_at", "days", "cutoff", "rows", "ok")
    list_filter = ("policy", "ok")
    date_hierarchy = "started_at"
    readonly_fields = [f.name for f in RetentionRun._meta.fields]
    change_list_template = "admin/core/retentionrun/change_list.html"

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "title": _("数据保留"),
            **(extra_context or {}),
            "pa_policies": policy_rows(),
        }
        return super().changelist_view(request, extra_context=extra_context)


def policy_rows() -> list[dict]:
    """One row per policy for the overview: period, last run, rows due now."""
    rows = []
    for policy in retention.policies():
        last = RetentionRun.objects.filter(policy=policy.name).first()
        rows.append(
            {
                "policy": policy,
                "last": last,
                "due": retention.due_count(policy),
            }
        )
    return rows
