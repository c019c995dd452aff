"""Routing suggestions: the category's rule (falling back up the tree) until dispatchers' own
choices for similar reports say otherwise; the dispatcher decides."""

import pytest

from pingan.cases import routing, search_index
from pingan.cases.tests.factories import CategoryFactory, act, new_case
from pingan.core.errors import DomainError

WUTONG_VILLAGE = "330483001016"
GAOQIAO_VILLAGE = "330483004002"
LIFT = "{}小区电梯经常坏，物业维修不及时，老人上下楼很困难。"


@pytest.fixture(autouse=True)
def _fresh_weights():
    search_index.forget_weights()
    yield
    search_index.forget_weights()


def dispatched(description, department, *, region=WUTONG_VILLAGE, category="property"):
    case = new_case(kind="complaint", category=category, region=region, description=description)
    return act("dispatch", case, "city_dispatcher", department=department)


def codes(suggestions):
    return [s.department.code for s in suggestions]


def test_the_rule_for_the_town_comes_first(categories):
    [suggestion] = routing.suggest_departments(category="city.noise", region=WUTONG_VILLAGE)
    assert suggestion.department.code == "wutong-office"
    assert suggestion.source == "rule"
    assert suggestion.confidence == 0.75
    assert suggestion.explanation == "按分派规则：「噪音扰民」在「梧桐街道」由该部门承办"


def test_without_a_rule_of_its_own_the_parent_categorys_applies(categories):
    [wages] = routing.suggest_departments(category="labour.wages", region=WUTONG_VILLAGE)
    assert wages.department.code == "renshe"
    assert wages.explanation == "本分类没有分派规则，按上级分类「劳动保障」在「桐乡市」的规则"
    grandchild = CategoryFactory(code="labour.wages.site", name="工地欠薪",
                                 parent=categories["labour.wages"])  # fmt: skip
    [site] = routing.suggest_departments(category=grandchild, region=WUTONG_VILLAGE)
    assert site.department.code == "renshe" and site.source == "rule"


def test_history_overtakes_the_rule_once_enough_similar_cases_went_elsewhere(categories):
    names = ["庆丰", "文华", "复兴", "锦都", "阳光"]
    for name in names[:2]:
        dispatched(LIFT.format(name), "wutong-office")
    few = routing.suggest_departments(
        category="property", region=WUTONG_VILLAGE, description=LIFT.format("香樟")
    )
    assert codes(few) == ["zhujian", "wutong-office"]  # two cases do not outweigh the rule
    assert few[1].source == "history"
    for name in names[2:]:
        dispatched(LIFT.format(name), "wutong-office")
    many = routing.suggest_departments(
        category="property", region=WUTONG_VILLAGE, description=LIFT.format("香樟")
    )
    assert codes(many) == ["wutong-office", "zhujian"]
    first, rule = many
    assert first.source == "history"
    assert first.explanation == "过去 5 件相似工单中 5 件派给了 梧桐街道办事处"
    assert first.confidence == round(5 / 9, 2)
    assert rule.source == "rule" and rule.confidence == round(3 / 9, 2)


def test_history_agreeing_with_the_rule_says_so(categories):
    for name in ["庆丰", "文华"]:
        dispatched(LIFT.format(name), "zhujian")
    [top] = routing.suggest_departments(
        category="property", region=WUTONG_VILLAGE, description=LIFT.format("复兴"), limit=1
    )
    assert top.department.code == "zhujian" and top.source == "history"
    assert top.explanation == (
        "过去 2 件相似工单中 2 件派给了 桐乡市住房和城乡建设局；也是分派规则指定的部门"
    )
    assert top.confidence == round(5 / 6, 2)


def test_unlike_reports_and_returned_dispatches_do_not_vote(categories):
    for name in ["庆丰", "文华", "复兴", "锦都"]:
        case = dispatched(LIFT.format(name), "wutong-office")
        act("return", case, "wutong_handler", reason="电梯属特种设备，应由住建部门处理")
    for name in ["阳光", "香樟", "紫荆", "丽都"]:
        dispatched(f"{name}小区物业费上涨没有公示", "wutong-office")
    suggestions = routing.suggest_departments(
        category="property", region=WUTONG_VILLAGE, description=LIFT.format("绿洲")
    )
    assert codes(suggestions) == ["zhujian"]


def test_departments_that_do_not_serve_the_region_are_not_suggested(categories):
    for name in ["庆丰", "文华", "复兴", "锦都", "阳光"]:
        dispatched(LIFT.format(name), "gaoqiao-office", region=GAOQIAO_VILLAGE)
    suggestions = routing.suggest_departments(
        category="property", region=WUTONG_VILLAGE, description=LIFT.format("香樟")
    )
    assert "gaoqiao-office" not in codes(suggestions)
    in_gaoqiao = routing.suggest_departments(
        category="property", region=GAOQIAO_VILLAGE, description=LIFT.format("香樟")
    )
    assert codes(in_gaoqiao)[0] == "gaoqiao-office"


def test_without_a_description_the_category_history_votes(categories):
    for name in ["庆丰", "文华", "复兴", "锦都", "阳光"]:
        dispatched(LIFT.format(name), "wutong-office")
    top = routing.suggest_departments(category="property", region=WUTONG_VILLAGE)[0]
    assert top.department.code == "wutong-office"
    assert top.explanation == "过去 5 件同类工单中 5 件派给了 梧桐街道办事处"


def test_no_rule_and_no_history_suggests_nothing(categories):
    lonely = CategoryFactory(code="misc", name="其他事项")
    assert routing.suggest_departments(category=lonely, region=WUTONG_VILLAGE) == []


def test_unknown_category_or_region_is_refused(categories):
    with pytest.raises(DomainError) as category:
        routing.suggest_departments(category="nope", region=WUTONG_VILLAGE)
    assert category.value.code == "unknown_category" and category.value.status == 422
    with pytest.raises(DomainError) as region:
        routing.suggest_departments(category="property", region="123")
    assert region.value.code == "unknown_region" and region.value.status == 422
