"""How the permission matrix asks and what it reads from an answer.

One letter per answer (the table's alphabet):

    +  2xx                       R  3xx to anywhere but the login page
    L  sign in first (page: redirect to the login page; API: 401)
    F  403 forbidden             N  404 not found (also: out of jurisdiction)
    B  400 / 422 bad input       C  409 conflict (wrong status for the action)
    M  405 method not allowed    E  5xx

A write (POST, PUT, PATCH, DELETE) that answered 2xx or 3xx but changed nothing reads as the
lower-case letter: `v` (a form shown again with its error, an answer that did nothing) or `r`
(sent back with a message). So a refused write can never pass for a successful one.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.urls import URLResolver, get_resolver, reverse

from pingan.core.models import AuditEntry

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
REFUSALS = set("LFNBCM")

# Tables that change on reads or on signing in, not on the writes under test: sessions, login
# throttling, the database cache, the task queue's bookkeeping. The audit log is counted apart
# (its reads — "reveal" — are expected on reads).
_VOLATILE_APPS = {"sessions", "axes", "admin", "contenttypes", "auth"}
_WRITE_ACTIONS = ("create", "update", "delete")


def letter(response, *, changed: bool | None = None) -> str:
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        location = response.headers.get("Location", "")
        code = "L" if location.split("?")[0].rstrip("/").endswith("/login") else "R"
    elif 200 <= status < 300:
        code = "+"
    elif status == 401:
        code = "L"
    elif status >= 500:
        code = "E"
    else:
        code = {403: "F", 404: "N", 405: "M", 400: "B", 422: "B", 409: "C"}.get(status, "?")
    if changed is False and code in "+R":
        code = code.replace("+", "v").replace("R", "r")
    return code


def url_patterns(resolver=None, prefix="", namespace=None):
    """(route, name) of every URL pattern, recursively; an unnamed pattern is `<ns>:unnamed`."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            ns = (f"{namespace}:{inner}" if namespace else inner) if inner else namespace
            yield from url_patterns(pattern, prefix + str(pattern.pattern), ns)
        else:
            name = pattern.name or "unnamed"
            yield prefix + str(pattern.pattern), f"{namespace}:{name}" if namespace else name


def resolve(value, world: dict):
    """`@name` is a record of the world (fixtures.seed_records); anything else is literal."""
    if isinstance(value, str) and value.startswith("@"):
        return world[value[1:]]
    if isinstance(value, dict):
        return {k: resolve(v, world) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, world) for v in value]
    return value


def parse_args(spec: str) -> tuple[dict, str]:
    """ "pk=@window action=start ?q=@town" -> ({"pk": "@window", "action": "start"}, "?q=@town")."""
    parts = spec.split()
    query = next((p for p in parts if p.startswith("?")), "")
    return dict(p.split("=", 1) for p in parts if not p.startswith("?")), query


def _query(query: str, world: dict) -> str:
    if not query:
        return ""
    pairs = [pair.split("=", 1) for pair in query[1:].split("&")]
    return "?" + urlencode({key: resolve(value, world) for key, value in pairs})


def page_url(name: str, args: str, world: dict, fixed: dict) -> str:
    if name in fixed:
        return fixed[name]
    kwargs, query = parse_args(args)
    return reverse(name, kwargs=resolve(kwargs, world)) + _query(query, world)


def api_url(path: str, args: str, world: dict, defaults: dict) -> str:
    kwargs, query = parse_args(args)
    given = {**defaults, **kwargs}
    filled = re.sub(r"\{(\w+)\}", lambda m: str(resolve(given[m.group(1)], world)), path)
    return "/api/v1" + filled + _query(query, world)


def _counted_tables() -> list[str]:
    tables = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.app_label in _VOLATILE_APPS:
            continue
        if model is AuditEntry:
            continue
        tables.append(meta.db_table)
    return sorted(set(tables))


@dataclass
class Fingerprint:
    """Row counts of every table a write could touch, and the audit log's change entries (which
    catch updates in place: every tracked model's update is logged)."""

    sql: str = ""

    def take(self) -> tuple:
        if not self.sql:
            quote = connection.ops.quote_name
            counts = [f"(SELECT COUNT(*) FROM {quote(t)})" for t in _counted_tables()]
            audit = (
                f"(SELECT COUNT(*) FROM {quote(AuditEntry._meta.db_table)} "
                f"WHERE action IN ({', '.join(repr(a) for a in _WRITE_ACTIONS)}))"
            )
            self.sql = "SELECT " + ", ".join([*counts, audit])
        with connection.cursor() as cursor:
            cursor.execute(self.sql)
            return tuple(cursor.fetchone())


def changed_tables(before: tuple, after: tuple) -> list[str]:
    names = [*_counted_tables(), "core_auditentry(changes)"]
    return [n for n, b, a in zip(names, before, after, strict=True) if b != a]


class PersonalData:
    """Every phone number and ID number stored encrypted anywhere, in plain, with who it belongs
    to, so any answer can be searched for personal data shown in full."""

    KINDS = ("phone", "id_number")

    def __init__(self):
        from pingan.core.fields import EncryptedTextField

        self.owners: dict[str, set[int]] = {}
        for model in apps.get_models():
            fields = [
                f
                for f in model._meta.concrete_fields
                if isinstance(f, EncryptedTextField) and f.kind in self.KINDS
            ]
            if not fields:
                continue
            owner = _owner_field(model)
            columns = [f.name for f in fields] + ([owner] if owner else [])
            for row in model.objects.values_list(*columns):
                user_id = row[-1] if owner else None
                for value in row[: len(fields)]:
                    if value and len(value) >= 11:
                        self.owners.setdefault(value, set()).add(user_id)

    # Phone and ID numbers are runs of digits (an ID may end in X): find the runs, then look them
    # up, rather than searching for every value.
    RUNS = re.compile(r"(?<![0-9])[0-9]{11,17}[0-9Xx]?(?![0-9])")

    def shown(self, response) -> set[str]:
        kind = response.headers.get("Content-Type", "")
        textual = any(t in kind for t in ("html", "json", "text", "xml", "csv"))
        if response.streaming:
            # Read to the end: the test client closes a streamed answer (and sends
            # request_finished) only then, without closing the test's database connection.
            body = b"".join(response.streaming_content)
            body = body if textual else b""
        else:
            body = response.content if textual else b""
        runs = self.RUNS.findall(body.decode("utf-8", "replace")) if body else ()
        return {run.upper() for run in runs if run.upper() in self.owners}

    def of_others(self, values: set[str], user) -> set[str]:
        """The values that are not the viewer's own (a person may see their own in full)."""
        mine = getattr(user, "pk", None)
        return {v for v in values if mine is None or mine not in self.owners.get(v, ())}


def _owner_field(model) -> str | None:
    """The account a record's personal data belongs to: the user itself, a person's account,
    a case's reporter."""
    from pingan.org.models import User

    if model is User:
        return "pk"
    for name in ("user", "reporter"):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if getattr(field, "related_model", None) is User:
            return f"{name}_id"
    return None


def reveals_since(mark: int, user) -> int:
    """Audit entries of unmasked reads by `user` written after entry id `mark`."""
    return AuditEntry.objects.filter(pk__gt=mark, action="reveal", actor=user).count()


def audit_mark() -> int:
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
