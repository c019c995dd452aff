"""The audit log: who changed what, who saw personal data in full, who logged in.

Changes to registered models are captured generically from model signals (the one place the
project uses signals: auditing is infrastructure that must not depend on every service
remembering it). The acting user comes from the request (session or API token) or from an
explicit `acting_as(user)` in commands and the worker.
"""

import contextlib
import contextvars
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_init, post_save

from pingan.core import masking

_context: contextvars.ContextVar["AuditContext | None"] = contextvars.ContextVar(
    "pingan_audit_context", default=None
)


@dataclass
class AuditContext:
    request: object | None = None
    actor: object | None = None
    extra: dict = field(default_factory=dict)

    def current_actor(self):
        if self.actor is not None:
            return self.actor
        user = getattr(self.request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            return user
        return None

    def ip(self):
        if self.request is None:
            return None
        # The client behind the trusted proxies, as login throttling counts it.
        return settings.AXES_CLIENT_IP_CALLABLE(self.request) or None


@contextlib.contextmanager
def request_context(request):
    token = _context.set(AuditContext(request=request))
    try:
        yield
    finally:
        _context.reset(token)


@contextlib.contextmanager
def acting_as(actor):
    """Name the actor for writes made outside a request (commands, the worker) or for another
    user than the one logged in (a service acting for a citizen)."""
    outer = _context.get()
    token = _context.set(AuditContext(request=outer.request if outer else None, actor=actor))
    try:
        yield
    finally:
        _context.reset(token)


def current_actor():
    ctx = _context.get()
    return ctx.current_actor() if ctx else None


def record(action: str, obj=None, *, actor=None, changes=None, reason: str = "", label: str = ""):
    from pingan.core.models import AuditEntry

    ctx = _context.get()
    actor = actor if actor is not None else (ctx.current_actor() if ctx else None)
    entry = AuditEntry(
        action=action,
        actor=actor,
        actor_label=(str(actor.get_username()) if actor is not None else label or "system")[:150],
        changes=changes or {},
        reason=reason[:200],
        ip=ctx.ip() if ctx else None,
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:200]
    entry.save()
    return entry


def reveal(obj, field_name: str, *, actor, reason: str = "") -> str:
    """The plain value of a personal-data field, for a viewer whose role needs it; logged."""
    value = getattr(obj, field_name) or ""
    record("reveal", obj, actor=actor, changes={"field": field_name}, reason=reason)
    return value


# --- generic change tracking -------------------------------------------------------------------

_registry: dict[type, dict] = {}
MASKERS = {
    "phone": masking.mask_phone,
    "id_number": masking.mask_id_number,
    "name": masking.mask_name,
    "address": masking.mask_address,
}


def _field_names(model, exclude) -> list[str]:
    return [
        f.attname
        for f in model._meta.concrete_fields
        if f.attname not in exclude and not f.primary_key
    ]


def _loggable(model, attname: str, value):
    options = _registry[model]
    if attname in options["secret"]:
        return "***"
    if attname in options["pii"]:
        return MASKERS.get(options["pii"][attname], lambda v: "***" if v else "")(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _snapshot(sender, instance, **kwargs):
    options = _registry[sender]
    instance._audit_snapshot = {
        name: instance.__dict__.get(name) for name in options["fields"] if name in instance.__dict__
    }


def _on_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    options = _registry[sender]
    before = getattr(instance, "_audit_snapshot", {}) if not created else {}
    changes = {}
    for name in options["fields"]:
        new = instance.__dict__.get(name)
        old = before.get(name)
        if created or (name in before and old != new):
            changes[name] = [
                None if created else _loggable(sender, name, old),
                _loggable(sender, name, new),
            ]
    if changes:
        record("create" if created else "update", instance, changes=changes)
    _snapshot(sender, instance)


def _on_delete(sender, instance, **kwargs):
    record("delete", instance)


def track(model, *, exclude=(), pii=None, secret=()):
    """Log every create, update and delete of `model`. `pii` maps an attribute to its masking
    kind ("phone", "id_number", "name", "address"); `secret` attributes are never written out."""
    exclude = set(exclude) | {"last_login"}
    pii = dict(pii or {})
    # Blind indexes are derived values; logging them would only leak guessable hashes.
    for f in model._meta.concrete_fields:
        if f.__class__.__name__ == "BlindIndexField":
            exclude.add(f.attname)
    _registry[model] = {"fields": _field_names(model, exclude), "pii": pii, "secret": set(secret)}
    post_init.connect(_snapshot, sender=model, weak=False, dispatch_uid=f"audit-init-{model}")
    post_save.connect(_on_save, sender=model, weak=False, dispatch_uid=f"audit-save-{model}")
    post_delete.connect(_on_delete, sender=model, weak=False, dispatch_uid=f"audit-del-{model}")


def is_tracked(model: type[models.Model]) -> bool:
    return model in _registry
