"""Reads of mediation, always through the actor's jurisdiction (rule 2 of the house).

- staff in the mediation roles (mediator, legal_duty, clerk, dispatcher, leader, admin) see the
  disputes of their region's subtree;
- everyone sees the disputes they are assigned to, registered or referred;
- anything else does not exist for them (NotFound → 404).

Personal data of parties is shown in full only to the mediators on the case, the legal_duty
person involved (assigned, the referring judge, the judge who decided the confirmation) and
admins; reveals are audited by the caller through pingan.core.audit.reveal.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from functools import reduce
from operator import or_

from django.db.models import (
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.cases.models import Case, Channel, Kind
from pingan.core.errors import NotFound
from pingan.mediation import clock, limits
from pingan.mediation.models import (
    AgreementTerm,
    Dispute,
    DisputeCaseLink,
    DisputeEvent,
    DisputeMediator,
    DisputeParty,
    JudicialConfirmation,
    MediationSession,
)
from pingan.mediation.workflow import OPEN, ConfirmationStatus, Status
from pingan.org import scoping
from pingan.org.roles import Role

REGION_ROLES = frozenset(
    {Role.MEDIATOR, Role.LEGAL_DUTY, Role.CLERK, Role.DISPATCHER, Role.LEADER, Role.ADMIN}
)


def _visibility_q(user) -> Q | None:
    if scoping.is_superuser(user):
        return None
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    parts = [Q(created_by=user), Q(referred_by=user)]
    parts += [
        Q(region__code__startswith=code)
        for code in scoping.jurisdiction_codes(user, REGION_ROLES) or []
    ]
    parts.append(
        Q(pk__in=DisputeMediator.objects.filter(user=user, is_active=True).values("dispute"))
    )
    return reduce(or_, parts)


def disputes_visible_to(user) -> QuerySet:
    q = _visibility_q(user)
    disputes = Dispute.objects.all()
    return disputes if q is None else disputes.filter(q)


def get_dispute_for(user, pk, *, write: bool = False) -> Dispute:
    """One dispute the user may see, or NotFound. With write=True the row stays locked until
    the end of the caller's transaction."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    disputes = disputes_visible_to(user).select_related("region", "department", "court")
    if write:
        disputes = disputes.select_for_update(of=("self",))
    return scoping.get_object_for(disputes, pk=pk)


def dispute_detail_for(user, pk) -> Dispute:
    """A visible dispute with everything its page shows, in a fixed number of queries."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    disputes = with_report_count(
        disputes_visible_to(user).select_related(
            "region", "department", "court", "source_case", "referred_by", "created_by"
        )
    ).prefetch_related(
        Prefetch(
            "parties",
            queryset=DisputeParty.objects.filter(is_active=True).select_related(
                "person", "representative"
            ),
        ),
        Prefetch("mediators", queryset=DisputeMediator.objects.select_related("user")),
        Prefetch(
            "sessions",
            queryset=MediationSession.objects.prefetch_related("participants__person"),
        ),
        Prefetch("events", queryset=DisputeEvent.objects.select_related("actor")),
        Prefetch("case_links", queryset=DisputeCaseLink.objects.select_related("case")),
    )
    return scoping.get_object_for(disputes, pk=pk)


def agreement_of(dispute: Dispute):
    """The dispute's agreement with its terms (and their obligors), or None."""
    from pingan.mediation.models import Agreement

    return (
        Agreement.objects.filter(dispute=dispute)
        .select_related("confirmation__court", "confirmation__decided_by")
        .prefetch_related(
            Prefetch(
                "terms",
                queryset=AgreementTerm.objects.select_related(
                    "obligor__person", "performance_recorded_by"
                ),
            )
        )
        .first()
    )


def active_parties(dispute: Dispute) -> list[DisputeParty]:
    return list(
        DisputeParty.objects.filter(dispute=dispute, is_active=True).select_related(
            "person", "representative"
        )
    )


def may_see_personal_data(user, dispute: Dispute) -> bool:
    """The mediators on the case, the legal_duty person involved, and admins."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if scoping.is_superuser(user) or scoping.can_act(user, Role.ADMIN, dispute.region):
        return True
    if any(m.user_id == user.pk for m in dispute.active_mediators()):
        return True
    if dispute.referred_by_id == user.pk:
        return True
    return JudicialConfirmation.objects.filter(agreement__dispute=dispute, decided_by=user).exists()


def timeline(dispute: Dispute) -> QuerySet:
    return DisputeEvent.objects.filter(dispute=dispute).select_related("actor")


# --- repeated reports and risk --------------------------------------------------------------


class SubqueryCount(Subquery):
    """COUNT(*) of a subquery's rows, for an annotation that both SQLite and PostgreSQL run."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


REPORT_Q = Q(channel=Channel.POLICE) | Q(kind=Kind.PETITION)


