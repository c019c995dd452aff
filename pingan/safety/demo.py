"""Safety Day demo: the March 2026 campaign with 屠甸镇's activity of 26 March (the article:
综治办, police, fire brigade, 司法所 and the villages together; 8,626 questionnaires, 185
banners, 33 e-screens, 23,705 SMS) and one of 梧桐街道, closed by the city; and this month's
campaign, open, so that the demo accounts have one to report into.

Accounts (demo phone range 139573050xx): `tudian_officer` (屠甸镇 综治办 safety officer) and
`tudian_leader` (屠甸镇 leader), who receive the town's notices.
Running it again changes nothing that is already there (idempotent).
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from pingan.org.demo import seed_accounts
from pingan.org.models import Department, Region, User
from pingan.org.roles import Role
from pingan.safety import services
from pingan.safety.models import Activity, WorkKind
from pingan.safety.workflow import CampaignStatus

ACCOUNTS = [
    (
        "tudian_officer",
        "沈平安",
        "13957305001",
        [(Role.INSPECTOR, "330483103", "tudian-mtzx", "综治办平安建设专干")],
    ),
    (
        "tudian_leader",
        "陆镇长",
        "13957305002",
        [(Role.LEADER, "330483103", "tudian-office", "分管副镇长")],
    ),
]

MARCH = date(2026, 3, 1)
TUDIAN_MARCH = {
    "region": "330483103",
    "kind": WorkKind.TALK,
    "held_on": date(2026, 3, 26),
    "place": "屠甸镇文化广场及各村（社区）",
    "departments": ["tudian-mtzx", "tudian-pcs", "xiaofang", "tudian-sfs"],
    "other_units": "各村（社区）",
    "summary": "综治办、派出所、消防、司法所联合各村（社区）开展平安知识大宣讲，"
    "发放问卷、悬挂横幅、电子屏滚动播放、群发短信。",
    "tallies": {
        "people_reached": 0,
        "questionnaires": 8626,
        "banners": 185,
        "screens": 33,
        "sms_sent": 23705,
    },
}
WUTONG_MARCH = {
    "region": "330483001001",
    "kind": WorkKind.PATROL,
    "held_on": date(2026, 3, 26),
    "place": "桃园村出租房集中区",
    "departments": ["wutong-pcs", "xiaofang"],
    "other_units": "桃园村村委会",
    "summary": "出租房消防安全夜间巡查。",
    "tallies": {
        "people_reached": 320,
        "questionnaires": 150,
        "banners": 6,
        "screens": 2,
        "sms_sent": 1200,
    },
}


def _report(campaign, actor, spec) -> None:
    region = Region.objects.get(code=spec["region"])
    if Activity.objects.filter(campaign=campaign, region=region, place=spec["place"]).exists():
        return
    services.activity_report(
        campaign=campaign,
        actor=actor,
        region=region,
        kind=spec["kind"],
        held_on=spec["held_on"],
        place=spec["place"],
        departments=Department.objects.filter(code__in=spec["departments"]),
        other_units=spec["other_units"],
        summary=spec["summary"],
        tallies=spec["tallies"],
    )


@transaction.atomic
def seed(stdout=None) -> None:
    seed_accounts(ACCOUNTS)
    users = User.objects.in_bulk(["tudian_officer", "wutong_grid", "admin"], field_name="username")
    march = services.campaign_open(month=MARCH)
    if march.status == CampaignStatus.OPEN:
        _report(march, users["tudian_officer"], TUDIAN_MARCH)
        _report(march, users["wutong_grid"], WUTONG_MARCH)
        services.campaign_close(campaign=march, actor=users["admin"])
    current = services.campaign_open(month=timezone.localdate())
    if stdout is not None:
        stdout.write(f"  safety: campaigns {march.title}, {current.title}")
