"""Signing keys: the active one signs, retired ones verify until their codes have run out,
removed ones are gone from the trust list (what they signed no longer verifies).

Private keys are kept encrypted with the platform's PII key (pingan.core.crypto) and decrypted
once per process."""

import functools
from datetime import timedelta

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.db import transaction
from django.utils import timezone

from pingan.core import crypto
from pingan.passes import cose
from pingan.passes.models import SigningKey
from pingan.passes.verifier import b64url

_CONTEXT = "passes.signingkey.private_key"
KEY_LIFETIME = timedelta(days=365)
# After rotation the old key stays in the trust list this long: longer than any health code
# (24 h) and than the longest travel window a holder may ask for.
RETIRED_GRACE = timedelta(days=31)


def _new_key_row(now) -> SigningKey:
    private_key = ec.generate_private_key(ec.SECP256R1())
    public_key = private_key.public_key()
    pem = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return SigningKey.objects.create(
        kid=cose.kid_for(public_key).hex(),
        alg="ES256",
        public_key_der=public_key.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
        private_key=crypto.encrypt(pem, context=_CONTEXT),
        status=SigningKey.Status.ACTIVE,
        not_before=now,
        not_after=now + KEY_LIFETIME,
    )


@transaction.atomic
def key_rotate(*, now=None) -> SigningKey:
    """Make a new active key; the previous active key only verifies from now on."""
    now = now or timezone.now()
    for old in SigningKey.objects.select_for_update().filter(status=SigningKey.Status.ACTIVE):
        old.status = SigningKey.Status.RETIRED
        old.not_after = min(old.not_after, now + RETIRED_GRACE)
        old.save(update_fields=["status", "not_after"])
    return _new_key_row(now)


@transaction.atomic
def key_remove(*, kid: str) -> SigningKey:
    """Drop a key from the trust list: every code it signed stops verifying."""
    key = SigningKey.objects.select_for_update().get(kid=kid)
    key.status = SigningKey.Status.REMOVED
    key.save(update_fields=["status"])
    return key


def active_key() -> SigningKey:
    key = SigningKey.objects.filter(status=SigningKey.Status.ACTIVE).order_by("-id").first()
    if key is not None and key.not_after > timezone.now():
        return key
    with transaction.atomic():
        # Two first requests at once: the lock makes the second find the first's key.
        SigningKey.objects.select_for_update().filter(status=SigningKey.Status.ACTIVE).exists()
        key = SigningKey.objects.filter(status=SigningKey.Status.ACTIVE).order_by("-id").first()
        if key is not None and key.not_after > timezone.now():
            return key
        return key_rotate()


@functools.lru_cache(maxsize=8)
def private_key_for(kid: str, token: str):
    pem = crypto.decrypt(token, context=_CONTEXT)
    return serialization.load_pem_private_key(pem.encode(), password=None)


def public_jwk(key: SigningKey) -> dict:
    public_key = serialization.load_der_public_key(bytes(key.public_key_der))
    numbers = public_key.public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url(numbers.x.to_bytes(32, "big")),
        "y": b64url(numbers.y.to_bytes(32, "big")),
        "kid": b64url(bytes.fromhex(key.kid)),
        "alg": key.alg,
        "use": "sig",
        "nbf": int(key.not_before.timestamp()),
        "exp": int(key.not_after.timestamp()),
        "pa_types": key.types,
        "status": key.status,
    }


def trusted_keys(now=None):
    now = now or timezone.now()
    return SigningKey.objects.filter(
        status__in=[SigningKey.Status.ACTIVE, SigningKey.Status.RETIRED], not_after__gt=now
    ).order_by("-not_before", "-id")
