"""查询进度: the number and the query code show the case's public progress; a wrong pair gets one
message whichever half was wrong; guessing is throttled per address and per case number."""

import re
import time
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from pingan.cases import services
from pingan.cases.tests.citizen_support import answer, bring_to_signed, online_case, user
from pingan.cases.web import citizen_throttle
from pingan.cases.web.citizen_progress import progress_for, public_timeline
from pingan.cases.workflow import EventKind
from pingan.core import throttle

TRACK = reverse("cases_citizen:track")


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_the_right_pair_shows_the_public_progress(client, categories):
    case, code = online_case()
    case = bring_to_signed(case)
    services.case_remind(case=case, actor=user("city_dispatcher"), note="内部：请加快，领导已过问")

    response = client.post(TRACK, {"number": case.number.lower(), "code": code})

    assert response.status_code == 200
    html = response.content.decode()
    assert case.number in html
    assert "承办单位正在办理" in html  # the status in plain words
    assert "梧桐街道办事处" in html  # the unit acts in its own name...
    for staff in ("杨承办", "冯分流", "王话务"):  # ...and no staff member is named
        assert staff not in html
    assert "领导已过问" not in html and "催办" not in html  # internal traffic stays internal
    assert "承办单位应在" in html  # the deadline in plain words
    assert "评价答复" not in html  # nothing to rate before the answer


def test_times_are_shown_in_shanghai_time(client, categories):
    case, code = online_case()

    html = client.post(TRACK, {"number": case.number, "code": code}).content.decode()

    local = case.created_at.astimezone(ZoneInfo("Asia/Shanghai"))
    assert f"{local:%H:%M}" in html


def test_the_answer_is_shown_once_answered(client, categories):
    case, code = online_case()
    answer(case, "已责令停止夜间施工。")

    html = client.post(TRACK, {"number": case.number, "code": code}).content.decode()

    assert "已责令停止夜间施工。" in html
    assert "已答复，请您评价" in html and "评价答复" in html


@pytest.mark.parametrize("which", ["number", "code"])
def test_a_wrong_number_or_code_gets_the_same_message(client, categories, which):
    case, code = online_case()
    pair = {"number": case.number, "code": code}
    pair[which] = "GD2000010100001" if which == "number" else wrong(code)

    response = client.post(TRACK, pair)

    assert response.status_code == 404
    html = response.content.decode()
    assert "工单号或查询码不正确" in html
    assert case.title not in html


def test_a_malformed_code_is_explained_without_a_lookup(client, categories):
    response = client.post(TRACK, {"number": "GD1", "code": "12ab"})

    assert response.status_code == 422
    assert "查询码是 6 位数字" in response.content.decode()


def test_guessing_codes_for_one_number_blocks_that_number_from_any_address(client, categories):
    case, code = online_case()
    for attempt in range(citizen_throttle.MAX_FAILURES_PER_NUMBER):
        address = f"10.0.0.{attempt + 1}"
        client.post(TRACK, {"number": case.number, "code": wrong(code)}, REMOTE_ADDR=address)

    blocked = client.post(TRACK, {"number": case.number, "code": code}, REMOTE_ADDR="10.0.1.1")

    assert blocked.status_code == 429
    html = blocked.content.decode()
    assert "查询次数过多" in html and case.title not in html  # even the right code learns nothing
    other, other_code = online_case(phone="13957309002")
    allowed = client.post(TRACK, {"number": other.number, "code": other_code})
    assert allowed.status_code == 200


def test_guessing_from_one_address_blocks_it_for_every_number(client, categories, monkeypatch):
    monkeypatch.setattr(citizen_throttle, "MAX_FAILURES_PER_ADDRESS", 3)
    case, code = online_case()
    for serial in range(3):
        client.post(TRACK, {"number": f"GD2000010100{serial:03d}", "code": "000000"})

    blocked = client.post(TRACK, {"number": case.number, "code": code})
    elsewhere = client.post(TRACK, {"number": case.number, "code": code}, REMOTE_ADDR="10.9.9.9")

    assert blocked.status_code == 429
    assert elsewhere.status_code == 200


