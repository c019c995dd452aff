"""Scan logs for health officers (/passes/scans/): every read is audited."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from pingan.org.roles import Role
from pingan.org.scoping import scope
from pingan.passes import selectors
from pingan.passes.models import Checkpoint
from pingan.passes.services.checkpoints import retention_days


@never_cache
@login_required
@require_GET
def scans(request):
    if not selectors.can_read_scans(request.user):
        raise Http404
    checkpoints = scope(
        Checkpoint.objects.all(), request.user, field="region", roles=[Role.HEALTH_OFFICER]
    )
    checkpoint = None
    raw = request.GET.get("checkpoint")
    if raw:
        checkpoint = checkpoints.filter(pk=raw if raw.isdigit() else 0).first()
        if checkpoint is None:
            raise Http404
    rows = selectors.scans_for_officer(request.user, checkpoint=checkpoint)
    return render(
        request,
        "passes/scans.html",
        {
            "rows": rows,
            "checkpoints": list(checkpoints),
            "checkpoint": checkpoint,
            "retention": retention_days(),
        },
    )
