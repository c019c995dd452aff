"""Message wording: a default registered in code by the app that sends it, which an
administrator may override in the admin (an active MessageTemplate row with the same code).

    register_default("case_received", "工单受理通知", "您的诉求已受理，编号{number}。")
    render("case_received", {"number": "GD2026112900001"})

Bodies take `{name}` placeholders and nothing else. str.format would also follow attributes and
indexes ("{case.reporter.password}"), and templates are edited by people, so the body is parsed
with string.Formatter and only bare names are accepted; `{{` and `}}` give literal braces.
"""

from dataclasses import dataclass
from string import Formatter

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError

_formatter = Formatter()


@dataclass(frozen=True)
class TemplateDefault:
    code: str
    name: str
    body: str

    @property
    def placeholders(self) -> list[str]:
        return placeholders(self.body)


_defaults: dict[str, TemplateDefault] = {}


def register_default(code: str, name: str, body: str) -> None:
    """Declare a message and its default wording; call from AppConfig.ready()."""
    try:
        placeholders(body)
    except DomainError as exc:
        raise ImproperlyConfigured(f"SMS template {code!r}: {exc.message}") from exc
    existing = _defaults.get(code)
    if existing is not None and existing != TemplateDefault(code, name, body):
        raise ImproperlyConfigured(f"SMS template {code!r} is registered twice, differently")
    _defaults[code] = TemplateDefault(code, name, body)


def get_default(code: str) -> TemplateDefault | None:
    return _defaults.get(code)


def all_defaults() -> list[TemplateDefault]:
    return sorted(_defaults.values(), key=lambda d: d.code)


def placeholders(body: str) -> list[str]:
    """The placeholder names of `body` in order of first use; DomainError if it is malformed."""
    names: list[str] = []
    try:
        parsed = list(_formatter.parse(body))
    except ValueError as exc:
        raise DomainError(
            "template_invalid", _("短信模板格式不正确：花括号不成对（字面花括号请写成 {{ 或 }}）")
        ) from exc
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion:
            shown = field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise DomainError(
                "template_invalid",
                _("短信模板参数「{%(field)s}」不正确：只能写 {参数名}") % {"field": shown},
            )
        if field not in names:
            names.append(field)
    return names


def validate_body(code: str, body: str) -> None:
    """For the admin form: the body parses, and uses only what the sending code supplies."""
    try:
        used = placeholders(body)
    except DomainError as exc:
        raise ValidationError({"body": exc.message}) from exc
    default = _defaults.get(code)
    if default is None:
        return
    unknown = [name for name in used if name not in default.placeholders]
    if unknown:
        raise ValidationError(
            {
                "body": _("模板「%(code)s」不能使用参数：%(unknown)s。可用参数：%(allowed)s")
                % {
                    "code": code,
                    "unknown": "、".join(unknown),
                    "allowed": "、".join(default.placeholders) or "—",
                }
            }
        )


def get_body(code: str) -> str:
    """The wording in force for `code`: the active admin row, else the registered default.

    A bulk send calls this once and render_body() per recipient, rather than render() each time.
    """
    from pingan.notify.models import MessageTemplate

    row = MessageTemplate.objects.filter(code=code, is_active=True).values_list("body", flat=True)
    body = row.first()
    if body is not None:
        return body
    default = _defaults.get(code)
    if default is None:
        raise DomainError("unknown_template", _("短信模板「%(code)s」不存在") % {"code": code})
    return default.body


def render_body(code: str, body: str, context: dict) -> str:
    parts: list[str] = []
    placeholders(body)  # raises a clear DomainError for a malformed body
    for literal, field, _spec, _conversion in _formatter.parse(body):
        parts.append(literal)
        if field is None:
            continue
        if field not in context:
            raise DomainError(
                "template_placeholder_missing",
                _("短信模板「%(code)s」缺少参数「%(name)s」") % {"code": code, "name": field},
            )
        parts.append(str(context[field]))
    return "".join(parts)


def render(code: str, context: dict) -> str:
    """The message text for `code` with `context` filled in; DomainError naming any missing
    placeholder (never a KeyError)."""
    return render_body(code, get_body(code), context)
