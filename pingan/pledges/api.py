"""The pledges API (/api/v1/pledges): staff read pledges with their coverage; the public
operations (auth=None) are those of the signing page: read a published pledge, get the SMS
code, sign. Parse, call one service, answer."""

from datetime import date, datetime

from ninja import Field, Router, Schema, Status

from pingan.core.api_support import ERRORS, ErrorOut
from pingan.people import code_budget
from pingan.pledges import selectors, services

router = Router(tags=["pledges"])
PUBLIC_ERRORS = {400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}


class CoverageOut(Schema):
    region: str
    region_name: str
    households: int
    signed_households: int
    rate: float | None


class PledgeOut(Schema):
    id: int
    title: str
    body: str
    region: str
    region_name: str
    status: str
    valid_from: date
    valid_until: date | None
    token: str
    published_at: datetime | None


class PledgeDetailOut(PledgeOut):
    signatures: int
    coverage: CoverageOut
    villages: list[CoverageOut]


class PublicPledgeOut(Schema):
    title: str
    body: str
    region: str
    region_name: str
    valid_from: date
    valid_until: date | None
    open: bool
    villages: list[dict]


class PledgeCodeIn(Schema):
    phone: str = Field(..., max_length=20)


class SignIn(Schema):
    name: str = Field(..., max_length=50)
    phone: str = Field(..., max_length=20)
    code: str = Field(..., max_length=6)
    household: str = Field(..., max_length=200, description="户号或家庭住址")
    village: str = Field("", max_length=15, description="所在村（社区）代码；乡镇级公约必填")


class SignedOut(Schema):
    id: int
    signed_at: datetime
    signer: str


def _pledge(pledge) -> dict:
    return {
        "id": pledge.pk,
        "title": pledge.title,
        "body": pledge.body,
        "region": pledge.region.code,
        "region_name": pledge.region.name,
        "status": pledge.status,
        "valid_from": pledge.valid_from,
        "valid_until": pledge.valid_until,
        "token": pledge.token,
        "published_at": pledge.published_at,
    }


def _row(row) -> dict:
    return {
        "region": row.region.code,
        "region_name": row.region.name,
        "households": row.households,
        "signed_households": row.signed,
        "rate": row.rate,
    }


@router.get("", response={200: list[PledgeOut], **ERRORS}, summary="Pledges in my jurisdiction")
def list_pledges(request):
    return [_pledge(p) for p in selectors.pledges_visible_to(request.user)[:500]]


@router.get(
    "/{pledge_id}",
    response={200: PledgeDetailOut, **ERRORS},
    summary="A pledge with its coverage (signing households ÷ households), per village",
)
def get_pledge(request, pledge_id: int):
    pledge = selectors.get_pledge_for(request.user, pledge_id)
    coverage = selectors.coverage(pledge)
    return {
        **_pledge(pledge),
        "signatures": coverage.signatures,
        "coverage": _row(coverage.total),
        "villages": [_row(row) for row in coverage.villages],
    }


@router.get(
    "/public/{token}",
    auth=None,
    response={200: PublicPledgeOut, **PUBLIC_ERRORS},
    summary="A published pledge, as the signing page shows it (public)",
)
def public_pledge(request, token: str):
    pledge = selectors.public_pledge(token)
    return {
        **_pledge(pledge),
        "open": pledge.is_open_for_signing(),
        "villages": [{"code": v.code, "name": v.name} for v in selectors.villages_of(pledge)],
    }


@router.post(
    "/public/{token}/code",
    auth=None,
    response={204: None, **PUBLIC_ERRORS},
    summary="Send the SMS code to sign with (public)",
)
def send_code(request, token: str, payload: PledgeCodeIn):
    pledge = selectors.public_pledge(token)
    code_budget.check(request)
    services.sign_code_send(pledge=pledge, phone=payload.phone)
    code_budget.spent(request)
    return Status(204, None)


@router.post(
    "/public/{token}/signatures",
    auth=None,
    response={201: SignedOut, **PUBLIC_ERRORS},
    summary="Sign the pledge with the SMS code (public); a second signature is refused (409)",
)
def sign(request, token: str, payload: SignIn):
    pledge = selectors.public_pledge(token)
    signature = services.sign_online(
        pledge=pledge,
        name=payload.name,
        phone=payload.phone,
        code=payload.code,
        household=payload.household,
        region=services.village_for(pledge, payload.village),
    )
    return Status(
        201,
        {
            "id": signature.pk,
            "signed_at": signature.signed_at,
            "signer": signature.person.masked_name,
        },
    )
