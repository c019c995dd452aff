from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingan.core import audit, workbench
from pingan.core.errors import error_body
from pingan.org import scoping, services
from pingan.org.decorators import staff_required
from pingan.org.forms import LoginForm, TokenForm
from pingan.org.models import ApiToken, Post, Region
from pingan.org.roles import ROLE_DUTIES


class LoginView(auth_views.LoginView):
    template_name = "org/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def login_locked_out(request, credentials=None, *args, **kwargs):
    """Axes calls this when a name and address have failed too often."""
    if request.path.startswith("/api/"):
        body = error_body("throttled", _("登录失败次数过多，请稍后再试"))
        return JsonResponse(body, status=429)
    return render(request, "org/locked_out.html", status=429)


@login_required
def home(request):
    user = request.user
    posts = scoping.posts_of(user)
    duties = []
    for role in dict.fromkeys(p.role for p in posts):
        duties.append({"label": Post(role=role).get_role_display(), "text": ROLE_DUTIES[role]})
    context = {
        "posts": posts,
        "duties": duties,
        "top_regions": scoping.top_regions(user),
        "entries": workbench.entries_for(user),
        "is_staff_member": scoping.is_staff_member(user),
    }
    return render(request, "org/home.html", context)


@login_required
def account(request):
    tokens = ApiToken.objects.filter(user=request.user)
    new_token = request.session.pop("new_api_token", None)
    context = {
        "tokens": tokens,
        "form": TokenForm(),
        "new_token": new_token,
        "posts": scoping.posts_of(request.user),
    }
    return render(request, "org/account.html", context)


@login_required
@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if not form.is_valid():
        tokens = ApiToken.objects.filter(user=request.user)
        return render(
            request,
            "org/account.html",
            {"tokens": tokens, "form": form, "posts": scoping.posts_of(request.user)},
            status=400,
        )
    _token, raw = services.token_issue(user=request.user, name=form.cleaned_data["name"])
    # Shown once on the next page, then gone: only its hash is kept.
    request.session["new_api_token"] = raw
    return redirect("account")


@login_required
@require_POST
def token_revoke(request, token_id: int):
    services.token_revoke(user=request.user, token_id=token_id)
    messages.success(request, _("令牌已吊销"))
    return redirect("account")


@login_required
@require_POST
def reveal_own_phone(request):
    """A person may always see their own number; the read is still written to the audit log."""
    phone = audit.reveal(request.user, "phone", actor=request.user, reason="own account")
    return render(request, "org/_revealed.html", {"value": phone or _("未填写")})


@staff_required
def jurisdiction(request):
    regions = scoping.top_regions(request.user)
    if len(regions) == 1:
        return redirect("region-detail", code=regions[0].code)
    return render(request, "org/jurisdiction.html", {"regions": regions})


@staff_required
def region_detail(request, code: str):
    region = scoping.get_region_for(request.user, code)
    children = region.children.filter(is_active=True).order_by("code")
    departments = scoping.departments_visible_to(request.user).filter(region=region)
    staff_posts = (
        Post.objects.filter(region=region, is_active=True)
        .select_related("user", "department")
        .order_by("role", "user__username")
    )
    breadcrumbs = [r for r in region.ancestors() if scoping.covers(request.user, r)]
    # Households and population are kept on villages; higher levels show the sum below them.
    totals = (
        region.subtree()
        .filter(level=Region.Level.VILLAGE)
        .aggregate(households=Sum("households"), population=Sum("population"))
    )
    context = {
        "region": region,
        "children": children,
        "departments": departments,
        "staff_posts": staff_posts,
        "breadcrumbs": breadcrumbs,
        "subtree_size": region.subtree().count(),
        "households": region.households or totals["households"],
        "population": region.population or totals["population"],
        "levels": Region.Level,
    }
    return render(request, "org/region_detail.html", context)
