"""What towns hear when a Safety Day campaign opens: an SMS to each town's leaders and officers,
queued through the notify outbox in the campaign's own transaction (rule 4)."""

from django.utils.translation import gettext_lazy as _

from pingan.notify.services import sms_enqueue
from pingan.notify.templates import register_default
from pingan.org.models import Post
from pingan.org.roles import Role

TEMPLATES = {
    "safety_day_town": (
        _("平安桐乡日镇街通知"),
        "【平安桐乡】{month}平安桐乡日（{day}）已启动，请{town}组织开展宣讲、培训、巡查、"
        "整改四项工作，并在平台上报活动情况和宣传数据。",
    ),
}

# Who in a town is told: those who organise the town's work (its leaders, administrators and
# safety officers), not every grid member.
NOTICE_ROLES = (Role.LEADER, Role.ADMIN, Role.INSPECTOR)


def register_templates() -> None:
    for code, (name, body) in TEMPLATES.items():
        register_default(code, str(name), body)


def town_recipients(town) -> list:
    """The town's people to tell: active posts in NOTICE_ROLES at the town itself."""
    posts = Post.objects.filter(
        region=town, role__in=NOTICE_ROLES, is_active=True, user__is_active=True
    ).select_related("user")
    users = {post.user_id: post.user for post in posts}
    return sorted(users.values(), key=lambda user: user.pk)


def tell_town(campaign, town) -> int:
    """Queue the notice for each recipient; returns how many were queued."""
    sent = 0
    for user in town_recipients(town):
        message = sms_enqueue(
            phone=user.phone,
            template="safety_day_town",
            context={
                "month": f"{campaign.month.year}年{campaign.month.month}月",
                "day": f"{campaign.day.month}月{campaign.day.day}日",
                "town": town.name,
            },
            related=campaign,
            idempotency_key=f"safety-{campaign.month:%Y-%m}-town-{town.code}-user-{user.pk}",
        )
        if message is not None:
            sent += 1
    return sent
