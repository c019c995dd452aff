"""Demo mediation for 桐乡市, made through the services at past moments so the timelines are real.

- The article's wage dispute: a builder subcontracted the work to two team leaders, 宋 and 闫;
  40 workers went unpaid and called the police 13 times over five months. Turned over from
  the merged work order, it was settled at the 梧桐街道 centre in two weeks at current market
  prices; the company has paid, the team leaders' part is still due; the parties applied for
  judicial confirmation and the court's acceptance is pending.
- A neighbours' quarrel in a 高桥街道 village, escalated from the village committee to the town
  centre (its history kept), with signs that it could turn violent.
- A contract case referred by the court (诉前调解), extended once with both parties' consent
  and close to its deadline.

Idempotent: accounts are completed; the disputes are made once.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from stdnum.cn import ric, uscc

from pingan.cases import clock as case_clock
from pingan.cases import services as case_services
from pingan.cases.demo import seed_categories
from pingan.cases.models import Case, Channel
from pingan.cases.workflow import OPEN as CASE_OPEN
from pingan.core.fields import blind_index_for
from pingan.mediation import clock, services
from pingan.mediation.models import Dispute
from pingan.org.demo import seed_accounts
from pingan.org.models import User
from pingan.org.roles import Role

ACCOUNTS = [
    ("court_judge", "柯法官", "13957303000", [(Role.LEGAL_DUTY, "330483", "fayuan", "法官")]),
    (
        "city_mediator",
        "钟调解",
        "13957303001",
        [(Role.MEDIATOR, "330483", "maotiao", "市矛调中心专职人民调解员")],
    ),
]

WAGE_TITLE = "金域兰庭项目 40 名工人欠薪纠纷"
# The cases demo's first wage-arrears caller: his report is the main work order.
CASES_DEMO_WAGE_CALLER = "13957301011"
WAGE_REGION = "330483001018"  # 梧桐街道 金域兰庭社区
POLICE_CALLS = 13


def _id_number(birth: str, sequence: int) -> str:
    body = f"330483{birth}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")  # it reads all but the last character


def _credit_code(body: str) -> str:
    return body + uscc.calc_check_digit(body)


class _Replay:
    """Runs services at moments counted back from the start of the seed (both apps' clocks)."""

    def __init__(self):
        self.now = timezone.now()

    def __call__(self, hours_ago: float, service, **kwargs):
        moment = self.now - timedelta(hours=hours_ago)
        with clock.replaying_at(moment), case_clock.replaying_at(moment):
            return service(**kwargs)

    def date(self, hours_ago: float):
        return timezone.localdate(self.now - timedelta(hours=hours_ago))


@transaction.atomic
def seed(stdout=None) -> None:
    seed_accounts(ACCOUNTS)
    if Dispute.objects.filter(title=WAGE_TITLE).exists():
        return
    names = [
        "hotline",
        "city_dispatcher",
        "wutong_mediator",
        "city_mediator",
        "court_judge",
    ]
    u = User.objects.in_bulk(names, field_name="username")
    if len(u) < len(names):
        return  # the org demo accounts are missing; nothing sensible to show
    seed_categories()
    at = _Replay()
    _wage_dispute(at, u)
    _neighbours(at, u)
    _court_referral(at, u)
    if stdout is not None:
        stdout.write(f"Demo disputes: {Dispute.objects.count()}")


def _police_report(at, u, hours_ago: float, phone: str, name: str) -> Case:
    case, _code = at(
        hours_ago,
        case_services.case_create,
        actor=u["hotline"],
        channel=Channel.POLICE,
        kind="dispute",
        category="labour.wages",
        region=WAGE_REGION,
        address="金域兰庭小区工地",
        description="金域兰庭小区工地 40 余名工人被拖欠工资，聚集讨薪，110 转来。",
        reporter_name=name,
        reporter_phone=phone,
    )
    return case


def _main_wage_case(at, u) -> Case:
    """The cases demo's merged wage case when it is still open, else a report of our own."""
    main = Case.objects.filter(
        reporter_phone_index=blind_index_for("phone", CASES_DEMO_WAGE_CALLER)
    ).first()
    if main is not None and main.merged_into_id:
        main = main.merged_into
    if main is None or main.status not in CASE_OPEN:
        main = _police_report(at, u, 320, "13957303050", "刘师傅")
    return main


def _wage_dispute(at, u) -> None:
    main = _main_wage_case(at, u)
    calls = Case.objects.filter(merged_into=main, channel=Channel.POLICE).count()
    calls += main.channel == Channel.POLICE
    for index in range(POLICE_CALLS - calls):
        report = _police_report(at, u, 310 - index * 2, f"1395730306{index % 10}", "工人")
        at(
            309 - index * 2,
            case_services.case_merge,
            case=report,
            into=main,
            actor=u["city_dispatcher"],
            note="同一欠薪纠纷的 110 转办",
        )

    m = u["wutong_mediator"]
    dispute = at(
        290,
        services.dispute_from_case,
        case=main,
        actor=m,
        dispute_type="labour",
        level="town",
        department="wutong-mtzx",
        people_count=40,
        amount=Decimal("860000"),
        title=WAGE_TITLE,
        description=(
            "某建筑公司承建金域兰庭项目，将泥工、木工分包给班组长宋某、闫某。结算时双方对工程量"
            "和单价争执不下，40 名工人工资被拖欠五个月，多次聚集讨薪，110 接警 13 次。"
        ),
    )
    parties = {}
    for key, name, birth, seq, phone in (
        ("liu", "刘建国", "19780512", 31, "13957303040"),
        ("chen", "陈小兵", "19850923", 52, "13957303041"),
    ):
        parties[key] = at(
            289,
            services.dispute_add_party,
            dispute=dispute,
            actor=m,
            side="applicant",
            kind="person",
            name=name,
            phone=phone,
            id_number=_id_number(birth, seq),
            role_note="工人代表",
        )
    parties["company"] = at(
        289,
        services.dispute_add_party,
        dispute=dispute,
        actor=m,
        side="respondent",
        kind="organisation",
        org_name="桐乡市某建筑工程有限公司",
        credit_code=_credit_code("91330483MA2B7K3Q1"),
        representative_name="王建华",
        representative_phone="13957303070",
        representative_id_number=_id_number("19700101", 17),
        role_note="总承包单位",
    )
    for key, name, birth, seq, phone in (
        ("song", "宋国强", "19760304", 73, "13957303071"),
        ("yan", "闫立新", "19790817", 95, "13957303072"),
    ):
        parties[key] = at(
            289,
            services.dispute_add_party,
            dispute=dispute,
            actor=m,
            side="respondent",
            kind="person",
            name=name,
            phone=phone,
            id_number=_id_number(birth, seq),
            role_note="分包班组长",
        )
    at(288, services.dispute_accept, dispute=dispute, actor=m, note="群体性欠薪，当日受理")
    at(287, services.dispute_start, dispute=dispute, actor=m)
    first = timezone.now() - timedelta(hours=240)
    session = at(
        286,
        services.session_schedule,
        dispute=dispute,
        actor=m,
        starts_at=first,
        mode="on_site",
        place="梧桐街道信访超市（矛调中心）调解室",
        other_participants="市人力社保局劳动监察员、街道信访办工作人员",
    )
    at(
        238,
        services.session_record,
        session=session,
        actor=m,
        record=(
            "各方陈述：工人要求按实际工作量结清工资；公司称班组长虚报工程量；班组长称公司压低单价。"
            "调解员释法明理，提出由第三方按现行市场价格核定工程量与单价。"
        ),
    )
    session = at(
        200,
        services.session_schedule,
        dispute=dispute,
        actor=m,
        starts_at=timezone.now() - timedelta(hours=60),
        mode="on_site",
        place="梧桐街道信访超市（矛调中心）调解室",
    )
    at(
        58,
        services.session_record,
        session=session,
        actor=m,
        record=(
            "第三方核定结果各方无异议。按现行市场价格，工资总额 86 万元，公司已付 30 万元，"
            "余款由公司支付 46 万元、两名班组长各支付 5 万元。各方同意签订调解协议。"
        ),
    )
    at(
        57,
        services.agreement_save,
        dispute=dispute,
        actor=m,
        facts=(
            "某建筑公司承建金域兰庭项目，将泥工、木工分包给宋国强、闫立新两个班组。因结算争议，"
            "40 名工人工资被拖欠五个月，工人多次聚集讨薪，110 接警 13 次。"
        ),
        issues="工程量和单价的认定；拖欠工资的数额与支付责任。",
        responsibilities=(
            "公司未按约定及时结算，应承担主要责任；班组长未按时发放已领取的部分工资，承担相应责任。"
        ),
        terms=[
            {
                "content": "公司按现行市场价格核定的结果，向 40 名工人支付拖欠工资 46 万元。",
                "obligor": parties["company"].pk,
                "method": "通过银行转账直接发放至工人本人账户，由街道劳动保障所监督",
                "due_on": at.date(24),
            },
            {
                "content": "宋国强、闫立新各向本班组工人支付余款 5 万元。",
                "obligor": parties["song"].pk,
                "method": "现金或转账，当场签收",
                "due_on": at.date(-24 * 10),
            },
        ],
    )
    at(
        48,
        services.agreement_finalise,
        dispute=dispute,
        actor=m,
        signed_on=at.date(48),
        parties_signed=True,
        mediator_signed=True,
        sealed=True,
    )
    term = dispute.agreement.terms.get(position=1)
    at(
        30,
        services.term_record_performance,
        term=term,
        actor=m,
        performed_on=at.date(30),
        note="46 万元已全部转账到工人账户",
    )
    at(
        20,
        services.confirmation_apply,
        dispute=dispute,
        actor=m,
        court="fayuan",
        applicant_consent=True,
        respondent_consent=True,
    )


def _neighbours(at, u) -> None:
    m = u["city_mediator"]
    dispute = at(
        24 * 9,
        services.dispute_create,
        actor=m,
        dispute_type="neighbours",
        region="330483004002",
        level="village",
        source="application",
        people_count=2,
        title="骑塘村两户宅基地滴水纠纷",
        description="两户相邻村民因新建房屋屋檐滴水、排水沟走向发生争执，曾发生推搡。",
    )
    for side, name, birth, seq, phone in (
        ("applicant", "沈阿毛", "19620711", 35, "13957303080"),
        ("respondent", "姚月芬", "19680226", 44, "13957303081"),
    ):
        at(
            24 * 9,
            services.dispute_add_party,
            dispute=dispute,
            actor=m,
            side=side,
            kind="person",
            name=name,
            phone=phone,
            id_number=_id_number(birth, seq),
        )
    at(24 * 9 - 1, services.dispute_accept, dispute=dispute, actor=m)
    at(24 * 8, services.dispute_start, dispute=dispute, actor=m)
    at(
        24 * 6,
        services.dispute_update_details,
        dispute=dispute,
        actor=m,
        escalation_signs=True,
        risk_note="双方曾发生推搡，一方扬言拆除对方排水沟",
    )
    at(
        24 * 5,
        services.dispute_escalate,
        dispute=dispute,
        actor=m,
        department="gaoqiao-mtzx",
        reason="村调委会两次调解未果，矛盾有激化苗头，提交街道矛调中心",
    )
    at(
        24 * 2,
        services.session_schedule,
        dispute=dispute,
        actor=m,
        starts_at=timezone.now() + timedelta(days=1),
        mode="online",
        place="“浙里调”在线视频调解室",
    )


def _court_referral(at, u) -> None:
    dispute = at(
        24 * 35,
        services.dispute_refer,
        actor=u["court_judge"],
        court="fayuan",
        court_case_number="（2026）浙0483民诉前调1024号",
        referral_kind="resident",
        dispute_type="contract",
        region="330483",
        level="court",
        amount=Decimal("56000"),
        people_count=2,
        title="羊毛衫买卖合同货款纠纷",
        description="濮院某羊毛衫经营部诉称买方拖欠货款 5.6 万元，法院立案前委派调解。",
    )
    m = u["city_mediator"]
    for side, kind, details in (
        (
            "applicant",
            "organisation",
            {
                "org_name": "桐乡市濮院某羊毛衫经营部",
                "credit_code": _credit_code("92330483MA28F6Y2X"),
                "representative_name": "徐梅",
                "representative_phone": "13957303090",
                "representative_id_number": _id_number("19800606", 61),
            },
        ),
        (
            "respondent",
            "person",
            {
                "name": "郑立群",
                "phone": "13957303091",
                "id_number": _id_number("19830415", 88),
            },
        ),
    ):
        at(
            24 * 35,
            services.dispute_add_party,
            dispute=dispute,
            actor=m,
            side=side,
            kind=kind,
            **details,
        )
    at(24 * 34, services.dispute_accept, dispute=dispute, actor=m)
    at(24 * 34, services.dispute_assign_mediator, dispute=dispute, actor=m, user=u["court_judge"])
    at(24 * 33, services.dispute_start, dispute=dispute, actor=m)
    at(
        24 * 6,
        services.dispute_extend,
        dispute=dispute,
        actor=m,
        days=8,
        applicant_consent=True,
        respondent_consent=True,
        note="双方同意延长，待买方核对发货单",
    )