def with_report_count(disputes: QuerySet) -> QuerySet:
    """Annotate `report_count`: police transfers and petitions about the same matter, i.e. the
    linked work orders and every report merged into them (merges made after the dispute was
    registered count too, which is why this is read, not stored)."""
    linked = DisputeCaseLink.objects.filter(dispute=OuterRef(OuterRef("pk"))).values("case")
    reports = Case.objects.filter(Q(pk__in=linked) | Q(merged_into__in=linked)).filter(REPORT_Q)
    return disputes.annotate(report_count=Coalesce(SubqueryCount(reports.values("pk")), 0))


@dataclass
class Risk:
    flags: list[tuple[str, str]] = field(default_factory=list)  # (code, label)
    kinds: list[str] = field(default_factory=list)  # 群体性 / 民转刑

    @property
    def level(self) -> str:
        """ "high" with two or more flags, "medium" with one, "" with none."""
        if len(self.flags) >= 2:
            return "high"
        return "medium" if self.flags else ""

    @property
    def codes(self) -> list[str]:
        return [code for code, _label in self.flags]


def risk_of(dispute: Dispute, now=None) -> Risk:
    """The risk flags of a dispute annotated by with_report_count."""
    now = now or clock.now()
    risk = Risk()
    mass = limits.setting("PINGAN_MEDIATION_MASS_PEOPLE")
    repeat = limits.setting("PINGAN_MEDIATION_REPEAT_REPORTS")
    reports = getattr(dispute, "report_count", 0) or 0
    if dispute.people_count >= mass:
        risk.flags.append(("mass", _("涉及 %(n)s 人") % {"n": dispute.people_count}))
        risk.kinds.append(str(_("群体性")))
    if reports >= repeat:
        risk.flags.append(("repeat", _("反复报警或信访 %(n)s 次") % {"n": reports}))
    if dispute.escalation_signs:
        risk.flags.append(("signs", _("有激化苗头")))
    if "repeat" in risk.codes or "signs" in risk.codes:
        risk.kinds.append(str(_("民转刑")))
    if dispute.status in OPEN and dispute.due_at is not None:
        if now > dispute.due_at:
            risk.flags.append(("deadline", _("已超过调解期限")))
        elif now >= limits.warn_from(dispute.due_at):
            risk.flags.append(("deadline", _("临近调解期限")))
    return risk


def risky_q(now) -> Q:
    """The SQL twin of risk_of having any flag (on a queryset from with_report_count)."""
    return (
        Q(people_count__gte=limits.setting("PINGAN_MEDIATION_MASS_PEOPLE"))
        | Q(report_count__gte=limits.setting("PINGAN_MEDIATION_REPEAT_REPORTS"))
        | Q(escalation_signs=True)
        | Q(
            status__in=OPEN,
            due_at__lte=now + timedelta(days=limits.setting("PINGAN_MEDIATION_DEADLINE_WARN_DAYS")),
        )
    )


# Disputes whose risk still matters: being mediated, or agreed with performance outstanding.
RISK_STATUSES = OPEN | {Status.AGREED}


def risk_board(user, *, now=None) -> list[tuple[Dispute, Risk]]:
    """Flagged disputes in the user's jurisdiction, highest risk and nearest deadline first."""
    now = now or clock.now()
    disputes = (
        with_report_count(disputes_visible_to(user))
        .filter(status__in=RISK_STATUSES)
        .filter(risky_q(now))
        .select_related("region", "department")
        .order_by(F("due_at").asc(nulls_last=True), "id")
    )
    rows = [(d, risk_of(d, now)) for d in disputes]
    rows.sort(key=lambda row: (row[1].level != "high", row[1].level != "medium"))
    return rows


# --- the mediator's workbench -----------------------------------------------------------------


def overdue_q(now) -> Q:
    return Q(status__in=OPEN, due_at__lt=now)


def due_soon_q(now) -> Q:
    warn = timedelta(days=limits.setting("PINGAN_MEDIATION_DEADLINE_WARN_DAYS"))
    return Q(status__in=OPEN, due_at__gte=now, due_at__lte=now + warn)


def my_disputes(user) -> QuerySet:
    """Disputes the user mediates (assigned), not yet closed or refused."""
    return (
        disputes_visible_to(user)
        .filter(mediators__user=user, mediators__is_active=True)
        .exclude(status__in=[Status.CLOSED, Status.REFUSED])
        .select_related("region")
        .order_by(F("due_at").asc(nulls_last=True), "-created_at")
        .distinct()
    )


def awaiting_acceptance(user) -> QuerySet:
    """Applications in the user's jurisdiction as a mediator, oldest first."""
    roles = [Role.MEDIATOR, Role.ADMIN]
    return (
        disputes_visible_to(user)
        .filter(status=Status.APPLIED)
        .filter(scoping.region_q(user, "region", roles))
        .select_related("region")
        .order_by("created_at", "id")
    )


