"""Test data for work orders: categories by factory, cases through the services (so every case
under test has a real timeline), driven to any status by `case_in`."""

import itertools

import factory

from pingan.cases import services
from pingan.cases.models import Case, Category, CategoryRoute
from pingan.org.models import User

_phones = itertools.count(1)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"test.cat{n}")
    name = factory.Sequence(lambda n: f"测试分类{n}")


class CategoryRouteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CategoryRoute


def next_phone() -> str:
    return f"1377000{next(_phones):04d}"


def user(username: str) -> User:
    return User.objects.get(username=username)


def new_case(
    *,
    actor="hotline",
    channel="hotline",
    kind="complaint",
    category="city.noise",
    region="330483001011",
    description="夜间施工噪音扰民",
    **kwargs,
) -> Case:
    actor = user(actor) if isinstance(actor, str) else actor
    kwargs.setdefault("reporter_phone", next_phone())
    case, _code = services.case_create(
        actor=actor,
        channel=channel,
        kind=kind,
        category=category,
        region=region,
        description=description,
        **kwargs,
    )
    return case


# The path to each status, as (action, actor username, extra arguments).
PATHS = {
    "new": [],
    "accepted": [],
    "dispatched": [("dispatch", "city_dispatcher", {"department": "wutong-office"})],
    "signed": [
        ("dispatch", "city_dispatcher", {"department": "wutong-office"}),
        ("sign", "wutong_handler", {}),
    ],
    "paused": [
        ("dispatch", "city_dispatcher", {"department": "wutong-office"}),
        ("sign", "wutong_handler", {}),
        ("pause", "wutong_handler", {"reason": "请补充现场照片"}),
    ],
    "answered": [
        ("dispatch", "city_dispatcher", {"department": "wutong-office"}),
        ("sign", "wutong_handler", {}),
        ("answer", "wutong_handler", {"answer": "已责令停止夜间施工"}),
    ],
    "closed": [
        ("dispatch", "city_dispatcher", {"department": "wutong-office"}),
        ("sign", "wutong_handler", {}),
        ("answer", "wutong_handler", {"answer": "已责令停止夜间施工"}),
        ("close", "city_dispatcher", {}),
    ],
    "returned": [
        ("dispatch", "city_dispatcher", {"department": "wutong-office"}),
        ("return", "wutong_handler", {"reason": "不属于街道职责"}),
    ],
    "reopened": [
        ("dispatch", "city_dispatcher", {"department": "wutong-office"}),
        ("sign", "wutong_handler", {}),
        ("answer", "wutong_handler", {"answer": "已处理"}),
        ("reopen", "city_dispatcher", {"reason": "群众反映仍在施工"}),
    ],
    "rejected": [("reject", "city_dispatcher", {"reason": "不属于受理范围"})],
    "resolved_on_spot": [("resolve_on_spot", "hotline", {"answer": "已当场解答"})],
}


def act(action: str, case: Case, actor, **kwargs) -> Case:
    service = getattr(services, f"case_{action}")
    actor = user(actor) if isinstance(actor, str) else actor
    return service(case=case, actor=actor, **kwargs)


def case_in(status: str, **kwargs) -> Case:
    """A case (made by the hotline in 梧桐街道 unless told otherwise) brought to `status`."""
    if status == "new":
        kwargs.setdefault("auto_accept", False)
    if status == "merged":
        main = new_case(**kwargs)
        case = new_case(**kwargs)
        return act("merge", case, "city_dispatcher", into=main)
    case = new_case(**kwargs)
    for action, actor, extra in PATHS[status]:
        case = act(action, case, actor, **extra)
    assert case.status == status
    return case
