"""Importing the figures of other systems (部门数据导入): the template, the upload and its report,
the imports made so far and the figures they hold (within the viewer's jurisdiction)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from pingan.analytics import dashboard, importer
from pingan.analytics.forms import ImportForm
from pingan.analytics.models import ExternalFigure, ExternalFigureHistory, ExternalImport
from pingan.analytics.periods import Period
from pingan.core.errors import DomainError
from pingan.org import scoping
from pingan.org.decorators import role_required

PAGE_ROWS = 200


@role_required(*dashboard.VIEWER_ROLES)
def imports_page(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    problems, error = [], None
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > importer.MAX_BYTES:
                    raise DomainError("file_too_large", _("文件不能超过 2 MB"))
                batch = importer.external_import(
                    content=upload.read(), file_name=upload.name, actor=request.user
                )
            except DomainError as exc:
                error, problems = exc, exc.details or []
            else:
                messages.success(
                    request,
                    _("已导入：新增 %(c)d 条，更正 %(u)d 条")
                    % {"c": batch.rows_created, "u": batch.rows_updated},
                )
                return redirect("analytics:imports")
        else:
            error = DomainError("file_required", _("请选择要导入的 Excel 文件"))
    figures = scoping.scope(
        ExternalFigure.objects.select_related("region", "source_import__imported_by"),
        request.user,
        roles=dashboard.VIEWER_ROLES,
    )
    region_code = request.GET.get("region", "")
    if region_code:
        figures = figures.filter(region__code__startswith=region_code[:15])
    period_code = request.GET.get("period", "")
    if period_code:
        try:
            period = Period.parse(period_code)
        except DomainError:
            period = None
        if period is not None:
            figures = figures.filter(month__gte=period.start, month__lt=period.end)
    context = {
        "form": form,
        "error": error,
        "problems": problems,
        "imports": ExternalImport.objects.filter(
            pk__in=ExternalFigureHistory.objects.filter(figure__in=figures).values("source_import")
        ).select_related("imported_by")[:20],
        "figures": figures.order_by("-month", "region__code", "kind")[:PAGE_ROWS],
        "region_code": region_code,
        "period_code": period_code,
    }
    return render(request, "analytics/imports.html", context, status=error.status if error else 200)


@role_required(*dashboard.VIEWER_ROLES)
@require_GET
def import_template(request):
    response = HttpResponse(
        importer.template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="pingan-external-figures.xlsx"'
    return response
