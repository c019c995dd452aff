"""The permission matrix (issue 9): every page and every API operation, asked by every role in
its own town and in another town, by a resident and by nobody, against one table of expected
answers (pingan/qa/matrix.py).

The table must list every URL pattern and every API operation, so a new page or endpoint fails
here until someone decides who may use it. Writes are rolled back after each request; a refused
write, and any write from outside the record's town, must leave every table as it was. Every
answer is searched for phone and ID numbers shown in full: only roles whose work needs them may
see them, and each such read must have written a "reveal" entry to the audit log.

One database, seeded once for the module (the demo city plus the matrix's own accounts and
records, see pingan/qa/fixtures.py), rolled back at the end.
"""

import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from pingan.api import api
from pingan.org.roles import ROLES_SEEING_PII
from pingan.qa import fixtures, matrix, probe

ADMIN_PREFIX = "admin/"
API_PREFIX = "api/v1/"


@dataclass
class Principal:
    column: str
    side: str  # "own", "other" or "" (anonymous, superuser)
    user: object = None
    client: Client = None
    bearer: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        name = self.user.get_username() if self.user else "anonymous"
        return f"{self.column}{'/' + self.side if self.side else ''} ({name})"

    @property
    def may_see_personal_data(self) -> bool:
        if self.user is None:
            return False
        return self.user.is_superuser or self.column in ROLES_SEEING_PII


@dataclass
class World:
    records: dict
    principals: list
    personal_data: probe.PersonalData
    fingerprint: probe.Fingerprint
    api_client: Client


def _principals() -> list[Principal]:
    from pingan.org.models import User
    from pingan.org.services import token_issue

    def make(column, side, username):
        client = Client(raise_request_exception=False)
        if username is None:
            return Principal(column, side, None, client)
        user = User.objects.get(username=username)
        client.force_login(user)
        _token, raw = token_issue(user=user, name="权限矩阵")
        return Principal(column, side, user, client, {"HTTP_AUTHORIZATION": f"Bearer {raw}"})

    found = [make("anon", "", None)]
    for column in matrix.COLUMNS:
        if column in matrix.SINGLE:
            continue
        own, other = fixtures.PRINCIPALS[column]
        found += [make(column, "own", own), make(column, "other", other)]
    found.append(make("su", "", fixtures.SUPERUSER))
    return found


@pytest.fixture(scope="module")
def matrix_media(tmp_path_factory):
    return tmp_path_factory.mktemp("matrix-media")


