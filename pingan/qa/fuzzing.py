"""Fuzzing the JSON API with schemathesis, in process, against the seeded demo city.

The OpenAPI document at /api/v1/openapi.json is loaded through Django's own WSGI application,
so no server runs and every request shares the test's database transaction. Each operation is
called anonymously and with bearer tokens of several demo roles (obtained through
POST /api/v1/auth/token). Purely random identifiers would almost always answer 404 and never
reach the code behind them, so positive examples often take their path parameters and a few
well-known body fields (region, category, phone, ...) from the records the demo city holds.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import load_all_checks
from schemathesis.generation import GenerationMode

API_PREFIX = "/api/v1"
SCHEMA_PATH = f"{API_PREFIX}/openapi.json"
DEMO_PASSWORD = "pingan-demo"

# One account per kind of access: the superuser, a city leader, staff of two towns and of the
# city, a mediator, an inspector, a health officer, a guard and a citizen.
ROLES = (
    "admin",
    "city_leader",
    "hotline",
    "city_dispatcher",
    "wutong_clerk",
    "gaoqiao_clerk",
    "wutong_mediator",
    "xinfang_officer",
    "tudian_inspector",
    "health_officer",
    "wutong_pingan",
    "guard_factory",
    "demo_worker",
)

# How many examples each operation gets, per generation mode, kept small so that the suite
# stays fast; PINGAN_FUZZ_SCALE=10 multiplies them for a deeper run. Anonymous calls to
# operations that need a token all stop at authentication, so a few show that they do.
SCALE = max(1, int(os.environ.get("PINGAN_FUZZ_SCALE", "1")))
EXAMPLES = {
    ("token", GenerationMode.POSITIVE): 10 * SCALE,
    ("token", GenerationMode.NEGATIVE): 5 * SCALE,
    ("public", GenerationMode.POSITIVE): 10 * SCALE,
    ("public", GenerationMode.NEGATIVE): 5 * SCALE,
    ("refused", GenerationMode.POSITIVE): 2 * SCALE,
    ("refused", GenerationMode.NEGATIVE): 1 * SCALE,
}

# Request body fields whose random values almost never name a real record.
BODY_POOLS = {
    "region": "region_code",
    "intake_region": "region_code",
    "village": "region_code",
    "category": "category_code",
    "department": "department_code",
    "case": "case_id",
    "case_id": "case_id",
    "into": "case_id",
    "place": "place_id",
    "inspection": "inspection_id",
    "pledge": "pledge_id",
    "checkpoint": "checkpoint_id",
    "window": "window_id",
    "phone": "phone",
    "reporter_phone": "phone",
    "contact_phone": "phone",
    "responsible_phone": "phone",
    "representative_phone": "phone",
    "id_number": "id_number",
    "representative_id_number": "id_number",
}


def api_operations() -> list[tuple[str, str]]:
    """(METHOD, path) of every operation the API's routers declare, for test parametrisation.
    Read from the routers, not the OpenAPI document: every test process collects this module,
    and building the document costs a second; a test checks that both list the same."""
    import re

    from pingan.api import api

    found = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            full = re.sub(r"/+", "/", f"{API_PREFIX}/{prefix}/{path}").rstrip("/")
            for operation in path_view.operations:
                if operation.include_in_schema:
                    found += [(method.upper(), full) for method in operation.methods]
    return found


def documented_operations(schema) -> set[tuple[str, str]]:
    return {
        (method.upper(), path)
        for path, item in schema.raw_schema["paths"].items()
        for method in item
        if method in {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
    }


@contextmanager
def in_test_transaction() -> Iterator[None]:
    """Let WSGI requests run inside the test's transaction. Django's handler closes "obsolete"
    connections when a request starts and ends, which inside a transaction means the test's
    own connection; Django's test client switches that off the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@dataclass
class ServerErrors:
    """Tracebacks of the exceptions behind 500 answers, to print with a failing example."""

    tracebacks: list[str] = field(default_factory=list)

    def record(self, sender, request=None, **kwargs) -> None:
        self.tracebacks.append(traceback.format_exc())

    @contextmanager
    def watching(self) -> Iterator[ServerErrors]:
        got_request_exception.connect(self.record)
        try:
            yield self
        finally:
            got_request_exception.disconnect(self.record)


@dataclass
class World:
    schema: schemathesis.BaseSchema
    app: WSGIHandler
    tokens: dict[str, str]
    pools: dict[str, list]
    errors: ServerErrors
    examples_run: int = 0

    def token_for(self, username: str) -> str:
        """The role's bearer token, asking for a new one when a fuzzed DELETE revoked it."""
        from pingan.org.services import token_authenticate

        token = self.tokens.get(username)
        if token is None or token_authenticate(token) is None:
            token = self.tokens[username] = issue_token(self.app, username)
        return token


def issue_token(app, username: str) -> str:
    client = schemathesis.python.wsgi.get_client(app)
    response = client.post(
        f"{API_PREFIX}/auth/token",
        json={"username": username, "password": DEMO_PASSWORD, "name": "fuzz"},
    )
    assert response.status_code == 200, (username, response.status_code, response.get_data())
    return response.get_json()["token"]


