"""Reads of the health app, scoped to the reader: a holder sees only their own records; an
officer sees people whose residence region lies in their jurisdiction (others: 404)."""

from django.db.models import Prefetch

from pingan.core.errors import NotFound
from pingan.health.models import (
    RISK_RANK,
    Appeal,
    ChangeRequest,
    Declaration,
    HealthStatus,
    Registration,
    RiskArea,
    StatusChange,
    StatusRule,
)
from pingan.health.reasons import explain
from pingan.health.workflow import AppealStatus, RequestStatus
from pingan.org.roles import Role
from pingan.org.scoping import has_role, scope
from pingan.people.models import Person

OFFICER_ROLES = (Role.HEALTH_OFFICER, Role.ADMIN)


def health_status_of(person) -> HealthStatus | None:
    """The current status row of a person, or None when they have never been given one."""
    return HealthStatus.objects.filter(person=person).first()


# --- the holder -----------------------------------------------------------------------------


def person_of(user) -> Person | None:
    """The Person behind a citizen's account, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).select_related("region").first()


def registration_of(person) -> Registration | None:
    return Registration.objects.filter(person=person).first()


def my_overview(person) -> dict:
    """What the holder's page shows: the colour and why, the history of their own colour, their
    declarations and appeals. Nothing about anybody else."""
    status = health_status_of(person)
    changes = list(StatusChange.objects.filter(person=person).order_by("-id")[:20])
    for change in changes:
        change.explanation = explain(change.reason_code)
    appeals = list(
        Appeal.objects.filter(person=person).prefetch_related("events").order_by("-id")[:10]
    )
    return {
        "status": status,
        "reason": explain(status.reason_code) if status else "",
        "changes": changes,
        "declarations": list(
            Declaration.objects.filter(person=person)
            .prefetch_related("travelled")
            .order_by("-created_at", "-id")[:10]
        ),
        "appeals": appeals,
        "open_appeal": next((a for a in appeals if a.status == AppealStatus.SUBMITTED), None),
    }


# --- officers -------------------------------------------------------------------------------


def is_officer(user) -> bool:
    return has_role(user, *OFFICER_ROLES)


def people_for(user):
    """People an officer may act on: residents of their jurisdiction."""
    if not is_officer(user):
        return Person.objects.none()
    return scope(Person.objects.select_related("region"), user, roles=OFFICER_ROLES)


def get_person_for(user, pk: int) -> Person:
    person = people_for(user).filter(pk=pk).first()
    if person is None:
        raise NotFound()
    return person


def find_person_for(user, query: str) -> Person | None:
    from pingan.people.selectors import find_person

    found = find_person(query=query)
    if found is None or not people_for(user).filter(pk=found.pk).exists():
        return None
    return found


def person_detail(person) -> dict:
    status = health_status_of(person)
    changes = list(
        StatusChange.objects.filter(person=person)
        .select_related("actor", "approved_by")
        .order_by("-id")[:50]
    )
    for change in changes:
        change.explanation = explain(change.reason_code)
    return {
        "status": status,
        "reason": explain(status.reason_code) if status else "",
        "registration": registration_of(person),
        "changes": changes,
        "declarations": list(
            Declaration.objects.filter(person=person)
            .select_related("rule")
            .prefetch_related("travelled")
            .order_by("-created_at", "-id")[:20]
        ),
        "requests": list(
            ChangeRequest.objects.filter(person=person)
            .select_related("requested_by", "decided_by")
            .order_by("-id")[:10]
        ),
        "appeals": list(
            Appeal.objects.filter(person=person).select_related("decided_by").order_by("-id")[:10]
        ),
    }


def pending_requests_for(user):
    return scope(
        ChangeRequest.objects.filter(status=RequestStatus.PENDING).select_related(
            "person__region", "requested_by"
        ),
        user,
        field="person__region",
        roles=OFFICER_ROLES,
    ).order_by("created_at", "id")


def open_appeals_for(user):
    return scope(
        Appeal.objects.filter(status=AppealStatus.SUBMITTED).select_related(
            "person__region", "change"
        ),
        user,
        field="person__region",
        roles=OFFICER_ROLES,
    ).order_by("created_at", "id")


def requests_for(user):
    return scope(
        ChangeRequest.objects.select_related("person__region", "requested_by", "decided_by"),
        user,
        field="person__region",
        roles=OFFICER_ROLES,
    )


def appeals_for(user):
    """Appeals an officer may read (their jurisdiction) or a citizen's own."""
    qs = Appeal.objects.select_related("person__region", "change", "decided_by")
    if is_officer(user):
        return scope(qs, user, field="person__region", roles=OFFICER_ROLES)
    person = person_of(user)
    return qs.filter(person=person) if person else qs.none()


def get_request_for(user, pk: int) -> ChangeRequest:
    found = requests_for(user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def get_appeal_for(user, pk: int) -> Appeal:
    found = appeals_for(user).prefetch_related(Prefetch("events")).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


# --- public ---------------------------------------------------------------------------------


def public_rules() -> dict:
    return {
        "rules": list(StatusRule.objects.filter(is_active=True).order_by("order", "id")),
        "areas": current_risk_areas(),
    }


def current_risk_areas() -> list[RiskArea]:
    """Areas in force now, the most severe first."""
    areas = RiskArea.objects.current().order_by("name")
    return sorted(areas, key=lambda area: -RISK_RANK[area.level])
