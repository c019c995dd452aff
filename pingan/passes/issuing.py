"""Building and signing a holder's codes. Codes are not stored: they are signed on demand from
the current health status or travel pass, so a change of status shows in the next code asked for
(with a higher seq) and the revocation list supersedes the older ones."""

import hashlib
import os
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from pingan.core import crypto
from pingan.core.masking import mask_name
from pingan.org.models import Region
from pingan.passes import cose, keys

ISSUER = "330483"
HEALTH_LIFETIME = timedelta(hours=24)


def rid_for(person) -> bytes:
    """A keyed pseudonym of the person: stable, so revocations can name it, and meaningless
    without the platform's key."""
    return crypto.keyed_digest(f"person:{person.pk}".encode(), purpose="passes:rid", length=12)


def rid_hash(rid: bytes) -> str:
    """What scan logs keep instead of the rid itself."""
    return hashlib.sha256(b"passes:scan:" + rid).hexdigest()[:32]


def id_hash(cti: bytes, id_number: str) -> bytes:
    """Salted with the code's own id, so a guard holding the ID card can match it, and two codes
    of one person cannot be linked through it."""
    return hashlib.sha256(cti + id_number.encode()).digest()[:16]


def place_label(place) -> str:
    """'梧桐街道 金域兰庭': the town and the place, never the street address or room."""
    if place is None:
        return ""
    region = place.region
    town_code = region.code[:9]
    if region.code == town_code:
        town = region
    else:
        town = Region.objects.filter(code=town_code).first() or region
    return f"{town.name} {place.name}"


def _sign(person, *, kind, status, seq, nbf, exp, place, now) -> str:
    key = keys.active_key()
    cti = os.urandom(8)
    body = {
        1: kind,
        2: status,
        3: rid_for(person),
        4: seq,
        5: mask_name(person.name),
        6: place,
    }
    if person.id_number:
        body[7] = id_hash(cti, person.id_number)
    claims = {
        1: getattr(settings, "PINGAN_PASS_ISSUER", ISSUER),
        4: int(exp.timestamp()),
        5: int(nbf.timestamp()),
        6: int(now.timestamp()),
        7: cti,
        cose.CLAIM_PASS: body,
    }
    private_key = keys.private_key_for(key.kid, key.private_key)
    return cose.sign(claims, private_key=private_key, kid=bytes.fromhex(key.kid))


def health_code(person, status, *, place, now=None) -> dict:
    now = now or timezone.now()
    exp = now + HEALTH_LIFETIME
    if status.lapses_at is not None:
        # A yellow or red that lapses sooner must not outlive itself in a code.
        exp = max(now + timedelta(minutes=10), min(exp, status.lapses_at))
    label = place_label(place)
    payload = _sign(
        person,
        kind="health",
        status=status.colour,
        seq=status.seq,
        nbf=now,
        exp=exp,
        place=label,
        now=now,
    )
    return {
        "type": "health",
        "status": status.colour,
        "seq": status.seq,
        "payload": payload,
        "not_before": now,
        "expires_at": exp,
        "masked_name": mask_name(person.name),
        "place": label,
    }


def travel_code(person, travel_pass, *, colour, place, now=None) -> dict:
    now = now or timezone.now()
    label = place_label(place) if place is not None else "桐乡市"
    payload = _sign(
        person,
        kind="travel",
        status=colour,
        seq=travel_pass.seq,
        nbf=travel_pass.valid_from,
        exp=travel_pass.valid_until,
        place=label,
        now=now,
    )
    return {
        "type": "travel",
        "status": colour,
        "seq": travel_pass.seq,
        "payload": payload,
        "not_before": travel_pass.valid_from,
        "expires_at": travel_pass.valid_until,
        "masked_name": mask_name(person.name),
        "place": label,
    }
