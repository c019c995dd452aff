"""The duplicate search at intake: what it finds, the reasons it gives, what it leaves out, and
the 13-calls scenario (one wage dispute, thirteen workers, one case with 13 reports)."""

from datetime import timedelta

import pytest

from pingan.cases import clock, duplicates, search_index, selectors, similarity
from pingan.cases.models import CaseSearchEntry, CaseSearchKey, SearchWeights
from pingan.cases.tests.factories import act, case_in, new_case, user
from pingan.core import scheduler
from pingan.core.errors import DomainError

JINYU = "330483001018"  # 金域兰庭社区, 梧桐街道
TAOYUAN = "330483001001"  # 桃园村, 梧桐街道
GAOQIAO_VILLAGE = "330483004002"

WAGES = "金域兰庭小区工地泥工班组40多名工人被拖欠工资，建筑公司结算时压价，多次讨要未果。"

# Thirteen workers, thirteen wordings of the same wage dispute.
CALLS = [
    WAGES,
    "我是金域兰庭工地的泥工，老板欠了我们三个月的工钱，一直不给。",
    "金域兰庭小区那个工地拖欠农民工工资，我们几十个人都没拿到钱。",
    "反映金域兰庭工地欠薪，包工头说建筑公司不给结算，工资拿不到。",
    "金域兰庭项目的泥水工工资被拖欠，讨了好多次都没结果，希望帮忙。",
    "在金域兰庭工地干活的工人工资被克扣，公司结算压价，请帮我们要工资。",
    "金域兰庭小区泥工班组欠薪问题，40来个工人，老板拖着不发钱。",
    "我们在金域兰庭做泥工，建筑公司压价，工钱到现在还没发。",
    "金域兰庭工地拖欠工人工资，已经快过年了，大家都等着钱回家。",
    "金域兰庭小区建筑工地老板欠我们泥工的工资，打电话也不接。",
    "投诉金域兰庭工地：拖欠泥工班组工资，讨薪多次未果。",
    "金域兰庭那边的工地，工人工资没发，说是结算有争议，请政府协调。",
    "金域兰庭小区工地泥工被欠薪三个月，班组长带着我们去要了好几次。",
]


@pytest.fixture(autouse=True)
def _fresh_caches():
    search_index.forget_weights()
    duplicates.forget_references()
    yield
    search_index.forget_weights()
    duplicates.forget_references()


def wage_case(description=WAGES, **kwargs):
    kwargs.setdefault("region", JINYU)
    return new_case(kind="dispute", category="labour.wages", description=description, **kwargs)


def search(description, **kwargs):
    kwargs.setdefault("region", JINYU)
    kwargs.setdefault("category", "labour.wages")
    return duplicates.find_duplicates(description=description, **kwargs)


def test_a_retold_report_is_found_with_its_reasons(categories):
    first = wage_case(reporter_phone="13957302001")
    found = search(CALLS[1], reporter_phone="13957302001")
    assert [d.case for d in found] == [first]
    duplicate = found[0]
    assert 0 < duplicate.score <= 1
    assert duplicate.reasons[0].startswith("描述相似度 0.")
    assert "同一来电号码" in duplicate.reasons
    assert "同一村社区" in duplicate.reasons
    assert "同一事项分类" in duplicate.reasons
    assert duplicate.reasons[-1] == "1 天内"


def test_the_same_caller_scores_higher(categories):
    case = wage_case(reporter_phone="13957302002")
    stranger = search(CALLS[2], reporter_phone="13957302999")
    again = search(CALLS[2], reporter_phone="139 5730 2002")
    assert stranger[0].case == again[0].case == case
    assert "同一来电号码" not in stranger[0].reasons
    assert again[0].score == pytest.approx(stranger[0].score + duplicates.PHONE_BONUS, abs=0.011)


def test_age_is_told_in_days_and_the_window_is_kept(categories, settings):
    with clock.replaying_at(clock.now() - timedelta(days=3, hours=2)):
        three_days = wage_case()
    found = search(CALLS[3])
    assert found[0].case == three_days
    assert "4 天内" in found[0].reasons
    settings.PINGAN_DUPLICATE_WINDOW_DAYS = 2
    assert search(CALLS[3]) == []


def test_only_open_cases_are_candidates(categories):
    closed = case_in("closed", kind="dispute", category="labour.wages", region=JINYU,
                     description=WAGES)  # fmt: skip
    rejected = case_in("rejected", kind="dispute", category="labour.wages", region=JINYU,
                       description=WAGES)  # fmt: skip
    assert search(CALLS[4]) == []
    # The status copy in the index follows every transition (a database trigger).
    statuses = dict(CaseSearchEntry.objects.values_list("case_id", "status"))
    assert statuses[closed.pk] == "closed" and statuses[rejected.pk] == "rejected"
    reopened = act("reopen", closed, "city_dispatcher", reason="工人又来电，工资仍未发放")
    assert [d.case for d in search(CALLS[4])] == [reopened]


def test_different_matters_in_the_same_place_are_not_duplicates(categories):
    new_case(kind="complaint", category="city.noise", region=JINYU,
             description="金域兰庭小区工地夜间施工噪音很大，影响休息。")  # fmt: skip
    wage_case(description="振东新村工地拖欠泥工工资，老板不见人。", region=TAOYUAN)
    assert search(CALLS[5]) == []


