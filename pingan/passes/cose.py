"""The code format of DESIGN.md "Signed codes", both ways: a CWT signed as COSE_Sign1 (ES256,
EdDSA accepted), zlib-compressed, Base45, prefixed "PA1:".

Written on cbor2 + cryptography rather than the `cwt` package: the format is four CBOR items and
one signature, and verifying directly keeps the offline verifier fast (it must reach 0.7 of a
bare signature check) and strict about what it accepts.

No Django imports: pingan.passes.verifier (offline) builds on this module.
"""

import hashlib
import io
import zlib

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from pingan.passes.base45 import b45decode, b45encode

PREFIX = "PA1:"
MAX_DECOMPRESSED = 8 * 1024
# Base45 takes 3 characters per 2 bytes and compression rarely helps a signed CBOR blob, so a
# text longer than this cannot hold a valid code; refused before any decoding work.
MAX_TEXT = PREFIX.__len__() + (MAX_DECOMPRESSED * 3) // 2 + 3
COSE_SIGN1_TAG = 18
ALG_ES256 = -7
ALG_EDDSA = -8
ALG_NAMES = {ALG_ES256: "ES256", ALG_EDDSA: "EdDSA"}
CLAIM_PASS = -70001
TYPES = ("travel", "health")
STATUSES = ("green", "yellow", "red")


class FormatError(ValueError):
    """The text is not a well-formed code (reason bad_format)."""


def kid_for(public_key) -> bytes:
    der = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).digest()[:8]


def _bstr_head(length: int) -> bytes:
    if length < 24:
        return bytes([0x40 | length])
    if length < 0x100:
        return bytes([0x58, length])
    if length < 0x10000:
        return b"\x59" + length.to_bytes(2, "big")
    return b"\x5a" + length.to_bytes(4, "big")


# CBOR of the array head (4 items) and the text "Signature1", then the external AAD slot.
_SIG1_HEAD = b"\x84\x6aSignature1"


def _sig_structure(protected: bytes, payload: bytes) -> bytes:
    """Sig_structure = ["Signature1", protected, external_aad b"", payload] (RFC 9052 §4.4),
    written out by hand: cbor2.dumps of it was a tenth of the cost of a verification."""
    return b"".join(
        (
            _SIG1_HEAD,
            _bstr_head(len(protected)),
            protected,
            b"\x40",
            _bstr_head(len(payload)),
            payload,
        )
    )


def sign(claims: dict, *, private_key, kid: bytes) -> str:
    """Encode and sign `claims` (a CWT claims map with integer keys)."""
    alg = ALG_EDDSA if isinstance(private_key, ed25519.Ed25519PrivateKey) else ALG_ES256
    protected = cbor2.dumps({1: alg, 4: kid})
    payload = cbor2.dumps(claims)
    to_sign = _sig_structure(protected, payload)
    if alg == ALG_EDDSA:
        signature = private_key.sign(to_sign)
    else:
        der = private_key.sign(to_sign, _ECDSA_SHA256)
        r, s = decode_dss_signature(der)
        signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    cose = cbor2.dumps(cbor2.CBORTag(COSE_SIGN1_TAG, [protected, {}, payload, signature]))
    return PREFIX + b45encode(zlib.compress(cose, 9))


def _strict_loads(data: bytes):
    stream = io.BytesIO(data)
    try:
        value = cbor2.CBORDecoder(stream).decode()
    except Exception as exc:  # cbor2 raises several types on malformed input
        raise FormatError("cbor") from exc
    if stream.tell() != len(data):
        raise FormatError("trailing bytes")
    return value


def unwrap(text) -> tuple[int, bytes, bytes, bytes, bytes]:
    """Text → (alg, kid, protected bytes, payload bytes, signature). Checks only the shape; the
    caller must verify the signature before reading the payload."""
    if not isinstance(text, str):
        raise FormatError("not text")
    text = text.strip()
    if not text.startswith(PREFIX) or len(text) > MAX_TEXT:
        raise FormatError("prefix or length")
    try:
        compressed = b45decode(text[len(PREFIX) :])
    except ValueError as exc:
        raise FormatError("base45") from exc
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(compressed, MAX_DECOMPRESSED + 1)
    except zlib.error as exc:
        raise FormatError("zlib") from exc
    if len(raw) > MAX_DECOMPRESSED or not inflater.eof or inflater.unused_data:
        raise FormatError("oversize or truncated")
    value = _strict_loads(raw)
    if not (isinstance(value, cbor2.CBORTag) and value.tag == COSE_SIGN1_TAG):
        raise FormatError("not COSE_Sign1")
    parts = value.value
    if not (isinstance(parts, list) and len(parts) == 4):
        raise FormatError("COSE_Sign1 shape")
    protected, unprotected, payload, signature = parts
    if not (
        type(protected) is bytes
        and type(unprotected) is dict
        and type(payload) is bytes
        and type(signature) is bytes
    ):
        raise FormatError("COSE_Sign1 types")
    header = _strict_loads(protected)
    if type(header) is not dict or len(header) != 2:
        raise FormatError("protected header")
    alg, kid = header.get(1), header.get(4)
    if type(alg) is not int or alg not in ALG_NAMES or type(kid) is not bytes or len(kid) != 8:
        raise FormatError("alg or kid")
    return alg, kid, protected, payload, signature


_ECDSA_SHA256 = ec.ECDSA(hashes.SHA256())


def check_signature(public_key, alg: int, protected: bytes, payload: bytes, sig: bytes) -> bool:
    """True when `sig` is `public_key`'s signature. The caller has matched the key to `alg`
    (a P-256 key for ES256, an Ed25519 key for EdDSA)."""
    to_sign = _sig_structure(protected, payload)
    try:
        if alg == ALG_EDDSA:
            public_key.verify(sig, to_sign)
        else:
            if len(sig) != 64:
                return False
            der = encode_dss_signature(
                int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")
            )
            public_key.verify(der, to_sign, _ECDSA_SHA256)
    except (InvalidSignature, TypeError, ValueError, AttributeError):
        return False
    return True


def parse_claims(payload: bytes) -> dict:
    """The signed payload → a plain dict with named fields; FormatError on anything unexpected.
    (`type(x) is int` rather than isinstance: it also refuses booleans, and it is cheap.)"""
    claims = _strict_loads(payload)
    if type(claims) is not dict:
        raise FormatError("claims")
    get = claims.get
    iss, exp, nbf, iat, cti, body = get(1), get(4), get(5), get(6), get(7), get(CLAIM_PASS)
    if not (
        type(iss) is str
        and type(exp) is int
        and type(nbf) is int
        and type(iat) is int
        and type(cti) is bytes
        and type(body) is dict
    ):
        raise FormatError("standard claims")
    get = body.get
    kind, status, rid, seq = get(1), get(2), get(3), get(4)
    name, place, id_hash = get(5, ""), get(6, ""), get(7, b"")
    if not (
        kind in TYPES
        and status in STATUSES
        and type(rid) is bytes
        and 8 <= len(rid) <= 16
        and type(seq) is int
        and seq >= 0
        and type(name) is str
        and type(place) is str
        and type(id_hash) is bytes
    ):
        raise FormatError("pass claim")
    return {
        "iss": iss,
        "exp": exp,
        "nbf": nbf,
        "iat": iat,
        "cti": cti,
        "type": kind,
        "status": status,
        "rid": rid,
        "seq": seq,
        "name": name,
        "place": place,
        "id_hash": id_hash,
    }
