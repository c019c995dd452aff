"""Offline verification of 桐行码/桐健码: needs only the published trust list (JWKS) and the
revocation list (both JSON), no Django and no database, so a gate's handheld or another
system can embed it:

    from pingan.passes.verifier import Verifier
    verifier = Verifier(trust_list_json, revocations_json)
    result = verifier.verify("PA1:...")      # result.ok, result.reason, result.claims

Order (DESIGN.md): strict parsing with an 8 KB decompressed cap, the signature before any claim
is trusted, then validity with 5 minutes of clock skew, then revocation.
"""

import base64
import time
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from pingan.passes import cose

SKEW_SECONDS = 300

# Reason codes (DESIGN.md); "ok" only when everything passed.
OK = "ok"
BAD_FORMAT = "bad_format"
UNKNOWN_KEY = "unknown_key"
BAD_SIGNATURE = "bad_signature"
EXPIRED = "expired"
NOT_YET_VALID = "not_yet_valid"
REVOKED = "revoked"
SUPERSEDED = "superseded"
NOT_ALLOWED_HERE = "not_allowed_here"
REASONS = (
    BAD_FORMAT,
    UNKNOWN_KEY,
    BAD_SIGNATURE,
    EXPIRED,
    NOT_YET_VALID,
    REVOKED,
    SUPERSEDED,
    NOT_ALLOWED_HERE,
)


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


@dataclass(frozen=True)
class TrustedKey:
    kid: bytes
    alg: str
    public_key: object
    not_before: int | None
    not_after: int | None
    types: frozenset


def _public_key_from_jwk(jwk: dict):
    """(algorithm, key): the algorithm follows from the key type, whatever "alg" claims, so a
    key is only ever used with the algorithm it is made for."""
    if jwk.get("kty") == "EC" and jwk.get("crv") == "P-256":
        x = int.from_bytes(b64url_decode(jwk["x"]), "big")
        y = int.from_bytes(b64url_decode(jwk["y"]), "big")
        return "ES256", ec.EllipticCurvePublicNumbers(x, y, ec.SECP256R1()).public_key()
    if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519":
        return "EdDSA", ed25519.Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
    raise ValueError("unsupported key")


def parse_trust_list(jwks: dict) -> dict[bytes, TrustedKey]:
    keys = {}
    for jwk in jwks.get("keys", []):
        try:
            kid = b64url_decode(jwk["kid"])
            alg, public_key = _public_key_from_jwk(jwk)
        except (KeyError, ValueError, TypeError):
            continue  # a key this verifier cannot use is as good as absent
        keys[kid] = TrustedKey(
            kid=kid,
            alg=alg,
            public_key=public_key,
            not_before=jwk.get("nbf"),
            not_after=jwk.get("exp"),
            types=frozenset(jwk.get("pa_types", cose.TYPES)),
        )
    return keys


@dataclass
class Revocations:
    """(rid, type) → (lowest valid seq, reason), merged from a full list and its deltas."""

    version: int = 0
    entries: dict = field(default_factory=dict)

    def apply(self, document: dict) -> None:
        for item in document.get("entries", []):
            key = (b64url_decode(item["rid"]), item["type"])
            current = self.entries.get(key)
            if current is None or item["min_seq"] > current[0]:
                self.entries[key] = (item["min_seq"], item["reason"])
        self.version = max(self.version, int(document.get("version", 0)))


@dataclass
class Result:
    ok: bool
    reason: str
    claims: dict | None = None

    @property
    def result(self) -> str:
        return "pass" if self.ok else "deny"


class Verifier:
    def __init__(self, trust_list: dict, revocations: dict | None = None):
        self.keys = parse_trust_list(trust_list)
        self.revocations = Revocations()
        if revocations:
            self.revocations.apply(revocations)

    def verify(self, text, *, now: float | None = None, accept_types=None) -> Result:
        now = time.time() if now is None else now
        try:
            alg, kid, protected, payload, signature = cose.unwrap(text)
        except cose.FormatError:
            return Result(False, BAD_FORMAT)
        key = self.keys.get(kid)
        if key is None or key.alg != cose.ALG_NAMES[alg]:
            return Result(False, UNKNOWN_KEY)
        if not cose.check_signature(key.public_key, alg, protected, payload, signature):
            return Result(False, BAD_SIGNATURE)
        try:
            claims = cose.parse_claims(payload)
        except cose.FormatError:
            return Result(False, BAD_FORMAT)
        if claims["type"] not in key.types:
            return Result(False, UNKNOWN_KEY, claims)
        # The key's window: it signs from nbf, and what it signed is honoured until exp (a
        # retired key stays listed until its last codes have run out).
        if (key.not_before is not None and claims["iat"] < key.not_before - SKEW_SECONDS) or (
            key.not_after is not None and now > key.not_after + SKEW_SECONDS
        ):
            return Result(False, UNKNOWN_KEY, claims)
        if now > claims["exp"] + SKEW_SECONDS:
            return Result(False, EXPIRED, claims)
        if now < claims["nbf"] - SKEW_SECONDS:
            return Result(False, NOT_YET_VALID, claims)
        revoked = self.revocations.entries.get((claims["rid"], claims["type"]))
        if revoked is not None and claims["seq"] < revoked[0]:
            return Result(False, revoked[1], claims)
        if accept_types is not None and claims["type"] not in accept_types:
            return Result(False, NOT_ALLOWED_HERE, claims)
        return Result(True, OK, claims)
