"""Small helpers for mediation templates: how a timeline row reads, and labels of codes."""

from django import template
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from pingan.mediation.models import Level, Route, SessionMode

register = template.Library()


def _when(value: str) -> str:
    from django.utils import timezone

    moment = parse_datetime(value or "")
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


@register.filter
def event_summary(event) -> str:
    """One line with what the event's data says, in words (the note is shown beside it)."""
    data = event.data or {}
    kind = event.kind
    if kind == "escalate":
        return _("%(a)s → %(b)s") % {
            "a": Level(data["from_level"]).label,
            "b": Level(data["to_level"]).label,
        }
    if kind == "terminate":
        return _("已告知：%(routes)s") % {"routes": "、".join(data.get("routes_told", []))}
    if kind == "extend":
        return _("延长 %(d)s 天（双方同意），期限至 %(due)s") % {
            "d": data.get("days"),
            "due": _when(data.get("to_due_at")),
        }
    if kind in ("accept", "refer") and data.get("due_at"):
        return _("调解期限 %(due)s") % {"due": _when(data["due_at"])}
    if kind == "session_schedule":
        return _("%(when)s %(mode)s，%(place)s；短信通知 %(n)s 人") % {
            "when": _when(data.get("starts_at")),
            "mode": SessionMode(data["mode"]).label,
            "place": data.get("place", ""),
            "n": data.get("sms_sent", 0),
        }
    if kind in ("party_add", "party_remove"):
        return data.get("name", "")
    if kind in ("mediator_assign", "mediator_release"):
        return data.get("name", "")
    if kind == "create" and data.get("case"):
        return _("来自工单 %(n)s（合并来电 %(m)s 件）") % {
            "n": data["case"],
            "m": data.get("merged_reports", 0),
        }
    if kind == "link_case":
        return data.get("case", "")
    if kind in ("agreement_save", "agree"):
        return data.get("number", "")
    if kind == "performance":
        late = _("（逾期履行）") if data.get("late") else ""
        return (
            _("第 %(n)s 项已履行 %(on)s") % {"n": data.get("term"), "on": data.get("performed_on")}
            + late
        )
    if kind.startswith("confirmation_") and data.get("late"):
        return _("超过法定期限作出")
    return ""


@register.filter
def route_label(code: str) -> str:
    return Route(code).label if code in Route.values else code


STATUS_CLASSES = {
    "applied": "text-bg-secondary",
    "accepted": "text-bg-info",
    "mediating": "text-bg-primary",
    "agreed": "text-bg-success",
    "performed": "text-bg-success",
    "followed_up": "text-bg-success",
    "closed": "text-bg-dark",
    "terminated": "text-bg-warning",
    "withdrawn": "text-bg-light border",
    "refused": "text-bg-light border",
    "returned_to_court": "text-bg-warning",
}


@register.filter
def status_class(status: str) -> str:
    return STATUS_CLASSES.get(status, "text-bg-secondary")


@register.filter
def percent(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"
