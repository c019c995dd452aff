"""Every bad code is refused with its own reason, offline and online, never a server error."""

import json
import time
import zlib
from datetime import timedelta

import cbor2
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.utils import timezone

from pingan.passes import cose, issuing, keys, online, services
from pingan.passes.base45 import b45encode
from pingan.passes.tests.factories import change_colour, holder
from pingan.passes.verifier import Verifier

pytestmark = pytest.mark.django_db


def _verifier():
    return Verifier(online.trust_list_document(), online.revocations_document())


def _claims(person, *, now, exp=None, nbf=None, seq=1, kind="health"):
    return {
        1: "330483",
        4: int((exp or now + timedelta(hours=1)).timestamp()),
        5: int((nbf or now).timestamp()),
        6: int(now.timestamp()),
        7: b"12345678",
        cose.CLAIM_PASS: {
            1: kind,
            2: "green",
            3: issuing.rid_for(person),
            4: seq,
            5: "李*华",
            6: "梧桐街道 金域兰庭",
        },
    }


def _signed(claims):
    key = keys.active_key()
    return cose.sign(
        claims,
        private_key=keys.private_key_for(key.kid, key.private_key),
        kid=bytes.fromhex(key.kid),
    )


def _code(person):
    from pingan.passes.selectors import current_codes

    return current_codes(person)[0]["payload"]


@pytest.fixture
def person(city):
    return holder()


def test_valid_code_passes(person):
    result = _verifier().verify(_code(person))
    assert result.ok and result.reason == "ok"
    assert result.claims["status"] == "green"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "PA1:", "garbage", "HC1:6BFOXN", "pa1:abc", "PA1:%%%%", "PA1:aaaa", None, 12],
)
def test_garbage_empty_wrong_prefix_is_bad_format(person, text):
    assert _verifier().verify(text).reason == "bad_format"


def test_tampered_payload_is_bad_signature(person):
    payload = _code(person)
    raw = cbor2.loads(zlib.decompress(cose.b45decode(payload[4:])))
    claims = cbor2.loads(raw.value[2])
    claims[cose.CLAIM_PASS][4] = 99
    raw.value[2] = cbor2.dumps(claims)
    tampered = "PA1:" + b45encode(zlib.compress(cbor2.dumps(raw)))
    assert _verifier().verify(tampered).reason == "bad_signature"


def test_flipped_signature_byte_is_bad_signature(person):
    raw = cbor2.loads(zlib.decompress(cose.b45decode(_code(person)[4:])))
    raw.value[3] = bytes([raw.value[3][0] ^ 1]) + raw.value[3][1:]
    assert _verifier().verify("PA1:" + b45encode(zlib.compress(cbor2.dumps(raw)))).reason == (
        "bad_signature"
    )


def test_wrong_key_with_trusted_kid_is_bad_signature(person):
    now = timezone.now()
    stranger = ec.generate_private_key(ec.SECP256R1())
    kid = bytes.fromhex(keys.active_key().kid)  # claims a trusted kid, signed by another key
    forged = cose.sign(_claims(person, now=now), private_key=stranger, kid=kid)
    assert _verifier().verify(forged).reason == "bad_signature"


def test_unknown_kid_is_unknown_key(person):
    now = timezone.now()
    stranger = ec.generate_private_key(ec.SECP256R1())
    forged = cose.sign(
        _claims(person, now=now), private_key=stranger, kid=cose.kid_for(stranger.public_key())
    )
    assert _verifier().verify(forged).reason == "unknown_key"


def test_expired_and_not_yet_valid_with_five_minutes_skew(person):
    now = timezone.now()
    keys.key_rotate(now=now - timedelta(hours=3))  # a key that already signed two hours ago
    expired = _signed(_claims(person, now=now - timedelta(hours=2), exp=now - timedelta(minutes=6)))
    just_expired = _signed(
        _claims(person, now=now - timedelta(hours=2), exp=now - timedelta(minutes=4))
    )
    future = _signed(_claims(person, now=now, nbf=now + timedelta(minutes=6)))
    soon = _signed(_claims(person, now=now, nbf=now + timedelta(minutes=4)))
    verifier = _verifier()
    assert verifier.verify(expired).reason == "expired"
    assert verifier.verify(just_expired).ok
    assert verifier.verify(future).reason == "not_yet_valid"
    assert verifier.verify(soon).ok


