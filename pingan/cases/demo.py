"""Demo work orders for 桐乡市: a category tree with routing rules, and cases in every state,
made through the services at past moments so their timelines are real.

Among them the article's 12345 call about a building site whose workers ate together without
masks (梧桐街道, closed within 24 hours), the 金域兰庭 wage dispute reported again and again
(merged into one case), and an overdue noise complaint that the city leader sees in red.
Idempotent: categories are completed, cases are made once.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from pingan.cases import clock, deadlines, services
from pingan.cases.models import Case, Category, CategoryRoute, TimeUnit
from pingan.core.fields import blind_index_for
from pingan.org.demo import TOWN_SLUGS
from pingan.org.models import Department, Region, User

# code, name, parent code, kinds (empty: all), answer limit (None: by kind), sort order
CATEGORIES = [
    ("labour", "劳动保障", None, [], None, 10),
    (
        "labour.wages",
        "欠薪",
        "labour",
        ["complaint", "report", "help", "dispute", "petition"],
        None,
        11,
    ),
    ("labour.contract", "劳动合同与社保", "labour", [], None, 12),
    ("city", "城市管理", None, [], None, 20),
    ("city.noise", "噪音扰民", "city", [], None, 21),
    ("city.construction", "建筑工地管理", "city", [], None, 22),
    ("epidemic", "疫情防控", None, [], None, 30),
    ("epidemic.measures", "防疫措施落实", "epidemic", [], 5, 31),
    ("security", "治安", None, [], None, 40),
    ("security.hazard", "治安隐患", "security", [], None, 41),
    ("safety", "安全生产", None, [], None, 50),
    ("safety.hazard", "安全生产隐患", "safety", [], None, 51),
    ("safety.fire", "消防安全隐患", "safety", [], None, 52),
    ("neighbour", "邻里纠纷", None, ["dispute", "help", "complaint"], None, 60),
    ("property", "物业管理", None, [], None, 70),
    ("market", "消费维权", None, ["complaint", "report", "consult"], None, 80),
    ("petition", "信访事项", None, ["petition"], None, 90),
    ("consult", "政策咨询", None, ["consult"], None, 100),
]

# category code -> city-wide department; TOWN_ROUTES add the towns' own offices.
CITY_ROUTES = {
    "labour": "renshe",
    "city": "zhujian",
    "epidemic": "weijian",
    "security": "gongan",
    "safety": "yingji",
    "safety.fire": "xiaofang",
    "neighbour": "maotiao",
    "property": "zhujian",
    "market": "shichang",
    "petition": "xinfang",
    "consult": "rexian",
}
# category code -> department suffix of every town (see org.demo TOWN_DEPARTMENT_KINDS)
TOWN_ROUTES = {
    "city.noise": "office",
    "epidemic.measures": "office",
    "security.hazard": "pcs",
    "neighbour": "mtzx",
    "safety.hazard": "office",
}


def seed_categories() -> None:
    by_code = {}
    for code, name, parent, kinds, answer_limit, order in CATEGORIES:
        category, _created = Category.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "parent": by_code.get(parent),
                "kinds": kinds,
                "answer_limit": answer_limit,
                "answer_unit": TimeUnit.WORKING_DAYS,
                "sort_order": order,
            },
        )
        by_code[code] = category
    city = Region.objects.get(code="330483")
    departments = {d.code: d for d in Department.objects.all()}
    for code, department in CITY_ROUTES.items():
        CategoryRoute.objects.get_or_create(
            category=by_code[code], region=city, defaults={"department": departments[department]}
        )
    towns = {r.code: r for r in Region.objects.filter(code__in=TOWN_SLUGS)}
    for code, suffix in TOWN_ROUTES.items():
        for town_code, slug in TOWN_SLUGS.items():
            department = departments.get(f"{slug}-{suffix}")
            if department is None or town_code not in towns:
                continue
            CategoryRoute.objects.get_or_create(
                category=by_code[code],
                region=towns[town_code],
                defaults={"department": department},
            )


# The article's caller; his number marks the demo cases as made.
MASK_CALLER = ("王先生", "13957301001")


def _users() -> dict[str, User]:
    names = [
        "hotline",
        "wutong_clerk",
        "gaoqiao_clerk",
        "city_dispatcher",
        "wutong_dispatcher",
        "renshe_handler",
        "wutong_handler",
        "wutong_grid",
        "city_leader",
        "demo_worker",
    ]
    return User.objects.in_bulk(names, field_name="username")


class _Replay:
    """Runs services at moments counted back from the start of the seed."""

    def __init__(self):
        self.now = timezone.now()

    def __call__(self, hours_ago: float, service, **kwargs):
        with clock.replaying_at(self.now - timedelta(hours=hours_ago)):
            return service(**kwargs)


def _create(at, hours_ago, **kwargs) -> Case:
    case, _code = at(hours_ago, services.case_create, **kwargs)
    return case


def _yellow_start(category: Category, kind: str, now) -> float:
    """Hours ago to accept a case so that its light is yellow now (82–97% used). Time is
    counted on the wall clock, so a limit of a few working days may have no such start over a
    weekend; ten working days always have one."""
    probe = Case(category=category, kind=kind, urgent=False)
    for hours in range(1, 24 * 20):
        start = now - timedelta(hours=hours)
        due = deadlines.answer_due(probe, start)
        used = (now - start) / (due - start)
        if 0.82 <= used < 0.97:
            return hours
    return 1


@transaction.atomic
def seed(stdout=None) -> None:
    seed_categories()
    if Case.objects.filter(reporter_phone_index=blind_index_for("phone", MASK_CALLER[1])).exists():
        return
    u = _users()
    if len(u) < 10:
        return  # the org demo accounts are missing; nothing sensible to show
    cat = {c.code: c for c in Category.objects.all()}
    at = _Replay()
    _mask_case(at, u, cat)
    _wage_dispute(at, u, cat)
    _overdue_noise(at, u, cat)
    _everyday_cases(at, u, cat)
    services.sweep_deadlines()
    if stdout is not None:
        stdout.write(f"Demo work orders: {Case.objects.count()}")


def _mask_case(at, u, cat) -> None:
    case = _create(
        at,
        240,
        actor=u["hotline"],
        channel="hotline",
        kind="report",
        category=cat["epidemic.measures"],
        region="330483001011",
        address="环城村某建筑工地",
        description=(
            "附近工地的工人每天中午成桌吃饭，且工作时不戴口罩，存在疫情传播风险，"
            "请相关部门尽快处理。"
        ),
        reporter_name=MASK_CALLER[0],
        reporter_phone=MASK_CALLER[1],
        urgent=True,
    )
    case = at(
        239.8,
        services.case_dispatch,
        case=case,
        actor=u["city_dispatcher"],
        department="wutong-office",
        note="疫情防控紧急件，请街道立即核查",
    )
    case = at(239.5, services.case_sign, case=case, actor=u["wutong_handler"])
    case = at(
        235,
        services.case_answer,
        case=case,
        actor=u["wutong_handler"],
        answer=(
            "街道信访办已派人到现场查看、询问，情况属实。已责成项目负责人加强管理，"
            "落实分散就餐、佩戴口罩等措施，并按要求延期复工。"
        ),
    )
    at(
        222,
        services.case_follow_up,
        case=case,
        actor=u["hotline"],
        satisfaction="satisfied",
        comment="来电人对处理结果满意",
    )


def _wage_dispute(at, u, cat) -> None:
    workers = [
        ("宋师傅", "13957301011"),
        ("闫师傅", "13957301012"),
        ("刘师傅", "13957301013"),
        ("陈师傅", "13957301014"),
        ("黄师傅", "13957301015"),
    ]
    reports = []
    for index, (name, phone) in enumerate(workers):
        reports.append(
            _create(
                at,
                300 - index * 6,
                actor=u["hotline"],
                channel="police",
                kind="dispute",
                category=cat["labour.wages"],
                region="330483001018",
                address="金域兰庭小区工地",
                description=(
                    "金域兰庭小区泥工班组 40 余名工人被拖欠工资，建筑公司结算时压价，"
                    "多次讨要未果，请求帮助。"
                ),
                reporter_name=name,
                reporter_phone=phone,
            )
        )
    main = reports[0]
    for index, report in enumerate(reports[1:], start=1):
        at(
            300 - index * 6 - 1,
            services.case_merge,
            case=report,
            into=main,
            actor=u["city_dispatcher"],
            note="同一欠薪纠纷的重复来电",
        )
    main = at(
        275,
        services.case_dispatch,
        case=main,
        actor=u["city_dispatcher"],
        department="renshe",
        note="群体性欠薪，请劳动监察牵头，会同梧桐街道信访超市处理",
    )
    at(270, services.case_sign, case=main, actor=u["renshe_handler"])


def _overdue_noise(at, u, cat) -> None:
    case = _create(
        at,
        24 * 40,
        actor=u["hotline"],
        channel="hotline",
        kind="complaint",
        category=cat["city.noise"],
        region="330483001015",
        address="庆丰社区南侧工地",
        description="工地每天夜间十一点后仍在施工，噪音很大，影响休息。",
        reporter_name="赵女士",
        reporter_phone="13957301021",
    )
    case = at(
        24 * 40 - 1,
        services.case_dispatch,
        case=case,
        actor=u["city_dispatcher"],
        department="wutong-office",
    )
    case = at(24 * 39, services.case_sign, case=case, actor=u["wutong_handler"])
    at(
        24 * 2,
        services.case_supervise,
        case=case,
        actor=u["city_leader"],
        level="red",
        note="夜间施工噪音反复投诉，限期办结",
    )


def _everyday_cases(at, u, cat) -> None:
    _create(
        at,
        1,
        actor=u["demo_worker"],
        channel="online",
        kind="consult",
        category=cat["labour.contract"],
        region="330483001",
        description="我在桐乡工作，社保想从老家转过来，需要办什么手续？",
    )
    _create(
        at,
        2,
        actor=u["wutong_clerk"],
        channel="window",
        kind="dispute",
        category=cat["neighbour"],
        region="330483001003",
        description="楼上住户装修漏水，多次协商未果，请求调解。",
        reporter_name="孙女士",
        reporter_phone="13957301031",
    )
    property_case = _create(
        at,
        3,
        actor=u["hotline"],
        channel="hotline",
        kind="complaint",
        category=cat["property"],
        region="330483001016",
        description="小区电梯经常故障，物业维修不及时。",
        reporter_name="周先生",
        reporter_phone="13957301032",
    )
    at(
        2.5,
        services.case_dispatch,
        case=property_case,
        actor=u["city_dispatcher"],
        department="zhujian",
    )

    hours = _yellow_start(cat["labour.contract"], "help", at.now)
    injury = _create(
        at,
        hours,
        actor=u["hotline"],
        channel="hotline",
        kind="help",
        category=cat["labour.contract"],
        region="330483001",
        description="工伤认定申请提交很久了，一直没有结果，请求帮助催办。",
        reporter_name="吴女士",
        reporter_phone="13957301033",
    )
    injury = at(
        hours - 0.5,
        services.case_dispatch,
        case=injury,
        actor=u["city_dispatcher"],
        department="renshe",
    )
    at(hours - 1, services.case_sign, case=injury, actor=u["renshe_handler"])

    contract = _create(
        at,
        72,
        actor=u["hotline"],
        channel="hotline",
        kind="help",
        category=cat["labour.contract"],
        region="330483001002",
        description="公司不给签劳动合同，也不交社保。",
        reporter_name="郑先生",
        reporter_phone="13957301034",
    )
    contract = at(
        71, services.case_dispatch, case=contract, actor=u["city_dispatcher"], department="renshe"
    )
    contract = at(70, services.case_sign, case=contract, actor=u["renshe_handler"])
    at(
        48,
        services.case_pause,
        case=contract,
        actor=u["renshe_handler"],
        reason="请提供工资流水和考勤记录",
    )

    hazard = _create(
        at,
        50,
        actor=u["hotline"],
        channel="hotline",
        kind="report",
        category=cat["security.hazard"],
        region="330483001005",
        description="村口路灯坏了一个多月，夜里经常有人翻墙进厂区。",
        reporter_name="钱先生",
        reporter_phone="13957301035",
    )
    hazard = at(
        49,
        services.case_dispatch,
        case=hazard,
        actor=u["city_dispatcher"],
        department="wutong-office",
    )
    at(
        47,
        services.case_return,
        case=hazard,
        actor=u["wutong_handler"],
        reason="涉及治安防范，应由梧桐派出所处理，请改派",
    )

    spot = _create(
        at,
        26,
        actor=u["wutong_clerk"],
        channel="window",
        kind="consult",
        category=cat["consult"],
        region="330483001",
        description="居住证办理需要哪些材料？",
        reporter_name="冯女士",
        reporter_phone="13957301036",
    )
    at(
        25.8,
        services.case_resolve_on_spot,
        case=spot,
        actor=u["wutong_clerk"],
        answer="已当场告知：身份证、租房合同或房产证明、近期照片，到街道便民服务中心办理。",
    )

    refused = _create(
        at,
        30,
        actor=u["demo_worker"],
        channel="online",
        kind="complaint",
        category=cat["market"],
        region="330483001",
        description="网购的衣服质量差，商家在外省，要求退款。",
    )
    at(
        29,
        services.case_reject,
        case=refused,
        actor=u["city_dispatcher"],
        reason="商家不在本市，请向商家所在地市场监管部门或全国12315平台投诉",
    )

    fire = _create(
        at,
        30,
        actor=u["wutong_grid"],
        channel="grid",
        kind="hazard",
        category=cat["safety.fire"],
        region="330483001001",
        address="桃园村某厂房",
        description="巡查发现厂房消防通道堆放杂物，灭火器过期。",
    )
    fire = at(
        29.5,
        services.case_dispatch,
        case=fire,
        actor=u["wutong_dispatcher"],
        department="wutong-office",
    )
    fire = at(29, services.case_sign, case=fire, actor=u["wutong_handler"])
    at(
        6,
        services.case_answer,
        case=fire,
        actor=u["wutong_handler"],
        answer="已督促企业清理消防通道、更换灭火器，现场复查合格。",
    )

    garage = _create(
        at,
        24 * 8,
        actor=u["hotline"],
        channel="hotline",
        kind="complaint",
        category=cat["property"],
        region="330483001017",
        description="小区地下车库积水严重，物业不处理。",
        reporter_name="褚先生",
        reporter_phone="13957301037",
    )
    garage = at(
        24 * 8 - 1,
        services.case_dispatch,
        case=garage,
        actor=u["city_dispatcher"],
        department="wutong-office",
    )
    at(24 * 6, services.case_remind, case=garage, actor=u["city_dispatcher"], note="请尽快签收")
    at(24 * 6 - 1, services.case_sign, case=garage, actor=u["wutong_handler"])

    lift = _create(
        at,
        24 * 6,
        actor=u["hotline"],
        channel="hotline",
        kind="complaint",
        category=cat["property"],
        region="330483001016",
        description="电梯维修后仍频繁停运，老人上下楼困难。",
        reporter_name="卫女士",
        reporter_phone="13957301039",
    )
    lift = at(
        24 * 6 - 1,
        services.case_dispatch,
        case=lift,
        actor=u["city_dispatcher"],
        department="wutong-office",
    )
    lift = at(24 * 6 - 2, services.case_sign, case=lift, actor=u["wutong_handler"])
    lift = at(
        24 * 3,
        services.case_answer,
        case=lift,
        actor=u["wutong_handler"],
        answer="已约谈物业公司，要求联系维保单位检修。",
    )
    at(
        24 * 2,
        services.case_follow_up,
        case=lift,
        actor=u["hotline"],
        satisfaction="unsatisfied",
        comment="电梯仍未修好",
    )

    arrears = _create(
        at,
        24 * 5,
        actor=u["hotline"],
        channel="hotline",
        kind="complaint",
        category=cat["labour.wages"],
        region="330483001007",
        description="服装厂拖欠三个月工资，老板联系不上。",
        reporter_name="蒋先生",
        reporter_phone="13957301040",
    )
    arrears = at(
        24 * 5 - 1,
        services.case_dispatch,
        case=arrears,
        actor=u["city_dispatcher"],
        department="renshe",
    )
    arrears = at(24 * 5 - 2, services.case_sign, case=arrears, actor=u["renshe_handler"])
    arrears = at(
        24 * 2,
        services.case_request_extension,
        case=arrears,
        actor=u["renshe_handler"],
        days=5,
        reason="需调取企业账目，老板暂未到案",
    )
    request = arrears.extension_requests.get()
    at(
        24 * 1,
        services.case_decide_extension,
        case=arrears,
        actor=u["city_dispatcher"],
        request=request,
        grant=True,
        note="同意延期 5 个工作日",
    )

    _create(
        at,
        5,
        actor=u["gaoqiao_clerk"],
        channel="window",
        kind="dispute",
        category=cat["neighbour"],
        region="330483004002",
        description="两户村民因宅基地边界发生争执，请求调解。",
        reporter_name="沈先生",
        reporter_phone="13957301038",
    )
