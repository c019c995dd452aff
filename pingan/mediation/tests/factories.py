"""Test data for mediation: disputes made through the services (so each has a real timeline)
and driven to any status by `dispute_in`."""

import itertools
from datetime import date
from decimal import Decimal

from django.utils import timezone
from stdnum.cn import ric, uscc

from pingan.mediation import services
from pingan.mediation.models import Dispute
from pingan.org.models import User

_ids = itertools.count(100)
_phones = itertools.count(1)


def user(username: str) -> User:
    return User.objects.get(username=username)


def id_number(birth: str = "19800101") -> str:
    body = f"330483{birth}{next(_ids) % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def credit_code() -> str:
    body = f"9133048300000{next(_ids) % 10000:04d}"
    return body + uscc.calc_check_digit(body)


def phone() -> str:
    return f"1377100{next(_phones):04d}"


def new_dispute(*, actor="wutong_mediator", region="330483001018", level="town", **kwargs):
    actor = user(actor) if isinstance(actor, str) else actor
    kwargs.setdefault("dispute_type", "labour")
    kwargs.setdefault("description", "工地班组拖欠工资，工人讨薪")
    kwargs.setdefault("department", "wutong-mtzx" if region.startswith("330483001") else None)
    return services.dispute_create(actor=actor, region=region, level=level, **kwargs)


def add_parties(dispute: Dispute, actor="wutong_mediator", *, with_ids: bool = True):
    actor = user(actor) if isinstance(actor, str) else actor
    worker = services.dispute_add_party(
        dispute=dispute,
        actor=actor,
        side="applicant",
        kind="person",
        name="刘建国",
        phone=phone(),
        id_number=id_number() if with_ids else "",
        role_note="工人代表",
    )
    company = services.dispute_add_party(
        dispute=dispute,
        actor=actor,
        side="respondent",
        kind="organisation",
        org_name="某建筑工程有限公司",
        credit_code=credit_code(),
        representative_name="王建华",
        representative_phone=phone(),
        representative_id_number=id_number("19700101"),
    )
    return worker, company


def complete_agreement(dispute: Dispute, actor="wutong_mediator", *, due_on=None):
    actor = user(actor) if isinstance(actor, str) else actor
    company = dispute.parties.get(kind="organisation")
    due_on = due_on or timezone.localdate()
    return services.agreement_save(
        dispute=dispute,
        actor=actor,
        facts="公司拖欠 40 名工人工资五个月。",
        issues="工程量与单价；拖欠工资数额。",
        responsibilities="公司未按约定结算，承担主要责任。",
        terms=[
            {
                "content": "公司支付工资 46 万元",
                "obligor": company.pk,
                "method": "银行转账至工人账户",
                "due_on": due_on,
            },
            {
                "content": "班组长支付余款 10 万元",
                "obligor": None,
                "method": "现金当场签收",
                "due_on": due_on,
            },
        ],
    )


def finalise(dispute: Dispute, actor="wutong_mediator", signed_on: date | None = None):
    actor = user(actor) if isinstance(actor, str) else actor
    return services.agreement_finalise(
        dispute=dispute,
        actor=actor,
        signed_on=signed_on or timezone.localdate(),
        parties_signed=True,
        mediator_signed=True,
        sealed=True,
    )


def perform_all(dispute: Dispute, actor="wutong_mediator"):
    actor = user(actor) if isinstance(actor, str) else actor
    for term in dispute.agreement.terms.all():
        services.term_record_performance(term=term, actor=actor, performed_on=timezone.localdate())


def refer(actor="court_judge", region="330483001018", level="town", **kwargs) -> Dispute:
    actor = user(actor) if isinstance(actor, str) else actor
    kwargs.setdefault("dispute_type", "contract")
    kwargs.setdefault("description", "买卖合同货款纠纷，法院委派调解")
    return services.dispute_refer(
        actor=actor,
        court="fayuan",
        court_case_number="（2026）浙0483民诉前调1号",
        referral_kind="resident",
        region=region,
        level=level,
        amount=Decimal("56000"),
        **kwargs,
    )


def _fresh(dispute):
    return Dispute.objects.get(pk=dispute.pk)


def dispute_in(status: str, *, prelit: bool = False, **kwargs) -> Dispute:
    """A dispute (by wutong_mediator in 梧桐街道 unless told otherwise) brought to `status`.
    A court referral is made by court_judge and mediated by wutong_mediator."""
    m = user("wutong_mediator" if prelit else kwargs.get("actor", "wutong_mediator"))
    dispute = refer(**kwargs) if prelit else new_dispute(**kwargs)
    add_parties(dispute, m)
    if status == "applied":
        return _fresh(dispute)
    services.dispute_accept(dispute=dispute, actor=m)
    if status == "refused":
        return services.dispute_refuse(dispute=dispute, actor=m, reason="被申请人拒绝调解")
    if status == "accepted":
        return _fresh(dispute)
    services.dispute_start(dispute=dispute, actor=m)
    if status == "mediating":
        return _fresh(dispute)
    if status in ("terminated", "withdrawn", "returned_to_court"):
        if status == "terminated":
            services.dispute_terminate(
                dispute=dispute, actor=m, reason="分歧过大", routes=["litigation"]
            )
        elif status == "withdrawn":
            services.dispute_withdraw(dispute=dispute, actor=m, reason="双方自行和解")
        else:
            services.dispute_return_to_court(dispute=dispute, actor=m, reason="调解不成")
        return _fresh(dispute)
    complete_agreement(dispute, m)
    finalise(dispute, m)
    if status == "agreed":
        return _fresh(dispute)
    perform_all(dispute, m)
    if status == "performed":
        return _fresh(dispute)
    services.dispute_follow_up(dispute=dispute, actor=m, satisfaction="satisfied")
    if status == "followed_up":
        return _fresh(dispute)
    services.dispute_close(dispute=dispute, actor=m)
    assert _fresh(dispute).status == status == "closed"
    return _fresh(dispute)