def record_pools() -> dict[str, list]:
    """Values that name real records of the demo city, by path parameter or pool name."""
    from pingan.cases.models import Case, CasePhoto, Category
    from pingan.hall.models import DutySlot, DutySwap, ServiceCentre, Ticket, Window
    from pingan.hazards.models import Hazard, Inspection
    from pingan.health.models import Appeal, ChangeRequest
    from pingan.mediation.models import AgreementTerm, Dispute, DisputeParty, MediationSession
    from pingan.notify.models import SmsBatch
    from pingan.org.models import ApiToken, Department, Region
    from pingan.passes.models import Checkpoint
    from pingan.people.models import Person
    from pingan.petitions.models import Petition
    from pingan.places.models import Place
    from pingan.pledges.models import Pledge
    from pingan.safety.models import Campaign
    from pingan.surveys.models import Survey

    def ids(model) -> list[int]:
        return list(model.objects.order_by("pk").values_list("pk", flat=True))

    pools = {
        "case_id": ids(Case),
        "photo_id": ids(CasePhoto),
        "dispute_id": ids(Dispute),
        "party_id": ids(DisputeParty),
        "session_id": ids(MediationSession),
        "term_id": ids(AgreementTerm),
        "petition_id": ids(Petition),
        "hazard_id": ids(Hazard),
        "inspection_id": ids(Inspection),
        "place_id": ids(Place),
        "pledge_id": ids(Pledge),
        "survey_id": ids(Survey),
        "campaign_id": ids(Campaign),
        "batch_id": ids(SmsBatch),
        "appeal_id": ids(Appeal),
        "person_id": ids(Person),
        "request_id": ids(ChangeRequest),
        "centre_id": ids(ServiceCentre),
        "window_id": ids(Window),
        "ticket_id": ids(Ticket),
        "slot_id": ids(DutySlot),
        "swap_id": ids(DutySwap),
        "token_id": ids(ApiToken),
        "checkpoint_id": ids(Checkpoint),
        "slug": list(ServiceCentre.objects.values_list("slug", flat=True)),
        "token": [
            *Survey.objects.values_list("token", flat=True),
            *Pledge.objects.values_list("token", flat=True),
            *Ticket.objects.values_list("token", flat=True),
        ],
        "kind": list(Place.Kind.values),
        "action": ["recall", "no-show", "start", "finish", "approve", "reject", "withdraw"],
        "region_code": list(Region.objects.values_list("code", flat=True)),
        "category_code": list(Category.objects.values_list("code", flat=True)),
        "department_code": list(Department.objects.values_list("code", flat=True)),
        "phone": ["13957308001", "13800138000", "15888888888"],
        "id_number": ["330483199001011238", "11010519491231002X"],
    }
    return {name: values for name, values in pools.items() if values}


def build_world(errors: ServerErrors) -> World:
    """Load the served OpenAPI document and sign the roles in; the demo city must exist."""
    app = WSGIHandler()
    schema = schemathesis.openapi.from_wsgi(SCHEMA_PATH, app)
    tokens = {username: issue_token(app, username) for username in ROLES}
    return World(schema=schema, app=app, tokens=tokens, pools=record_pools(), errors=errors)


def _same_kind(old, new) -> bool:
    return isinstance(old, bool) is isinstance(new, bool) and isinstance(old, type(new))


def steer(case, data, pools: dict[str, list]) -> None:
    """Point a positive example at real records: its path parameters and known body fields."""
    for name in list(case.path_parameters or {}):
        if name in pools and data.draw(st.booleans(), label=f"real {name}"):
            case.path_parameters[name] = data.draw(st.sampled_from(pools[name]), label=name)
    if isinstance(case.body, dict):
        for name, value in list(case.body.items()):
            pool = pools.get(BODY_POOLS.get(name, ""))
            if pool and _same_kind(value, pool[0]) and data.draw(st.booleans(), label=name):
                case.body[name] = data.draw(st.sampled_from(pool), label=name)


def _checks():
    load_all_checks()
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_headers_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    return [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_headers_conformance,
        response_schema_conformance,
    ]


def fuzz_operation(world: World, method: str, path: str, *, with_token: bool) -> int:
    """Run one operation's examples; raise on the first failing one (after shrinking)."""
    operation = world.schema[path][method]
    secured = bool(operation.definition.raw.get("security"))
    kind = "token" if with_token else ("refused" if secured else "public")
    ran = 0
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        ran += _fuzz_mode(
            world, operation, mode, EXAMPLES[kind, mode], secured=secured, with_token=with_token
        )
    world.examples_run += ran
    return ran


def _fuzz_mode(world, operation, mode, max_examples, *, secured, with_token) -> int:
    checks = _checks()
    ran = 0

    @settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
    def run(case, data):
        nonlocal ran
        ran += 1
        headers = {}
        if with_token:
            username = data.draw(st.sampled_from(ROLES), label="role")
            headers["Authorization"] = f"Bearer {world.token_for(username)}"
        elif case.headers:
            case.headers.pop("Authorization", None)
        if mode is GenerationMode.POSITIVE:
            steer(case, data, world.pools)
        del world.errors.tracebacks[:]
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=checks, headers=headers)
            if secured and not with_token:
                assert response.status_code == 401, (
                    f"{operation.label} answered {response.status_code} without a token"
                )
        except BaseException as exc:
            for text in world.errors.tracebacks:
                exc.add_note(f"Server traceback:\n{text}")
            raise

    try:
        run()
    except Unsatisfiable:
        # Some operations admit no invalid input at all (no parameters, or only a string path
        # segment, which any text satisfies); valid input is never unsatisfiable.
        if mode is not GenerationMode.NEGATIVE or ran:
            raise
    return ran
