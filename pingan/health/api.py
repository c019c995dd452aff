"""The health API (/api/v1/health/...): a holder's status and declarations and appeals; an
officer's changes, approvals and appeal decisions; the public rules. Parse, call one service,
answer. Errors are {"code", "message"} with a 4xx status."""

from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from pingan.core.api_support import ERRORS, ErrorOut
from pingan.core.errors import DomainError, NotFound
from pingan.health import selectors, services
from pingan.health.schemas import (
    AppealDecideIn,
    AppealIn,
    AppealOut,
    ChangeIn,
    DeclarationOut,
    DeclareIn,
    HealthDecideIn,
    HealthMeOut,
    PersonStatusOut,
    RequestOut,
    RulesOut,
    StatusChangeOut,
)
from pingan.health.workflow import LIFETIME, RequestStatus

router = Router(tags=["health"])
LIST_LIMIT = 200


def _own_person(user):
    person = selectors.person_of(user)
    if person is None or selectors.registration_of(person) is None:
        raise DomainError("not_registered", _("请先完成健康登记"), status=404)
    return person


@router.get("/rules", auth=None, response={200: RulesOut}, summary="Published rules (public)")
def rules(request):
    context = selectors.public_rules()
    return {
        **context,
        "yellow_days": LIFETIME["yellow"].days,
        "red_days": LIFETIME["red"].days,
    }


@router.get("/me", response={200: HealthMeOut, **ERRORS}, summary="My registration and code status")
def me(request):
    person = selectors.person_of(request.user)
    registered = person is not None and selectors.registration_of(person) is not None
    return {
        "registered": registered,
        "masked_name": person.masked_name if person else "",
        "status": selectors.health_status_of(person) if registered else None,
    }


@router.post(
    "/declarations",
    response={201: DeclarationOut, **ERRORS},
    summary="Declare my health today (the rules give the colour)",
)
def declare(request, payload: DeclareIn):
    person = _own_person(request.user)
    declaration = services.declaration_submit(
        person=person,
        symptoms=payload.symptoms,
        temperature=payload.temperature,
        travelled_ids=payload.travelled,
        close_contact=payload.close_contact,
        actor=request.user,
    )
    return Status(201, declaration)


@router.post("/appeals", response={201: AppealOut, **ERRORS}, summary="Appeal my colour")
def appeal(request, payload: AppealIn):
    person = _own_person(request.user)
    return Status(201, services.appeal_submit(person=person, text=payload.text, actor=request.user))


@router.get(
    "/appeals",
    response={200: list[AppealOut], **ERRORS},
    summary="Appeals: my own, or (officers) those of my jurisdiction",
)
def appeals(request, status: str = Query("", description="submitted | upheld | rejected")):
    qs = selectors.appeals_for(request.user).order_by("-id")
    if status:
        qs = qs.filter(status=status)
    return list(qs[:LIST_LIMIT])


@router.post(
    "/appeals/{appeal_id}/decide",
    response={200: AppealOut, **ERRORS},
    summary="Uphold (turns green) or reject an appeal (health officers)",
)
def appeal_decide(request, appeal_id: int, payload: AppealDecideIn):
    if not selectors.is_officer(request.user):
        raise NotFound()
    found = selectors.get_appeal_for(request.user, appeal_id)
    return services.appeal_decide(
        appeal_id=found.pk,
        uphold=payload.decision == "uphold",
        answer=payload.answer,
        actor=request.user,
    )


@router.get(
    "/people/{person_id}",
    response={200: PersonStatusOut, **ERRORS},
    summary="A person's code status (health officers, in their jurisdiction)",
)
def person_status(request, person_id: int):
    person = selectors.get_person_for(request.user, person_id)
    return {
        "id": person.pk,
        "masked_name": person.masked_name,
        "region": person.region.code if person.region_id else None,
        "status": selectors.health_status_of(person),
    }


@router.post(
    "/people/{person_id}/changes",
    response={200: StatusChangeOut, 202: StatusChangeOut, **ERRORS},
    summary="Change or renew a colour by hand (red waits for a second officer: 202)",
)
def change(request, person_id: int, payload: ChangeIn):
    person = selectors.get_person_for(request.user, person_id)
    outcome = services.status_change_manual(
        person=person,
        colour=payload.colour,
        reason_code=payload.reason_code,
        note=payload.note,
        actor=request.user,
    )
    if outcome.request is not None:
        return Status(202, {"applied": False, "status": None, "request": outcome.request})
    return {
        "applied": True,
        "status": selectors.health_status_of(person),
        "request": None,
    }


@router.get(
    "/requests",
    response={200: list[RequestOut], **ERRORS},
    summary="Red requests of my jurisdiction (health officers)",
)
def requests(request, status: str = Query("pending", description="pending | approved | ...")):
    if status and status not in RequestStatus.values:
        raise DomainError("invalid_status", _("状态不正确"))
    qs = selectors.requests_for(request.user).order_by("-id")
    if status:
        qs = qs.filter(status=status)
    return list(qs[:LIST_LIMIT])


REQUEST_ACTIONS = {
    "approve": services.request_approve,
    "reject": services.request_reject,
    "withdraw": services.request_withdraw,
}


@router.post(
    "/requests/{request_id}/{action}",
    response={200: RequestOut, 404: ErrorOut, **ERRORS},
    summary="approve / reject (a second officer) or withdraw (the requester) a red request",
)
def request_decide(request, request_id: int, action: str, payload: HealthDecideIn):
    if action not in REQUEST_ACTIONS:
        raise NotFound()
    found = selectors.get_request_for(request.user, request_id)
    return REQUEST_ACTIONS[action](request_id=found.pk, actor=request.user, note=payload.note)
