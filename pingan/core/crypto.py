"""Personal data at rest: AES-256-GCM encryption and HMAC blind indexes.

Hand-written on top of `cryptography` because the Django field libraries that do this are either
unmaintained or lack a blind index; what is here is small: one AEAD call each way and one HMAC.

Ciphertext format: "pa1:" + base64url(nonce[12] || ciphertext+tag). The prefix names the format
so that a later key rotation can add "pa2:" without touching existing rows.
"""

import base64
import functools
import hashlib
import hmac
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "pa1:"


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@functools.cache
def _master_key() -> bytes:
    try:
        key = _b64decode(settings.PINGAN_PII_KEY.strip())
    except ValueError as exc:
        raise ImproperlyConfigured("PINGAN_PII_KEY must be base64url of 32 bytes") from exc
    if len(key) != 32:
        raise ImproperlyConfigured("PINGAN_PII_KEY must be base64url of 32 bytes")
    return key


@functools.cache
def _derived_key(purpose: bytes) -> bytes:
    # Separate keys for encryption and for each blind index, so one never helps attack another.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"pingan:" + purpose).derive(
        _master_key()
    )


@functools.cache
def _aead() -> AESGCM:
    # One cipher object for the process: building it costs as much as sealing a short value,
    # and bulk writes seal tens of thousands of them.
    return AESGCM(_derived_key(b"aes"))


def encrypt(plaintext: str, *, context: str) -> str:
    """Encrypt `plaintext`; `context` (the field's name) is bound as associated data, so a value
    copied into another column no longer decrypts."""
    nonce = os.urandom(12)
    sealed = _aead().encrypt(nonce, plaintext.encode(), context.encode())
    return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")


def decrypt(token: str, *, context: str) -> str:
    if not token.startswith(PREFIX):
        raise ValueError("not an encrypted value")
    raw = _b64decode(token[len(PREFIX) :])
    return _aead().decrypt(raw[:12], raw[12:], context.encode()).decode()


def blind_index(value: str, *, kind: str) -> str:
    """A keyed hash of a normalised value, for exact lookups without decrypting every row."""
    digest = hmac.new(_derived_key(b"bidx:" + kind.encode()), value.encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def keyed_digest(data: bytes, *, purpose: str, length: int = 16) -> bytes:
    """A keyed pseudonym of `data` for other modules (for example a person's id in a code)."""
    return hmac.new(_derived_key(purpose.encode()), data, hashlib.sha256).digest()[:length]
