"""Showing a figure and its change the same way everywhere."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def figure_value(figure):
    if figure.value is None:
        return format_html(
            '<span class="text-secondary" title="{}">—</span>', _("分母为 0，无法计算")
        )
    unit = figure.indicator.unit
    if figure.indicator.is_rate:
        return format_html('<span class="pa-fig">{}</span><small>%</small>', figure.value)
    return format_html('<span class="pa-fig">{}</span><small> {}</small>', figure.value, unit)


@register.simple_tag
def change_badge(change, better=None):
    """↑/↓ with the change; green when the change is good news, red when it is bad."""
    if change.delta is None:
        if change.previous in (0, None):
            return format_html(
                '<span class="text-secondary small">{}</span>', _("上期为 0，不计算")
            )
        return format_html('<span class="text-secondary small">—</span>')
    unit = _("个百分点") if change.points else "%"
    arrow = {"up": "↑", "down": "↓", "flat": "→"}[change.direction]
    tone = "text-secondary"
    if change.direction != "flat" and better:
        tone = "text-success" if change.direction == better else "text-danger"
    return format_html(
        '<span class="{} small" data-change="{}">{}{}{}</span>',
        tone,
        change.delta,
        arrow,
        abs(change.delta),
        unit,
    )


@register.simple_tag
def previous_value(change, is_rate=False):
    if change.previous is None:
        return "—"
    return f"{change.previous}%" if is_rate else f"{change.previous}"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
