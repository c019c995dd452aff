"""Test data for petitions: made through the services, so every petition under test has a real
timeline, driven to any status by `petition_in`."""

import itertools
from datetime import datetime
from zoneinfo import ZoneInfo

from pingan.org.models import User
from pingan.petitions import services
from pingan.petitions.models import Petition

SHANGHAI = ZoneInfo("Asia/Shanghai")
WAGES = "金域兰庭项目工地拖欠40名工人工资共计120万元，要求尽快支付"
WAGES_RETOLD = "金域兰庭工地拖欠工人工资120万元，40名工人要求支付"
OTHER_WAGES = "高桥街道某厂拖欠工人工资，要求支付"
JINYU = "330483001018"  # 梧桐街道 金域兰庭社区
GAOQIAO_VILLAGE = "330483004001"  # 高桥街道 高桥村

_phones = itertools.count(1)


def local(moment: str) -> datetime:
    """'2026-04-01 10:00' in Asia/Shanghai, as an aware datetime."""
    return datetime.strptime(moment, "%Y-%m-%d %H:%M").replace(tzinfo=SHANGHAI)


def next_phone() -> str:
    return f"1377100{next(_phones):04d}"


def user(username) -> User:
    return User.objects.get(username=username) if isinstance(username, str) else username


def person(name="张建国", **fields) -> dict:
    fields.setdefault("phone", next_phone())
    return {"name": name, **fields}


def new_petition(
    *,
    actor="xinfang_officer",
    channel="window",
    category="labour.wages",
    region=JINYU,
    description=WAGES,
    petitioners=None,
    **kwargs,
) -> Petition:
    return services.petition_create(
        actor=user(actor),
        channel=channel,
        category=category,
        region=region,
        description=description,
        petitioners=[person()] if petitioners is None else petitioners,
        **kwargs,
    )


ROUTE = ("route", "xinfang_officer", {"unit": "wutong-office"})
ACCEPT = ("accept", "wutong_handler", {})
REPLY = ("reply", "wutong_handler", {"opinion": "已督促施工单位支付工资", "facts": "经核实属实"})
ASK_REVIEW = ("ask_review", "xinfang_officer", {"grounds": "不服答复，请求复查"})
DECIDE_REVIEW = ("decide_review", "xinfang_officer", {"opinion": "维持原处理意见"})
ASK_RECHECK = ("ask_recheck", "xinfang_officer", {"grounds": "不服复查意见，请求复核"})
DECIDE_RECHECK = ("decide_recheck", "xinfang_officer", {"opinion": "维持复查意见"})

# The path to each status, as (action, actor username, extra arguments).
PATHS = {
    "registered": [],
    "routed": [ROUTE],
    "objected": [ROUTE, ("object", "wutong_handler", {"reason": "不属于街道职责"})],
    "handling": [ROUTE, ACCEPT],
    "replied": [ROUTE, ACCEPT, REPLY],
    "reviewing": [ROUTE, ACCEPT, REPLY, ASK_REVIEW],
    "reviewed": [ROUTE, ACCEPT, REPLY, ASK_REVIEW, DECIDE_REVIEW],
    "rechecking": [ROUTE, ACCEPT, REPLY, ASK_REVIEW, DECIDE_REVIEW, ASK_RECHECK],
    "final": [ROUTE, ACCEPT, REPLY, ASK_REVIEW, DECIDE_REVIEW, ASK_RECHECK, DECIDE_RECHECK],
}


def act(action: str, petition: Petition, actor, **kwargs) -> Petition:
    service = getattr(services, f"petition_{action}")
    return service(petition=petition, actor=user(actor), **kwargs)


def petition_in(status: str, **kwargs) -> Petition:
    """A petition (by the city petition bureau about 金域兰庭, unless told otherwise) brought to
    `status`."""
    petition = new_petition(**kwargs)
    for action, actor, extra in PATHS[status]:
        petition = act(action, petition, actor, **extra)
    assert petition.status == status
    return petition
