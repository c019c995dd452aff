"""Online verification: the offline verifier's checks against the live trust list, with the
revocation list read from the database (always current) instead of a downloaded copy."""

import time

from django.utils import timezone

from pingan.passes import keys, scansql
from pingan.passes.models import RevocationEntry
from pingan.passes.verifier import Result, Verifier

# Parsed trust lists are cached briefly per process: key rotation is rare, and parsing public
# keys on every scan would cost more than the scan. Removal of a key shows within this time.
_CACHE_SECONDS = 10.0
_cache: dict = {"at": 0.0, "verifier": None, "stamp": None}


def trust_list_document(now=None) -> dict:
    return {
        "issuer": "330483",
        "keys": [keys.public_jwk(key) for key in keys.trusted_keys(now)],
    }


def _verifier() -> Verifier:
    now = time.monotonic()
    if _cache["verifier"] is None or now - _cache["at"] > _CACHE_SECONDS:
        _cache["verifier"] = Verifier(trust_list_document(timezone.now()))
        _cache["at"] = now
    return _cache["verifier"]


def forget_cached_keys() -> None:
    _cache["verifier"] = None


def verify_signed(payload) -> Result:
    """The checks that need no database: format, trusted key, signature, validity window."""
    return _verifier().verify(payload)


def revoked(result: Result, latest: tuple[int, str] | None) -> Result:
    """`result` after the holder's latest revocation entry (min_seq, reason), if any."""
    if result.ok and latest is not None and result.claims["seq"] < latest[0]:
        return Result(False, latest[1], result.claims)
    return result


def verify_online(payload, *, accept_types=None) -> Result:
    result = verify_signed(payload)
    if not result.ok:
        return result
    claims = result.claims
    result = revoked(result, scansql.latest_revocation(claims["rid"], claims["type"]))
    if not result.ok:
        return result
    if accept_types is not None and claims["type"] not in accept_types:
        return Result(False, "not_allowed_here", claims)
    return result


def revocations_document(since: int | None = None) -> dict:
    """The full list (one entry per holder and type: the highest lowest-valid seq) or, with
    `since`, every entry added after that version."""
    rows = RevocationEntry.objects.order_by("version")
    if since is not None:
        rows = rows.filter(version__gt=since)
    entries = {}
    version = since or 0
    for row in rows.values_list("version", "rid", "code_type", "min_seq", "reason"):
        ver, rid, code_type, min_seq, reason = row
        version = max(version, ver)
        key = (rid, code_type)
        if since is None and key in entries and entries[key]["min_seq"] >= min_seq:
            continue
        entries[key if since is None else (rid, code_type, ver)] = {
            "rid": _b64(rid),
            "type": code_type,
            "min_seq": min_seq,
            "reason": reason,
            "version": ver,
        }
    return {"version": version, "since": since, "entries": list(entries.values())}


def _b64(rid_hex: str) -> str:
    from pingan.passes.verifier import b64url

    return b64url(bytes.fromhex(rid_hex))