def test_superseded_after_colour_change(person):
    old = _code(person)
    change_colour(person, "yellow")
    assert _verifier().verify(old).reason == "superseded"
    new = _code(person)
    result = _verifier().verify(new)
    assert result.ok and result.claims["seq"] == 2 and result.claims["status"] == "yellow"


def test_revoked_travel_code(person, user):
    now = timezone.now()
    travel = services.travel_request(
        person=person, valid_from=now, valid_until=now + timedelta(days=3)
    )
    from pingan.passes.selectors import current_codes

    code = next(c for c in current_codes(person) if c["type"] == "travel")["payload"]
    assert _verifier().verify(code).ok
    services.travel_revoke(travel_pass=travel, actor=user("health_officer"), reason="证件不符")
    assert _verifier().verify(code).reason == "revoked"


def test_zip_bomb_and_oversize_are_bad_format(person):
    bomb = "PA1:" + b45encode(zlib.compress(b"\x00" * 1_000_000, 9))
    big_claims = _claims(person, now=timezone.now())
    big_claims[cose.CLAIM_PASS][6] = "地" * 4000  # > 8 KB of CBOR once decompressed
    oversize = _signed(big_claims)
    verifier = _verifier()
    assert len(bomb) < 4000  # small on the wire, a megabyte inflated
    assert verifier.verify(bomb).reason == "bad_format"
    assert verifier.verify(oversize).reason == "bad_format"
    assert verifier.verify("PA1:" + "A" * 100_000).reason == "bad_format"


def test_trailing_bytes_and_wrong_shapes_are_bad_format(person):
    raw = zlib.decompress(cose.b45decode(_code(person)[4:]))
    verifier = _verifier()
    assert verifier.verify("PA1:" + b45encode(zlib.compress(raw + b"\x00"))).reason == (
        "bad_format"
    )
    untagged = cbor2.dumps(cbor2.loads(raw).value)
    assert verifier.verify("PA1:" + b45encode(zlib.compress(untagged))).reason == "bad_format"
    assert verifier.verify("PA1:" + b45encode(raw)).reason == "bad_format"  # not compressed


def test_claims_checked_only_after_signature(person):
    """A well-signed payload with malformed claims is bad_format; a badly signed one with the
    same claims is bad_signature (the claims are never read first)."""
    now = timezone.now()
    claims = _claims(person, now=now)
    claims[cose.CLAIM_PASS][2] = "purple"
    assert _verifier().verify(_signed(claims)).reason == "bad_format"
    stranger = ec.generate_private_key(ec.SECP256R1())
    forged = cose.sign(claims, private_key=stranger, kid=bytes.fromhex(keys.active_key().kid))
    assert _verifier().verify(forged).reason == "bad_signature"


@pytest.mark.parametrize(
    "payload",
    ["", "garbage", "PA1:", "PA1:" + "Z" * 30000, "PA1:" + b45encode(zlib.compress(b"\0" * 10**6))],
)
def test_online_verify_never_errors(person, client, user, gates, payload):
    client.force_login(user("guard_factory"))
    response = client.post(
        "/api/v1/passes/verify",
        json.dumps({"payload": payload, "checkpoint": gates["factory"].pk}),
        content_type="application/json",
    )
    assert response.status_code in (200, 422)
    if response.status_code == 200:
        assert response.json()["result"] == "deny"
        assert response.json()["reason"] == "bad_format"


def test_clock_skew_constant_is_five_minutes():
    from pingan.passes.verifier import SKEW_SECONDS

    assert SKEW_SECONDS == 300
    assert time.time() > 0