def overdue_terms(user, *, today=None) -> QuerySet:
    """Agreed terms past their deadline and not performed, in the user's disputes."""
    today = today or timezone.localdate(clock.now())
    return (
        AgreementTerm.objects.filter(
            agreement__dispute__in=disputes_visible_to(user).filter(status=Status.AGREED),
            performed_on__isnull=True,
            due_on__lt=today,
        )
        .select_related("agreement__dispute")
        .order_by("due_on", "id")
    )


def pending_confirmations(user) -> QuerySet:
    """Applications for judicial confirmation awaiting the court (for judges)."""
    return (
        JudicialConfirmation.objects.filter(
            agreement__dispute__in=disputes_visible_to(user),
            status__in=[ConfirmationStatus.APPLIED, ConfirmationStatus.ACCEPTED],
        )
        .select_related("agreement__dispute", "court")
        .order_by("accept_due_at", "id")
    )


def workbench(user, *, now=None) -> dict:
    now = now or clock.now()
    mine = list(my_disputes(user)[:100])
    visible = disputes_visible_to(user)
    return {
        "mine": mine,
        "awaiting": list(awaiting_acceptance(user)[:50]),
        "overdue": list(visible.filter(overdue_q(now)).select_related("region")[:50]),
        "due_soon": list(
            visible.filter(due_soon_q(now)).select_related("region").order_by("due_at")[:50]
        ),
        "overdue_terms": list(overdue_terms(user, today=timezone.localdate(now))[:50]),
        "confirmations": list(pending_confirmations(user)[:50]),
    }


def linked_cases(dispute: Dispute) -> QuerySet:
    """The work orders linked to the dispute and the reports merged into them."""
    linked = DisputeCaseLink.objects.filter(dispute=dispute).values("case")
    return Case.objects.filter(Q(pk__in=linked) | Q(merged_into__in=linked)).order_by(
        "created_at", "id"
    )


def mediable_cases(user) -> QuerySet:
    """Work orders the user may turn into disputes: those they can see, and those of the
    regions where they take in disputes (a mediator over 梧桐街道 takes its work orders into
    mediation although the work-order queues are not theirs)."""
    from pingan.cases.selectors import cases_visible_to
    from pingan.mediation.workflow import INTAKE_ROLES

    visible = cases_visible_to(user).values("pk")
    return Case.objects.filter(Q(pk__in=visible) | scoping.region_q(user, "region", INTAKE_ROLES))


def case_for_mediation(user, number_or_pk) -> Case:
    """A work order the user may take into mediation, by its number or id."""
    value = str(number_or_pk or "").strip().upper()
    cases = mediable_cases(user).select_related("region", "merged_into")
    found = cases.filter(number=value).first() if value else None
    if found is None and value.isdigit():
        found = cases.filter(pk=int(value)).first()
    if found is None:
        raise NotFound(_("工单不存在或不在您的辖区内"))
    return found


def get_session_for(user, pk) -> MediationSession:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    sessions = MediationSession.objects.filter(dispute__in=disputes_visible_to(user))
    return scoping.get_object_for(sessions.select_related("dispute"), pk=pk)


def get_term_for(user, pk) -> AgreementTerm:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    terms = AgreementTerm.objects.filter(agreement__dispute__in=disputes_visible_to(user))
    return scoping.get_object_for(terms.select_related("agreement__dispute"), pk=pk)


def get_party_for(user, dispute: Dispute, pk) -> DisputeParty:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    parties = DisputeParty.objects.filter(dispute=dispute).select_related(
        "person", "representative", "dispute"
    )
    return scoping.get_object_for(parties, pk=pk)


def mediator_candidates(dispute: Dispute):
    """Staff who may be put on the case: mediators and legal_duty people over its region."""
    from pingan.org.models import User

    prefixes = [dispute.region.code[:n] for n in (6, 9, 12, 15) if n <= len(dispute.region.code)]
    return (
        User.objects.filter(
            posts__is_active=True,
            posts__role__in=[Role.MEDIATOR, Role.LEGAL_DUTY],
            posts__region__code__in=prefixes,
            is_active=True,
        )
        .distinct()
        .order_by("username")
    )


def party_personal_data(user, dispute: Dispute, party: DisputeParty) -> dict:
    """A party's name, phone, ID number and address in full, for a viewer whose part in the
    case needs them; every field read is written to the audit log. 403 for anyone else."""
    from pingan.core import audit
    from pingan.core.errors import DomainError

    if not may_see_personal_data(user, dispute):
        raise DomainError(
            "forbidden", _("只有本案调解员、参与的法律服务人员和管理员可以查看完整信息"), status=403
        )
    person = party.contact
    reason = f"调解案件 {dispute.number}"
    values = {"party": party.pk, "name": "", "phone": "", "id_number": "", "address": ""}
    if person is None:
        return values
    for field_name in ("name", "phone", "id_number", "address"):
        if getattr(person, field_name):
            values[field_name] = audit.reveal(person, field_name, actor=user, reason=reason)
    return values
