"""Demo petitions for 桐乡市, made through the services at past moments so that their timelines
and deadlines are real: the article's forty 金域兰庭 workers petitioning about their wages
(collective, being handled by 梧桐街道 with its Party secretary as responsible leader), one of
them going on to the city (a repeat), an over-level petition, a replied one, one that went
through review and re-review to the final decision, and a 高桥街道 petition whose unit never
answered — so the backlog board shows 高桥街道 with backlog and every other town at zero.
Idempotent: accounts are completed, petitions are made once.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from pingan.cases import clock
from pingan.cases.demo import seed_categories
from pingan.core.fields import blind_index_for
from pingan.org.demo import seed_accounts
from pingan.org.models import User
from pingan.org.roles import Role
from pingan.petitions import services
from pingan.petitions.models import Petitioner

# username, name, phone, posts as (role, region code, department code or None, title)
ACCOUNTS = [
    (
        "xinfang_officer",
        "沈信访",
        "13957302001",
        [(Role.DISPATCHER, "330483", "xinfang", "信访局干部")],
    ),
    (
        "wutong_leader",
        "陆书记",
        "13957302002",
        [(Role.LEADER, "330483001", "wutong-office", "街道党工委书记")],
    ),
    (
        "gaoqiao_leader",
        "顾书记",
        "13957302003",
        [(Role.LEADER, "330483004", "gaoqiao-office", "街道党工委书记")],
    ),
]

WAGES = "金域兰庭项目工地拖欠40名工人工资共计120万元，包工头失联，工人要求施工单位尽快支付。"
# The workers' five representatives (a collective visit elects at most five).
WORKERS = [
    ("张建国", "13957302010"),
    ("刘长海", "13957302011"),
    ("王小兵", "13957302012"),
    ("陈友福", "13957302013"),
    ("杨春生", "13957302014"),
]
# The first representative's number marks the demo petitions as made.
MARK_PHONE = WORKERS[0][1]


class _Replay:
    """Runs services at moments counted back in days from the start of the seed."""

    def __init__(self):
        self.now = timezone.now()

    def __call__(self, days_ago: float, service, **kwargs):
        with clock.replaying_at(self.now - timedelta(days=days_ago)):
            return service(**kwargs)


def _people(rows):
    return [{"name": name, "phone": phone} for name, phone in rows]


def _steps(at, petition, users, steps):
    for days_ago, action, username, kwargs in steps:
        service = getattr(services, f"petition_{action}")
        petition = at(days_ago, service, petition=petition, actor=users[username], **kwargs)
    return petition


def _petitions(users) -> None:
    at = _Replay()
    officer, handler = users["xinfang_officer"], users["wutong_handler"]

    # Made oldest first, so that numbers follow the order of the events.
    final = at(
        150,
        services.petition_create,
        actor=users["wutong_clerk"],
        channel="window",
        category="petition",
        region="330483001001",
        description="桃园村宅基地拆迁安置面积认定有误，要求按原面积重新安置",
        petitioners=_people([("王阿大", "13957302022")]),
    )
    _steps(
        at,
        final,
        {"xinfang_officer": officer, "wutong_handler": handler},
        [
            (148, "route", "xinfang_officer", {"unit": "wutong-office"}),
            (146, "accept", "wutong_handler", {}),
            (
                100,
                "reply",
                "wutong_handler",
                {"opinion": "安置面积按2019年测绘成果认定，符合安置政策，维持原安置方案。"},
            ),
            (80, "ask_review", "xinfang_officer", {"grounds": "不服答复意见，请求复查"}),
            (60, "decide_review", "xinfang_officer", {"opinion": "原处理意见正确，予以维持。"}),
            (40, "ask_recheck", "xinfang_officer", {"grounds": "不服复查意见，请求复核"}),
            (20, "decide_recheck", "xinfang_officer", {"opinion": "复查意见正确，予以维持。"}),
        ],
    )

    # 高桥街道: routed three weeks ago and never accepted — past the 15-day notice limit.
    overdue = at(
        25,
        services.petition_create,
        actor=users["gaoqiao_clerk"],
        channel="window",
        category="labour.wages",
        region="330483004001",
        description="高桥村某纺织厂拖欠12名工人三个月工资，厂方拒不支付",
        petitioners=_people([("孙立新", "13957302023")]),
        leader=users["gaoqiao_leader"],
    )
    at(22, services.petition_route, petition=overdue, actor=officer, unit="gaoqiao-office")

    replied = at(
        20,
        services.petition_create,
        actor=users["wutong_clerk"],
        channel="letter",
        category="city.noise",
        region="330483001016",
        description="复兴社区沿街饭店油烟和夜间噪音扰民，多次反映未解决",
        petitioners=_people([("赵美华", "13957302021")]),
    )
    _steps(
        at,
        replied,
        {"xinfang_officer": officer, "wutong_handler": handler},
        [
            (19, "route", "xinfang_officer", {"unit": "wutong-office"}),
            (18, "accept", "wutong_handler", {}),
            (
                5,
                "reply",
                "wutong_handler",
                {
                    "facts": "经现场核查，该饭店油烟净化设施未正常运行，夜间营业至凌晨。",
                    "opinion": "已责令饭店整改油烟净化设施，限定营业时间至22时，"
                    "街道将每周回访检查。",
                },
            ),
        ],
    )

    collective = at(
        12,
        services.petition_create,
        actor=users["wutong_clerk"],
        channel="window",
        category="labour.wages",
        region="330483001018",
        description=WAGES,
        petitioners=_people(WORKERS),
        headcount=40,
        leader=users["wutong_leader"],
    )
    _steps(
        at,
        collective,
        {"xinfang_officer": officer, "wutong_handler": handler},
        [
            (11, "route", "xinfang_officer", {"unit": "wutong-office", "note": "请街道牵头化解"}),
            (9, "accept", "wutong_handler", {"note": "已约谈施工单位"}),
        ],
    )

    # One of the representatives takes the same matter to the city two days ago: a repeat,
    # but not over-level, since 梧桐街道 has the matter in hand.
    at(
        2,
        services.petition_create,
        actor=officer,
        channel="window",
        category="labour.wages",
        region="330483001018",
        description="金域兰庭工地拖欠40名工人工资120万元，要求施工单位尽快支付",
        petitioners=_people(WORKERS[:1]),
    )

    # Straight to the city about a village matter the town never saw: over-level.
    at(
        1,
        services.petition_create,
        actor=officer,
        channel="window",
        category="petition",
        region="330483001003",
        description="永丰村土地征收补偿款分配不公，要求重新核算补偿款",
        petitioners=_people([("李秀英", "13957302020")]),
        over_level=True,
    )


@transaction.atomic
def seed(stdout=None) -> None:
    seed_accounts(ACCOUNTS)
    if Petitioner.objects.filter(person__phone_index=blind_index_for("phone", MARK_PHONE)).exists():
        return
    seed_categories()
    names = [
        "xinfang_officer",
        "wutong_clerk",
        "gaoqiao_clerk",
        "wutong_handler",
        "wutong_leader",
        "gaoqiao_leader",
    ]
    _petitions(User.objects.in_bulk(names, field_name="username"))
