"""Signing keys: private keys encrypted at rest; rotation keeps old codes verifying; removing a
key voids what it signed; `verify_code` verifies offline."""

import json
import subprocess
import sys

import pytest
from django.core.management import call_command

from pingan.passes import keys, online
from pingan.passes.models import SigningKey
from pingan.passes.selectors import current_codes
from pingan.passes.tests.factories import holder
from pingan.passes.verifier import Verifier

pytestmark = pytest.mark.django_db


def _verify(payload):
    online.forget_cached_keys()
    return Verifier(online.trust_list_document(), online.revocations_document()).verify(payload)


def test_private_key_encrypted_at_rest(city):
    key = keys.active_key()
    assert key.private_key.startswith("pa1:")
    assert "PRIVATE KEY" not in key.private_key


def test_rotation_keeps_old_codes_and_signs_with_the_new_key(city, capsys):
    person = holder()
    old_code = current_codes(person)[0]["payload"]
    old_kid = keys.active_key().kid
    call_command("rotate_pass_keys")
    new_kid = keys.active_key().kid
    assert new_kid != old_kid
    assert SigningKey.objects.get(kid=old_kid).status == SigningKey.Status.RETIRED
    assert _verify(old_code).ok
    new_code = current_codes(person)[0]["payload"]
    assert _verify(new_code).ok
    kids = [k["kid"] for k in online.trust_list_document()["keys"]]
    assert len(kids) >= 2


def test_removed_key_voids_its_codes(city):
    person = holder()
    code = current_codes(person)[0]["payload"]
    kid = keys.active_key().kid
    call_command("rotate_pass_keys")
    call_command("rotate_pass_keys", remove=kid)
    assert _verify(code).reason == "unknown_key"


def test_trust_list_is_a_jwks_with_validity_and_types(city, client):
    keys.active_key()
    body = client.get("/api/v1/passes/trust-list").json()
    key = body["keys"][0]
    assert {"kty", "crv", "x", "y", "kid", "alg", "nbf", "exp", "pa_types"} <= set(key)
    assert key["kty"] == "EC" and key["alg"] == "ES256"
    assert set(key["pa_types"]) == {"travel", "health"}
    assert "d" not in key  # never the private part


def test_verify_code_command(city, tmp_path, capsys):
    person = holder()
    code = current_codes(person)[0]["payload"]
    call_command("verify_code", code)
    answer = json.loads(capsys.readouterr().out)
    assert answer["result"] == "pass" and answer["masked_name"] == "李*华"
    with pytest.raises(SystemExit) as exc:
        call_command("verify_code", "PA1:garbage")
    assert exc.value.code == 1
    assert json.loads(capsys.readouterr().out)["reason"] == "bad_format"
    # Fully offline: saved lists, and a trust list without the key → unknown_key.
    empty = tmp_path / "jwks.json"
    empty.write_text(json.dumps({"keys": []}))
    with pytest.raises(SystemExit):
        call_command("verify_code", code, trust_list=str(empty))
    assert json.loads(capsys.readouterr().out)["reason"] == "unknown_key"


def test_verifier_module_imports_without_django():
    code = (
        "import sys; import pingan.passes.verifier as v; "
        "assert 'django' not in sys.modules, 'django imported'; "
        "print(v.Verifier({'keys': []}).verify('PA1:').reason)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={}
    )
    assert out.stdout.strip() == "bad_format"
