"""The public page of the status rules, in plain words (no sign-in)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from pingan.health import selectors
from pingan.health.workflow import LIFETIME


@require_GET
def rules(request):
    context = selectors.public_rules()
    context["yellow_days"] = LIFETIME["yellow"].days
    context["red_days"] = LIFETIME["red"].days
    return render(request, "health/public/rules.html", context)
