"""A decoder written here from the published format alone (cbor2 + cryptography + zlib + a
Base45 decoder below; none of the project's code) verifies a code the platform issued, using the
trust list fetched from the API."""

import base64
import hashlib
import zlib

import cbor2
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from pingan.passes.tests.factories import holder

pytestmark = pytest.mark.django_db

B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def base45_decode(text: str) -> bytes:
    out = bytearray()
    for i in range(0, len(text), 3):
        chunk = [B45.index(c) for c in text[i : i + 3]]
        if len(chunk) == 3:
            out += (chunk[0] + chunk[1] * 45 + chunk[2] * 2025).to_bytes(2, "big")
        else:
            out.append(chunk[0] + chunk[1] * 45)
    return bytes(out)


def b64u(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def independent_verify(payload: str, jwks: dict) -> dict:
    assert payload.startswith("PA1:")
    cose = cbor2.loads(zlib.decompress(base45_decode(payload[4:])))
    assert cose.tag == 18
    protected, _unprotected, body, signature = cose.value
    header = cbor2.loads(protected)
    assert header[1] == -7  # ES256
    jwk = next(k for k in jwks["keys"] if b64u(k["kid"]) == header[4])
    public_key = ec.EllipticCurvePublicNumbers(
        int.from_bytes(b64u(jwk["x"]), "big"), int.from_bytes(b64u(jwk["y"]), "big"), ec.SECP256R1()
    ).public_key()
    # kid = first 8 bytes of SHA-256 of the SubjectPublicKeyInfo DER (DESIGN.md).
    spki = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert hashlib.sha256(spki).digest()[:8] == header[4]
    to_sign = cbor2.dumps(["Signature1", protected, b"", body])
    der = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    public_key.verify(der, to_sign, ec.ECDSA(hashes.SHA256()))  # raises if invalid
    return cbor2.loads(body)


def test_platform_code_verifies_with_independent_decoder(city, client, user):
    from pingan.places import demo as places_demo

    citizen = user("demo_worker")
    person = holder(name="张建军", residence=places_demo.compound(), user=None)
    person.user = citizen
    person.save()
    client.force_login(citizen)

    codes = client.get("/api/v1/passes/my-codes").json()
    jwks = client.get("/api/v1/passes/trust-list").json()

    health = next(c for c in codes if c["type"] == "health")
    claims = independent_verify(health["payload"], jwks)
    body = claims[-70001]
    assert claims[1] == "330483"
    assert body[1] == "health" and body[2] == "green" and body[4] == 1
    assert body[5] == "张*军"
    assert body[6] == "梧桐街道 金域兰庭"
    assert 8 <= len(body[3]) <= 16 and len(body[7]) == 16
    assert claims[4] - claims[6] <= 24 * 3600  # a health code lives at most a day
    # The holder ID hash matches the ID card when salted with the code's id.
    assert body[7] == hashlib.sha256(claims[7] + person.id_number.encode()).digest()[:16]


def test_tampered_code_fails_independent_check(city, client, user):
    from cryptography.exceptions import InvalidSignature

    from pingan.passes.base45 import b45encode

    citizen = user("demo_worker")
    person = holder(name="张建军", user=citizen)
    client.force_login(citizen)
    payload = client.get("/api/v1/passes/my-codes").json()[0]["payload"]
    jwks = client.get("/api/v1/passes/trust-list").json()
    cose = cbor2.loads(zlib.decompress(base45_decode(payload[4:])))
    claims = cbor2.loads(cose.value[2])
    claims[-70001][2] = "green" if claims[-70001][2] != "green" else "red"
    cose.value[2] = cbor2.dumps(claims)
    forged = "PA1:" + b45encode(zlib.compress(cbor2.dumps(cose)))
    with pytest.raises(InvalidSignature):
        independent_verify(forged, jwks)
    assert person.pk
