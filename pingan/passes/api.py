"""The passes API (/api/v1/passes/...). The trust list and the revocation list are public (a
verifier anywhere needs them); verification needs a staff login or token (guards); a holder's
codes need the holder's own login or token."""

import hashlib
import time

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.security import HttpBearer

from pingan.core.api_support import ERRORS, ErrorOut, session_auth
from pingan.core.errors import DomainError
from pingan.org.scoping import is_staff_member
from pingan.passes import online, selectors, services
from pingan.passes.schemas import CheckpointOut, CodeOut, TravelIn, VerifyIn, VerifyOut

router = Router(tags=["passes"])

# Scanning is the one call a gate makes for every person who walks through, and resolving the
# bearer token cost as much as the rest of the scan (bench scan_online). So a guard's token is
# remembered per process for a few seconds; a revoked token stops working within TOKEN_TTL.
TOKEN_TTL = 5.0
_tokens: dict[str, tuple] = {}


class RememberedBearer(HttpBearer):
    def authenticate(self, request, token):
        from pingan.org.services import token_authenticate

        key = hashlib.sha256(token.encode()).hexdigest()
        now = time.monotonic()
        hit = _tokens.get(key)
        if hit is not None and now - hit[1] < TOKEN_TTL:
            request.user = hit[0]
            return hit[0]
        user = token_authenticate(token)
        if user is None:
            _tokens.pop(key, None)
            return None
        if len(_tokens) > 1000:
            _tokens.clear()
        _tokens[key] = (user, now)
        request.user = user
        return user


SCAN_AUTH = [RememberedBearer(), session_auth]


class SinceIn(Schema):
    since: int | None = None


@router.get("/trust-list", auth=None, summary="Trust list (JWKS) of the code signing keys")
def trust_list(request):
    return online.trust_list_document()


@router.get(
    "/revocations",
    auth=None,
    response={200: dict, 400: ErrorOut, 422: ErrorOut},
    summary="Revocation list, whole or since a version",
)
def revocations(request, query: Query[SinceIn]):
    if query.since is not None and query.since < 0:
        raise DomainError("bad_since", _("版本号不能为负数"))
    return online.revocations_document(query.since)


def _holder(request):
    person = selectors.person_of(request.user)
    if person is None:
        raise DomainError("not_holder", _("该账号未关联登记人员，请先完成登记"), status=403)
    return person


@router.get("/my-codes", response={200: list[CodeOut], **ERRORS}, summary="My current codes")
def my_codes(request):
    return selectors.current_codes(_holder(request))


@router.post("/my-travel", response={200: list[CodeOut], **ERRORS}, summary="Ask for a 桐行码")
def my_travel(request, payload: TravelIn):
    person = _holder(request)
    services.travel_request(
        person=person,
        valid_from=payload.valid_from,
        valid_until=payload.valid_until,
        purpose=payload.purpose,
        actor=request.user,
    )
    return selectors.current_codes(person)


@router.get("/checkpoints", response={200: list[CheckpointOut], **ERRORS}, summary="Where I scan")
def my_checkpoints(request):
    return list(selectors.checkpoints_of(request.user))


@router.post(
    "/verify",
    auth=SCAN_AUTH,
    response={200: VerifyOut, **ERRORS},
    summary="Verify a code (guards)",
)
def verify(request, payload: VerifyIn):
    if payload.checkpoint is not None:
        # Guarding the checkpoint is the permission to scan there; anyone else gets a 404.
        return services.scan_at(
            checkpoint_pk=payload.checkpoint, payload=payload.payload, user=request.user
        )
    if not is_staff_member(request.user):
        raise DomainError("forbidden", _("只有值守人员和工作人员可以核验"), status=403)
    return services.verify_only(payload=payload.payload)
