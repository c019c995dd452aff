"""Demo service centres: 梧桐街道's 信访超市 (2 comprehensive windows, 2 legal-service windows, as
in the article), 高桥街道's centre and the city's 矛调中心; the 三官一师 on the 梧桐 roster for
this week and the next; a few numbers taken today and a few visits.

Idempotent: what exists is left alone; the roster and today's queue are completed, so running
it on another day adds that day's.
"""

import datetime

from django.db import transaction

from pingan.core.errors import DomainError
from pingan.hall import selectors, services
from pingan.hall.models import (
    COMPREHENSIVE,
    LEGAL,
    DutyPattern,
    DutySlot,
    HalfDay,
    Matter,
    ServiceCentre,
    Ticket,
    Window,
    WindowAssignment,
)
from pingan.org.demo import seed_accounts
from pingan.org.models import Department, Region, User
from pingan.org.roles import Role

# username, name, phone, posts as (role, region code, department code, title)
ACCOUNTS = [
    ("duty_judge", "沈法官", "13957301090", [(Role.LEGAL_DUTY, "330483001", "fayuan", "法官")]),
    (
        "duty_prosecutor",
        "许检察",
        "13957301091",
        [(Role.LEGAL_DUTY, "330483001", "jianchayuan", "检察官")],
    ),
    (
        "duty_police",
        "何警官",
        "13957301092",
        [(Role.LEGAL_DUTY, "330483001", "wutong-pcs", "警官")],
    ),
    (
        "duty_lawyer",
        "吕律师",
        "13957301093",
        [(Role.LEGAL_DUTY, "330483001", "lvsuo-tongde", "律师")],
    ),
]

# slug, name, region code, department code, address, phone, windows as (number, name, kind)
CENTRES = [
    (
        "wutong",
        "梧桐街道信访超市",
        "330483001",
        "wutong-mtzx",
        "桐乡市梧桐街道庆丰南路 118 号",
        "0573-88010001",
        [
            (1, "综合窗口 1", COMPREHENSIVE),
            (2, "综合窗口 2", COMPREHENSIVE),
            (3, "法律服务窗口 1", LEGAL),
            (4, "法律服务窗口 2", LEGAL),
        ],
    ),
    (
        "gaoqiao",
        "高桥街道矛调中心",
        "330483004",
        "gaoqiao-mtzx",
        "桐乡市高桥街道高桥大道 66 号",
        "0573-88010004",
        [(1, "综合窗口 1", COMPREHENSIVE), (2, "法律服务窗口 1", LEGAL)],
    ),
    (
        "tongxiang",
        "桐乡市社会矛盾纠纷调处化解中心",
        "330483",
        "maotiao",
        "桐乡市振兴东路 1 号",
        "0573-88010000",
        [
            (1, "综合窗口 1", COMPREHENSIVE),
            (2, "综合窗口 2", COMPREHENSIVE),
            (3, "法律服务窗口 1", LEGAL),
        ],
    ),
]
# username -> (centre slug, window number)
POSTINGS = {"wutong_clerk": ("wutong", 1), "gaoqiao_clerk": ("gaoqiao", 1)}

# The 梧桐 roster by weekday: (legal window number, half-day, username).
WEEK = {
    0: [(3, HalfDay.AM, "duty_lawyer"), (4, HalfDay.PM, "duty_police")],
    1: [
        (3, HalfDay.AM, "duty_judge"),
        (4, HalfDay.AM, "duty_police"),
        (3, HalfDay.PM, "duty_lawyer"),
    ],
    2: [(3, HalfDay.AM, "duty_prosecutor"), (4, HalfDay.PM, "duty_lawyer")],
    3: [(3, HalfDay.AM, "duty_lawyer"), (4, HalfDay.PM, "duty_police")],
    4: [(3, HalfDay.AM, "duty_judge"), (3, HalfDay.PM, "duty_lawyer")],
}
# So that the demo shows someone on duty whatever the day: today's fallback at 法律服务窗口 1.
TODAY_FALLBACK = {HalfDay.AM: "duty_lawyer", HalfDay.PM: "duty_police"}

# Visitors of the demo (name, phone, ID number) and what they came about.
VISITORS = [
    ("钱晓红", "13957301080", "330483198803150025"),
    ("孙志强", "13957301081", "330483197906210030"),
    ("李桂芳", "13957301082", ""),
]