def test_the_block_ends_with_its_window(client, categories, monkeypatch):
    case, code = online_case()
    for _ in range(citizen_throttle.MAX_FAILURES_PER_NUMBER):
        client.post(TRACK, {"number": case.number, "code": wrong(code)})
    assert client.post(TRACK, {"number": case.number, "code": code}).status_code == 429

    later = time.time() + citizen_throttle.WINDOW_SECONDS + 1
    monkeypatch.setattr(throttle.time, "time", lambda: later)

    assert client.post(TRACK, {"number": case.number, "code": code}).status_code == 200


def test_the_tracking_form_prefills_the_number_but_never_takes_a_code_from_the_url(
    client, categories
):
    case, code = online_case()

    html = client.get(TRACK, {"number": case.number, "code": code}).content.decode()

    assert f'value="{case.number}"' in html
    code_input = re.search(r'<input[^>]*name="code"[^>]*>', html).group(0)
    assert "value=" not in code_input


def test_a_merged_report_follows_its_main_case(client, categories):
    main, _main_code = online_case(phone="13957309003")
    report, code = online_case(phone="13957309004", description="工地半夜施工，噪音扰民")
    main = services.case_accept(case=main, actor=user("hotline"))
    report = services.case_accept(case=report, actor=user("hotline"))
    services.case_merge(case=report, into=main, actor=user("city_dispatcher"))
    answer(main, "工地已整改，夜间不再施工。")

    html = client.post(TRACK, {"number": report.number, "code": code}).content.decode()

    assert main.number in html and "已合并办理" in html
    assert "工地已整改，夜间不再施工。" in html
    assert "评价答复" not in html  # the follow-up belongs to the main case


class Row:
    """A stand-in event row for the rule's unit test."""

    def __init__(self, kind, note="", data=None, case=None):
        self.kind, self.note, self.data = kind, note, data or {}
        self.at = timezone.now()
        self.department_id, self.department = None, None
        self.case = case or type("C", (), {"answer": ""})()

    def get_kind_display(self):
        return EventKind(self.kind).label


def test_the_public_timeline_rule():
    rows = [
        Row(EventKind.CREATE),
        Row(EventKind.ACCEPT, note="受理备注"),
        Row(EventKind.RETURN, note="不是我们的事"),
        Row(EventKind.EXTENSION_REQUEST, note="需要协调"),
        Row(EventKind.EXTENSION_DENY, note="理由不足"),
        Row(EventKind.REMIND, note="快点"),
        Row(EventKind.SUPERVISE, note="黄牌"),
        Row(EventKind.NOTE, note="内部记录"),
        Row(EventKind.SLA_WARNING),
        Row(EventKind.SLA_OVERDUE),
        Row(EventKind.PAUSE, note="请提供现场照片"),
        Row(EventKind.EXTENSION_GRANT, note="同意", data={"days": 5}),
        Row(EventKind.FOLLOW_UP, note="电话回访：还行", data={"satisfaction": "basic"}),
        Row(
            EventKind.FOLLOW_UP,
            note="处理得很快",
            data={"satisfaction": "satisfied", "by_reporter": True},
        ),
    ]

    shown = public_timeline(rows)

    kinds = [e.label for e in shown]
    assert kinds == ["登记", "受理", "挂起", "同意延期", "回访", "回访"]
    notes = [e.note for e in shown]
    assert notes == ["", "", "请提供现场照片", "", "", "处理得很快"]
    assert shown[3].detail == "5 个工作日"
    assert [e.detail for e in shown[4:]] == ["基本满意", "满意"]


def test_deadlines_read_in_plain_words(categories):
    case, _code = online_case()
    assert progress_for(case).answer_within == "15 个工作日"  # a complaint's default limit
    case = bring_to_signed(case)

    on_time = progress_for(case, now=case.due_at - timedelta(hours=1))
    late = progress_for(case, now=case.due_at + timedelta(hours=1))

    assert not on_time.overdue and late.overdue
    # Working-day limits end at midnight: the citizen reads "by the end of" the day before.
    local = timezone.localtime(case.due_at)
    assert (local.hour, local.minute) == (0, 0)
    assert on_time.due_day == local.date() - timedelta(days=1)
