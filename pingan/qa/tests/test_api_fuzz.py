"""Schemathesis against every operation of /api/v1, anonymous and with bearer tokens.

Each operation must never answer with a server error, and every answer must match what the
OpenAPI document declares for it: a documented status code, its content type and its body
schema. An operation that needs a token must answer 401 to an anonymous caller.

The demo city is seeded once for the module inside a transaction that is rolled back at the
end; each test then runs in a savepoint of its own (pytest-django's `db`), so what one
operation's examples change never reaches the next test and every test sees the same city.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from ninja import NinjaAPI, Router, Schema

from pingan.qa import fuzzing, open311_fuzzing, schema_names

OPERATIONS = fuzzing.api_operations()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    outbox = tmp_path_factory.mktemp("fuzz") / "sms-outbox.jsonl"
    errors = fuzzing.ServerErrors()
    with (
        django_db_blocker.unblock(),
        override_settings(PINGAN_SMS_GATEWAY="file", PINGAN_SMS_FILE_PATH=outbox),
        fuzzing.in_test_transaction(),
        errors.watching(),
        transaction.atomic(),
    ):
        call_command("seed_demo", quiet=True, stdout=io.StringIO())
        world = fuzzing.build_world(errors)
        yield world
        transaction.set_rollback(True)
    print(f"\nAPI fuzzing: {world.examples_run} examples over {len(OPERATIONS)} operations")


def test_every_documented_operation_is_fuzzed(world):
    assert set(OPERATIONS) == fuzzing.documented_operations(world.schema)
    assert len(OPERATIONS) == len(set(OPERATIONS))


def test_the_document_lists_every_app():
    """The parametrisation below covers the whole API: every router contributes operations."""
    paths = {path for _method, path in OPERATIONS}
    for prefix in (
        "/api/v1/auth/token",
        "/api/v1/cases",
        "/api/v1/mediation/",
        "/api/v1/hall/",
        "/api/v1/petitions",
        "/api/v1/safety/",
        "/api/v1/surveys",
        "/api/v1/hazards/",
        "/api/v1/pledges",
        "/api/v1/health/",
        "/api/v1/passes/",
        "/api/v1/sms/",
        "/api/v1/analytics/",
    ):
        assert any(path.startswith(prefix) for path in paths), prefix
    assert len(OPERATIONS) > 100


def test_no_two_schemas_share_a_name():
    """ninja files schemas by class name; a clash points operations at the wrong schema."""
    from pingan.api import api

    assert schema_names.clashing_names(api) == {}


def test_a_name_clash_is_found():
    router_a, router_b = Router(), Router()

    def out(field: str):
        return type("EventOut", (Schema,), {"__annotations__": {field: str}})

    @router_a.get("/a", response=out("kind"))
    def a(request):
        return {}

    @router_b.get("/b", response=list[out("status")])
    def b(request):
        return []

    clash_api = NinjaAPI(urls_namespace="clash")
    clash_api.add_router("/", router_a)
    clash_api.add_router("/", router_b)
    assert list(schema_names.clashing_names(clash_api)) == ["EventOut"]


@pytest.mark.parametrize("access", ["anonymous", "token"])
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_operation(world, db, method, path, access):
    ran = fuzzing.fuzz_operation(world, method, path, with_token=access == "token")
    assert ran > 0


OPEN311_EXAMPLES = 200 * fuzzing.SCALE


def test_open311(world, db):
    """Open311 has no OpenAPI document: hand-written strategies for its paths and forms."""
    from pingan.open311.models import Open311Request

    known = open311_fuzzing.known_values()
    client = open311_fuzzing.client(world.app)
    before = Open311Request.objects.count()
    ran = 0

    @settings(
        max_examples=OPEN311_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(call=open311_fuzzing.requests(known))
    def run(call):
        nonlocal ran
        ran += 1
        resource, method, path, query, form = call
        del world.errors.tracebacks[:]
        response = client.open(
            f"{open311_fuzzing.BASE}/{path}", method=method, query_string=query, data=form or None
        )
        try:
            open311_fuzzing.check_response(resource, method, path, response)
        except BaseException as exc:
            for text in world.errors.tracebacks:
                exc.add_note(f"Server traceback:\n{text}")
            raise

    run()
    assert ran == OPEN311_EXAMPLES
    # The valid api_key and real service codes are drawn often enough to create requests.
    assert Open311Request.objects.count() > before