def seed_centres() -> dict[str, ServiceCentre]:
    kinds = services.window_kinds_ensure()
    regions = {r.code: r for r in Region.objects.filter(code__in=[c[2] for c in CENTRES])}
    departments = {d.code: d for d in Department.objects.filter(code__in=[c[3] for c in CENTRES])}
    centres = {}
    for slug, name, region, department, address, phone, windows in CENTRES:
        centre, _created = ServiceCentre.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "region": regions[region],
                "department": departments.get(department),
                "address": address,
                "phone": phone,
            },
        )
        for number, window_name, kind in windows:
            Window.objects.get_or_create(
                centre=centre, number=number, defaults={"name": window_name, "kind": kinds[kind]}
            )
        centres[slug] = centre
    for username, (slug, number) in POSTINGS.items():
        user = User.objects.filter(username=username).first()
        if user is not None:
            window = Window.objects.get(centre=centres[slug], number=number)
            WindowAssignment.objects.get_or_create(user=user, window=window)
    return centres


def _try(call, **kwargs):
    try:
        return call(**kwargs)
    except DomainError:
        # Already on the roster from an earlier run, or a clash the demo does not need.
        return None


def seed_roster(centre: ServiceCentre) -> None:
    clerk = User.objects.get(username="wutong_clerk")
    people = User.objects.in_bulk([a[0] for a in ACCOUNTS], field_name="username")
    windows = {w.number: w for w in centre.windows.all()}
    today = selectors.today()
    monday = today - datetime.timedelta(days=today.weekday())
    end = monday + datetime.timedelta(days=13)
    if not DutyPattern.objects.filter(centre=centre).exists():
        # The judge's standing Tuesday morning (法官驻镇联村), as a recurring pattern.
        _try(
            services.pattern_create,
            actor=clerk,
            window=windows[3],
            person=people["duty_judge"],
            weekday=1,
            half=HalfDay.AM,
            start_date=today,
            end_date=end,
        )
    day = today
    while day <= end:
        for number, half, username in WEEK.get(day.weekday(), []):
            if not DutySlot.objects.filter(window=windows[number], date=day, half=half).exists():
                _try(
                    services.slot_create,
                    actor=clerk,
                    window=windows[number],
                    date=day,
                    half=half,
                    person=people[username],
                )
        day += datetime.timedelta(days=1)
    for half, username in TODAY_FALLBACK.items():
        if not DutySlot.objects.filter(centre=centre, date=today, half=half).exists():
            _try(
                services.slot_create,
                actor=clerk,
                window=windows[3],
                date=today,
                half=half,
                person=people[username],
            )


def seed_queue(centre: ServiceCentre) -> None:
    if Ticket.objects.filter(centre=centre, business_date=selectors.today()).exists():
        return
    services.ticket_take(centre=centre, kind=COMPREHENSIVE, phone="13957301083")
    services.ticket_take(centre=centre, kind=COMPREHENSIVE, source=Ticket.Source.PHONE)
    services.ticket_take(centre=centre, kind=LEGAL, phone="13957301084")
    services.ticket_take(centre=centre, kind=COMPREHENSIVE)


def seed_visits(centre: ServiceCentre) -> None:
    from pingan.cases.models import Category

    if Matter.objects.filter(centre=centre).exists():
        return
    if Category.objects.filter(code__in=["consult", "labour.wages"]).count() != 2:
        return
    clerk = User.objects.get(username="wutong_clerk")
    window = centre.windows.get(number=1)
    (name1, phone1, id1), (name2, phone2, id2), (name3, phone3, _id3) = VISITORS
    services.visit_resolve_on_spot(
        actor=clerk,
        window=window,
        name=name1,
        phone=phone1,
        id_number=id1,
        purpose="咨询新居民积分入学需要准备哪些材料",
        answer="已告知所需材料清单：居住证、社保缴纳证明、劳动合同，并提供办理地址。",
        category="consult",
    )
    services.visit_resolve_on_spot(
        actor=clerk,
        window=window,
        name=name3,
        phone=phone3,
        purpose="咨询居住证续签流程",
        answer="已说明可在浙里办线上续签，并现场演示。",
        category="consult",
    )
    services.visit_accept(
        actor=clerk,
        window=window,
        name=name2,
        phone=phone2,
        id_number=id2,
        purpose="工地包工头拖欠 3 个月工资，约 2.4 万元",
        kind="dispute",
        category="labour.wages",
        description="反映人在梧桐街道某工地务工，包工头拖欠 3 个月工资约 2.4 万元，多次讨要未果。",
    )


@transaction.atomic
def seed(stdout=None) -> None:
    seed_accounts(ACCOUNTS)
    centres = seed_centres()
    wutong = centres["wutong"]
    seed_roster(wutong)
    seed_queue(wutong)
    seed_visits(wutong)