def test_nearby_by_coordinates(categories):
    case = wage_case(latitude="30.636000", longitude="120.560000")
    found = search(CALLS[6], latitude=30.6370, longitude=120.5600)
    assert found[0].case == case
    assert "相距 111 米" in found[0].reasons
    far = search(CALLS[6], latitude=30.6600, longitude=120.5600)
    assert not any(reason.startswith("相距") for reason in far[0].reasons)


def test_another_town_is_out_of_reach_but_the_caller_is_not(categories):
    case = wage_case(reporter_phone="13957302003")
    assert search(CALLS[7], region=GAOQIAO_VILLAGE) == []
    found = search(CALLS[7], region=GAOQIAO_VILLAGE, reporter_phone="13957302003")
    assert [d.case for d in found] == [case]
    assert "同一村社区" not in found[0].reasons


def test_results_are_limited_to_what_the_user_may_see(categories):
    wage_case()
    assert search(CALLS[8], user=user("hotline"))
    assert search(CALLS[8], user=user("gaoqiao_clerk")) == []


def test_duplicates_of_an_existing_case_leave_it_out(categories):
    first = wage_case(reporter_phone="13957302004")
    second = wage_case(description=CALLS[9], reporter_phone="13957302004")
    found = duplicates.duplicates_of(second)
    assert [d.case for d in found] == [first]
    assert "同一来电号码" in found[0].reasons


def test_thirteen_calls_end_as_one_case_with_thirteen_reports(categories):
    dispatcher = user("city_dispatcher")
    # Noise around it: another wage dispute in the town, and a noise complaint about the site.
    other = wage_case(description="桃园村恒达服装厂拖欠三个月工资，老板联系不上。", region=TAOYUAN)
    noise = new_case(kind="complaint", category="city.noise", region=JINYU,
                     description="金域兰庭小区工地夜间施工噪音很大，影响休息。")  # fmt: skip
    main = wage_case(description=CALLS[0], reporter_phone="13957303000")
    for index, call in enumerate(CALLS[1:], start=1):
        phone = f"139573030{index:02d}"
        found = search(call, reporter_phone=phone)
        assert found and found[0].case == main, (call, found)
        assert other not in [d.case for d in found] and noise not in [d.case for d in found]
        report = wage_case(description=call, reporter_phone=phone)
        act("merge", report, dispatcher, into=main, note="同一欠薪纠纷")
    main.refresh_from_db()
    assert main.status == "accepted"
    reports = list(selectors.linked_reports(main))
    assert len(reports) == 12  # with the main case: 13 reports of one matter
    assert {r.status for r in reports} == {"merged"}
    assert CaseSearchEntry.objects.filter(case__in=reports, status="merged").count() == 12


def test_bad_input_is_refused(categories):
    with pytest.raises(DomainError) as unknown_region:
        search(WAGES, region="999")
    assert unknown_region.value.code == "unknown_region" and unknown_region.value.status == 422
    with pytest.raises(DomainError) as unknown_category:
        search(WAGES, category="nope")
    assert unknown_category.value.code == "unknown_category"
    with pytest.raises(DomainError) as half:
        search(WAGES, latitude=30.6)
    assert half.value.code == "invalid_location"
    with pytest.raises(DomainError) as north:
        search(WAGES, latitude="north", longitude=120.5)
    assert north.value.code == "invalid_location"
    with pytest.raises(DomainError) as phone:
        search(WAGES, reporter_phone="110")
    assert phone.value.code == "invalid_phone"
    assert search("，。！") == []


def test_the_index_is_kept_by_its_jobs(categories):
    cases = [wage_case(description=call) for call in CALLS[:4]]
    CaseSearchEntry.objects.filter(case=cases[0]).delete()
    assert search_index.refresh_index().startswith("indexed 1")
    assert CaseSearchEntry.objects.filter(case=cases[0]).exists()
    assert search_index.refresh_weights().startswith("4 cases")
    assert SearchWeights.objects.count() == 1
    assert search_index.current_weights().cases == 4
    # Too few cases to tell names from common words: no keys, and wording alone decides.
    assert not CaseSearchKey.objects.exists()
    assert search(CALLS[5])
    names = {job.name for job in scheduler.registered_jobs()}
    assert {"cases.search_index", "cases.search_weights"} <= names


def test_normalisation_folds_what_callers_say_differently():
    assert similarity.normalize("我们的工钱！") == "工资"
    assert similarity.normalize("文华苑三号楼") == "文华苑3号楼"
    assert similarity.normalize("二十三幢") == "23幢"
    assert similarity.normalize("ＫＴＶ太吵") == "ktv太吵"
    assert similarity.shingles("请相关部门尽快处理") == frozenset()
    same = similarity.similarity(similarity.shingles("电梯坏了"), similarity.shingles("电梯坏了"))
    assert same == pytest.approx(1.0)


def test_names_decide_once_there_are_enough_cases_to_tell_them():
    common = {"电梯": 400, "梯坏": 250, "坏了": 300, "小区": 500, "花园": 200, "梯又": 30}
    weights = similarity.Weights(1000, common)
    one = similarity.shingles("景天小区电梯坏了")
    other_place = similarity.shingles("宁兰花园电梯坏了")
    same_place = similarity.shingles("景天小区的电梯又坏了")
    query = similarity.Query(one, weights)
    assert query.similarity(same_place) > 0.5
    assert query.similarity(other_place) == 0.0  # names differ: not the same lift
    assert query.shared_names(similarity.normalize("景天小区电梯坏了"), same_place) == ["景天小区"]
    # Without counts every bigram is wording, and the two look alike.
    assert similarity.Query(one).similarity(other_place) > 0.3