@pytest.fixture(autouse=True)
def _media_into_tmp(settings, matrix_media):
    """The records' photos are stored once for the module; every test reads them there (this
    replaces the project-wide per-test media directory for this module)."""
    settings.MEDIA_ROOT = matrix_media


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, matrix_media):
    media = matrix_media
    with (
        override_settings(
            MEDIA_ROOT=media, PINGAN_SMS_GATEWAY="file", PINGAN_SMS_FILE_PATH=media / "sms.jsonl"
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        fixtures.seed_city()
        records = fixtures.seed_records()
        yield World(
            records=records,
            principals=_principals(),
            personal_data=probe.PersonalData(),
            fingerprint=probe.Fingerprint(),
            api_client=Client(raise_request_exception=False),
        )
        transaction.set_rollback(True)


# --- the table is complete and well formed ---------------------------------------------------


def _page_names() -> set[str]:
    return {
        name
        for route, name in probe.url_patterns()
        if not route.startswith((ADMIN_PREFIX, API_PREFIX))
    }


def _api_operations() -> set[str]:
    paths = api.get_openapi_schema()["paths"]
    return {
        f"{method.upper()} {path.removeprefix('/api/v1')}"
        for path, operations in paths.items()
        for method in operations
    }


def _key(name: str, method: str) -> str:
    return f"{name} {method}"


def test_every_page_is_in_the_table():
    listed = {name for name, _method, _args, _cells in matrix.PAGES}
    assert _page_names() - listed == set(), "pages missing from pingan/qa/matrix.py PAGES"
    assert listed - _page_names() == set(), "rows for pages that no longer exist"
    keys = [_key(name, method) for name, method, _args, _cells in matrix.PAGES]
    assert len(keys) == len(set(keys)), "a page and method listed twice"


def test_every_api_operation_is_in_the_table():
    listed = [operation for operation, _args, _cells in matrix.API]
    assert _api_operations() - set(listed) == set(), "operations missing from matrix.API"
    assert set(listed) - _api_operations() == set(), "rows for operations that no longer exist"
    assert len(listed) == len(set(listed))


def _cells(text: str) -> dict[tuple[str, str], str]:
    return _cells_orig(text)


def _cells_orig(text: str) -> dict[tuple[str, str], str]:
    """ "L NN …" -> {(column, side): letter}."""
    groups = text.split()
    assert len(groups) == len(matrix.COLUMNS), f"{len(groups)} cells, not {len(matrix.COLUMNS)}"
    cells = {}
    for column, group in zip(matrix.COLUMNS, groups, strict=True):
        if column in matrix.SINGLE:
            assert len(group) == 1, f"{column}: one letter"
            cells[column, ""] = group
        else:
            assert len(group) == 2, f"{column}: two letters (own town, other town)"
            cells[column, "own"], cells[column, "other"] = group
    return cells


def _rows():
    for name, method, args, cells in matrix.PAGES:
        yield "page", _key(name, method), name, method, args, cells
    for operation, args, cells in matrix.API:
        method, path = operation.split(" ", 1)
        yield "api", operation, path, method, args, cells


ROWS = list(_rows())
SUCCESS = set("+R")


def test_no_write_outside_the_town_is_expected_to_succeed():
    """The table itself: unless a write is public, anonymous and other-town cells are refusals
    (or answers that wrote nothing)."""
    wrong = []
    for _kind, key, _target, method, _args, text in ROWS:
        if method not in probe.WRITE_METHODS or key in matrix.OPEN_WRITES:
            continue
        for (column, side), expected in _cells(text).items():
            if (column == "anon" or side == "other") and expected in SUCCESS:
                wrong.append(f"{key}: {column}/{side or '-'} = {expected}")
    assert wrong == []


# --- asking -----------------------------------------------------------------------------------


def _send(world: World, kind, target, method, args, principal: Principal, key):
    records = world.records
    if kind == "page":
        url = probe.page_url(target, args, records, matrix.FIXED_URLS)
        data = probe.resolve(matrix.FORMS.get(target, {}), records) if method != "GET" else {}
        with _same_session(principal.client) as client:
            if method == "GET":
                return client.get(url)
            return client.generic(
                method, url, _form(data), content_type="application/x-www-form-urlencoded"
            )
    url = probe.api_url(target, args, records, matrix.API_ARGS)
    body = probe.resolve(matrix.BODIES.get(key, {}), records)
    return world.api_client.generic(
        method,
        url,
        json.dumps(body) if method != "GET" else "",
        content_type="application/json",
        **principal.bearer,
    )


@contextmanager
def _same_session(client: Client):
    """Logging out (or in) must not change who asks the next request."""
    kept = {name: morsel.value for name, morsel in client.cookies.items()}
    try:
        yield client
    finally:
        client.cookies = SimpleCookie()
        for name, value in kept.items():
            client.cookies[name] = value


def _form(data: dict) -> str:
    from urllib.parse import urlencode

    return urlencode({k: str(v) for k, v in data.items()})


@dataclass
class Answer:
    letter: str
    changed: list
    personal_data: list
    text: str = ""


def _ask(world: World, kind, key, target, method, args, principal: Principal) -> Answer:
    pii = world.personal_data
    if method not in probe.WRITE_METHODS:
        mark = probe.audit_mark()
        response = _send(world, kind, target, method, args, principal, key)
        problems = _pii_problems(pii, response, principal, mark)
        return Answer(probe.letter(response), [], problems, _text(response))
    with transaction.atomic():
        before = world.fingerprint.take()
        mark = probe.audit_mark()
        response = _send(world, kind, target, method, args, principal, key)
        after = world.fingerprint.take()
        problems = _pii_problems(pii, response, principal, mark)
        transaction.set_rollback(True)
    changed = probe.changed_tables(before, after) if before != after else []
    return Answer(probe.letter(response, changed=bool(changed)), changed, problems)


def _text(response) -> str:
    """The answer as text; JSON re-read so that Chinese is not hidden behind \\u escapes."""
    if response.streaming:
        return ""
    if "json" in response.headers.get("Content-Type", ""):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode("utf-8", "replace")


def _pii_problems(pii: probe.PersonalData, response, principal: Principal, mark) -> list[str]:
    shown = pii.of_others(pii.shown(response), principal.user)
    if not shown:
        return []
    problems = []
    if not principal.may_see_personal_data:
        problems.append(f"{principal.label} sees {sorted(shown)} in full")
    elif probe.reveals_since(mark, principal.user) == 0:
        problems.append(f"{principal.label} sees {sorted(shown)} in full with no audit entry")
    return problems


def _render(cells: dict) -> str:
    out = []
    for column in matrix.COLUMNS:
        if column in matrix.SINGLE:
            out.append(cells[column, ""])
        else:
            out.append(cells[column, "own"] + cells[column, "other"])
    return " ".join(out)


CELLS_BY_KEY = {key: text for _kind, key, _target, _method, _args, text in ROWS}


def _listed_without_access(world: World, key, principal: Principal, answer: Answer) -> list:
    """A list naming the town's record to someone who may not open the record."""
    if key not in matrix.LISTS or answer.letter != "+":
        return []
    record_row, marker = matrix.LISTS[key]
    may_open = _cells(CELLS_BY_KEY[record_row])[principal.column, principal.side] in SUCCESS
    name = str(probe.resolve(marker, world.records))
    if not may_open and name in answer.text:
        return [f"{principal.label} sees {name} listed but may not open it ({record_row})"]
    if principal.column == "su" and name not in answer.text:
        return [f"{name} is not on the superuser's list: the list check proves nothing"]
    return []


def check_row(world: World, kind, key, target, method, args) -> tuple[dict, list]:
    """Ask every principal; the letters observed and the problems found on the way."""
    observed, problems = {}, []
    for principal in world.principals:
        answer = _ask(world, kind, key, target, method, args, principal)
        observed[principal.column, principal.side] = answer.letter
        problems += answer.personal_data
        problems += _listed_without_access(world, key, principal, answer)
        refused = answer.letter not in SUCCESS
        outside = principal.side == "other" or principal.column == "anon"
        if answer.changed and (refused or (outside and key not in matrix.OPEN_WRITES)):
            problems.append(f"{principal.label} changed {answer.changed}")
    return observed, problems


@pytest.mark.parametrize(
    ("kind", "key", "target", "method", "args", "text"), ROWS, ids=[row[1] for row in ROWS]
)
def test_matrix_row(world, db, kind, key, target, method, args, text):
    observed, problems = check_row(world, kind, key, target, method, args)
    assert (_render(observed), problems) == (_render(_cells(text)), [])


# --- the admin site ---------------------------------------------------------------------------


def test_the_admin_site_is_for_the_superuser_only(world, db):
    """Every model's change list: anonymous and staff posts (even the admin role: posts are not
    Django staff status) are sent to the admin login; the superuser gets the page."""
    by_column = {(p.column, p.side): p for p in world.principals}
    asking = [by_column["anon", ""], by_column["admin", "own"], by_column["leader", "own"]]
    superuser = by_column["su", ""]
    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]
    wrong = []
    for url in urls:
        for principal in asking:
            if (got := probe.letter(principal.client.get(url))) != "L":
                wrong.append(f"{url} {principal.label}: {got}")
        if (got := probe.letter(superuser.client.get(url))) != "+":
            wrong.append(f"{url} superuser: {got}")
    assert wrong == []


# --- bad input ------------------------------------------------------------------------------


def test_an_empty_write_is_refused_with_a_message_not_a_server_error(world, db):
    """Every page form and API write, sent empty by the superuser (who passes every permission
    check, so the input is what is judged): a 4xx or a form shown again, never a 5xx."""
    superuser = next(p for p in world.principals if p.column == "su")
    errors = []
    for kind, key, target, method, args, _text in ROWS:
        if method not in probe.WRITE_METHODS:
            continue
        with transaction.atomic():
            if kind == "page":
                url = probe.page_url(target, args, world.records, matrix.FIXED_URLS)
                with _same_session(superuser.client) as client:
                    response = client.generic(
                        method, url, "", content_type="application/x-www-form-urlencoded"
                    )
            else:
                url = probe.api_url(target, args, world.records, matrix.API_ARGS)
                response = world.api_client.generic(
                    method, url, "{}", content_type="application/json", **superuser.bearer
                )
            transaction.set_rollback(True)
        if response.status_code >= 500:
            errors.append(f"{key}: {response.status_code}")
    assert errors == []


# --- personal data ----------------------------------------------------------------------------


def _principal(world: World, column: str, side: str = "own") -> Principal:
    return next(p for p in world.principals if (p.column, p.side) == (column, side))


def test_a_case_shows_the_reporter_masked_and_an_unmasked_read_is_audited(world, db):
    """The dispatcher (whose work needs no phone numbers) sees the reporter's phone masked; the
    hotline operator reveals it on purpose, and that read is in the audit log."""
    from pingan.cases.models import Case
    from pingan.core.masking import mask_phone
    from pingan.core.models import AuditEntry

    case = Case.objects.get(pk=world.records["case"])
    phone = case.reporter_phone
    assert phone, "the matrix's case needs a reporter phone"
    page = reverse("cases_staff:case", args=[case.pk])
    for column in ("dispatcher", "hotline"):
        text = _principal(world, column).client.get(page).content.decode()
        assert mask_phone(phone) in text and phone not in text, column

    operator = _principal(world, "hotline")
    mark = probe.audit_mark()
    with transaction.atomic():
        shown = operator.client.post(reverse("cases_staff:reveal-reporter", args=[case.pk]))
        reveals = list(
            AuditEntry.objects.filter(
                pk__gt=mark, action="reveal", actor=operator.user
            ).values_list("object_id", "changes")
        )
        transaction.set_rollback(True)
    assert shown.status_code == 200 and phone in shown.content.decode()
    assert (str(case.pk), {"field": "reporter_phone"}) in reveals


def test_a_party_of_a_dispute_is_revealed_only_to_the_mediator_and_audited(world, db):
    from pingan.core.models import AuditEntry
    from pingan.mediation.models import DisputeParty

    party = DisputeParty.objects.get(pk=world.records["party"])
    url = probe.api_url(
        "/mediation/disputes/{dispute_id}/parties/{party_id}/personal-data",
        "",
        world.records,
        matrix.API_ARGS,
    )
    clerk, mediator = _principal(world, "clerk"), _principal(world, "mediator")
    assert world.api_client.get(url, **clerk.bearer).status_code == 403
    mark = probe.audit_mark()
    answer = world.api_client.get(url, **mediator.bearer)
    assert answer.status_code == 200
    plain = {v for v in answer.json().values() if isinstance(v, str) and len(v) >= 11}
    assert plain & set(world.personal_data.owners), "the mediator reads the party in full"
    assert AuditEntry.objects.filter(
        pk__gt=mark, action="reveal", actor=mediator.user, object_id=str(party.person_id)
    ).exists()


def test_the_place_form_shows_its_people_masked_and_keeps_them_when_saved(world, db):
    """Found by the matrix: the edit form showed the place's contact phone in full to inspectors
    and grid workers. It shows it masked now, and saving the form unchanged keeps the number."""
    from pingan.places.models import Place

    place = Place.objects.get(pk=world.records["place"])
    phone = place.contact_phone
    inspector = _principal(world, "inspector")
    url = reverse("hazards:place-edit", args=[place.pk])
    form = inspector.client.get(url)
    text = form.content.decode()
    assert place.masked_contact_phone in text and phone not in text
    with transaction.atomic():
        data = {k: v for k, v in form.context["form"].initial.items() if v is not None}
        saved = inspector.client.post(url, {**data, "address": "复兴路2号", "is_active": "on"})
        place.refresh_from_db()
        kept = (place.contact_phone, place.address)
        transaction.set_rollback(True)
    assert saved.status_code == 302
    assert kept == (phone, "复兴路2号")
