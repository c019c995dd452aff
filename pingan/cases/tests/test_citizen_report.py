"""我要反映: a valid report becomes an online case with an SMS holding its number and query code;
every kind of bad input re-renders the form with a message beside the field, keeps what was
typed, and creates nothing."""

import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pingan.cases import selectors
from pingan.cases.models import Case, CasePhoto
from pingan.cases.tests.citizen_support import QINGFENG, WUTONG, png_bytes, query_code_in
from pingan.cases.web import citizen_throttle
from pingan.notify.models import OutboxMessage

REPORT = reverse("cases_citizen:report")
DONE = reverse("cases_citizen:report_done")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def form_data(**overrides) -> dict:
    data = {
        "kind": "complaint",
        "group": "city",
        "category": "city.noise",
        "town": WUTONG,
        "village": QINGFENG,
        "address": "庆丰路 8 号工地",
        "description": "工地每天夜里十一点后还在打桩，吵得睡不着。",
        "phone": "139 5730 9001",
        "name": "刘女士",
        "submission": uuid.uuid4().hex,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def photo(name="site.png", content=None, content_type="image/png"):
    return SimpleUploadedFile(name, content or png_bytes(), content_type=content_type)


def counts() -> tuple[int, int, int]:
    return Case.objects.count(), OutboxMessage.objects.count(), CasePhoto.objects.count()


def test_the_form_offers_kinds_categories_and_towns(client, categories):
    page = client.get(REPORT)

    assert page.status_code == 200
    html = page.content.decode()
    for label in ("求助", "投诉", "举报", "安全隐患", "建议", "咨询"):
        assert label in html
    assert "梧桐街道" in html and "城市管理" in html
    assert 'accept="image/*" capture="environment"' in html
    assert "<script>" not in html and "style=" not in html  # the CSP allows neither


def test_a_valid_report_creates_an_online_case_and_texts_number_and_code(
    client, categories, outbox
):
    response = client.post(REPORT, {**form_data(), "photos": [photo()]})

    assert response.status_code == 302 and response["Location"] == DONE
    case = Case.objects.get()
    assert (case.channel, case.status, case.kind) == ("online", "new", "complaint")
    assert (case.category.code, case.region.code) == ("city.noise", QINGFENG)
    assert case.reporter_phone == "13957309001" and case.reporter_name == "刘女士"
    assert case.reporter is None and case.address == "庆丰路 8 号工地"
    assert case.photos.get().content_type == "image/png"
    [sms] = outbox("case_received")
    assert sms.phone == "13957309001"
    assert case.number in sms.body
    code = query_code_in(sms)
    assert selectors.query_code_matches(case, code)

    done = client.get(DONE)
    html = done.content.decode()
    assert case.number in html
    assert "139****9001" in html
    assert code not in re.sub(case.number, "", html)  # the code only ever goes by SMS


def test_location_from_the_phone_is_kept(client, categories):
    client.post(REPORT, form_data(latitude="30.630123", longitude="120.565432"))

    case = Case.objects.get()
    assert (str(case.latitude), str(case.longitude)) == ("30.630123", "120.565432")


def test_the_town_alone_is_enough_when_the_village_is_unknown(client, categories):
    client.post(REPORT, form_data(village=""))

    assert Case.objects.get().region.code == WUTONG


BAD_INPUT = [
    ("empty description", {"description": "   "}, [], "请填写问题描述"),
    ("bad phone", {"phone": "12345"}, [], "手机号码格式不正确"),
    ("landline", {"phone": "0573-88888888"}, [], "固定电话收不到短信"),
    ("no phone", {"phone": ""}, [], "请填写手机号码"),
    ("no kind", {"kind": ""}, [], "请选择诉求类型"),
    ("unknown kind", {"kind": "petition"}, [], "请选择有效的诉求类型"),
    ("unknown category", {"group": "no.such", "category": ""}, [], "未知的事项分类"),
    ("unknown sub-category", {"category": "labour.wages"}, [], "未知的事项小类"),
    (
        "category refusing the kind",
        {"kind": "consult", "group": "neighbour", "category": ""},
        [],
        "不受理「咨询」类诉求",
    ),
    ("unknown town", {"town": "330483999", "village": ""}, [], "未知的街道或镇"),
    ("village of another town", {"village": "330483004001"}, [], "不在所选街道/镇"),
    ("half a location", {"latitude": "30.6"}, [], "位置信息不完整"),
    ("location out of range", {"latitude": "99", "longitude": "120"}, [], "位置信息不正确"),
    (
        "wrong-type photo",
        {},
        [("notes.png", b"just some text", "image/png")],
        "不是 JPEG、PNG 或 WebP",
    ),
    (
        "oversized photo",
        {},
        [("huge.png", b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024), "image/png")],
        "超过 5 MB",
    ),
    ("too many photos", {}, [("p.png", None, "image/png")] * 7, "最多 6 张照片"),
]


@pytest.mark.parametrize(
    ("overrides", "uploads", "message"),
    [case[1:] for case in BAD_INPUT],
    ids=[case[0] for case in BAD_INPUT],
)
def test_bad_input_is_explained_beside_the_field_and_creates_nothing(
    client, categories, overrides, uploads, message
):
    before = counts()
    files = [photo(name, content, kind) for name, content, kind in uploads]
    data = form_data(**overrides)

    response = client.post(REPORT, {**data, "photos": files} if files else data)

    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    assert 'invalid-feedback d-block">' in html  # beside a field, not only at the top
    assert counts() == before
    # What was typed is still there.
    if data["description"].strip():
        assert data["description"] in html
    assert 'value="庆丰路 8 号工地"' in html


def test_lost_photos_are_mentioned_when_the_form_comes_back(client, categories):
    response = client.post(REPORT, {**form_data(description=""), "photos": [photo()]})

    assert "请重新选择" in response.content.decode()


def test_a_signed_in_citizen_reports_without_typing_a_phone(login_client, categories, outbox):
    client = login_client("demo_worker")
    page = client.get(REPORT).content.decode()
    assert "139****0010" in page

    client.post(REPORT, form_data(phone="", name=""))

    case = Case.objects.get()
    assert case.reporter.username == "demo_worker"
    assert case.reporter_phone == "13957300010"
    assert outbox("case_received")[0].phone == "13957300010"


def test_the_same_form_sent_twice_files_one_case(client, categories, outbox):
    data = form_data()

    first = client.post(REPORT, data)
    second = client.post(REPORT, data)

    assert first["Location"] == second["Location"] == DONE
    assert Case.objects.count() == 1 and len(outbox("case_received")) == 1


def test_many_reports_from_one_address_are_refused(client, categories, monkeypatch):
    monkeypatch.setattr(citizen_throttle, "MAX_REPORTS_PER_ADDRESS", 2)
    for _ in range(2):
        assert client.post(REPORT, form_data()).status_code == 302

    refused = client.post(REPORT, form_data())

    assert refused.status_code == 429
    assert "提交次数过多" in refused.content.decode()
    assert Case.objects.count() == 2


def test_the_done_page_without_a_report_goes_to_the_form(client, db):
    assert client.get(DONE)["Location"] == REPORT


def test_the_sub_categories_follow_the_kind_and_the_group(client, categories):
    url = reverse("cases_citizen:report_categories")

    consult = client.get(url, {"kind": "consult", "group": "labour"}).content.decode()
    hazard = client.get(url, {"kind": "hazard", "group": "safety", "category": "safety.fire"})
    refused = client.get(url, {"kind": "complaint", "group": "consult"}).content.decode()

    # 欠薪 takes no consultations, so it is not offered under 劳动保障 for one.
    assert "labour.contract" in consult and "labour.wages" not in consult
    assert 'value="safety.fire" selected' in hazard.content.decode()
    assert "「政策咨询」不受理「投诉」类诉求" in refused and 'name="category"' in refused


def test_the_village_picker_follows_the_town(client, categories):
    url = reverse("cases_citizen:report_villages")

    html = client.get(url, {"town": "330483004"}).content.decode()
    nothing = client.get(url, {"town": "x"}).content.decode()

    assert "高桥村" in html and "庆丰社区" not in html
    assert "disabled" in nothing


def test_a_refusal_by_the_service_is_shown_beside_its_field(client, categories, monkeypatch):
    from pingan.cases import services
    from pingan.core.errors import DomainError

    def refuse(**kwargs):
        raise DomainError("unknown_region", "该区划已停用", status=422)

    monkeypatch.setattr(services, "case_create", refuse)

    response = client.post(REPORT, form_data())

    assert response.status_code == 422
    html = response.content.decode()
    town_field = html[html.index('id="id_town"') : html.index('id="village-field"')]
    assert "该区划已停用" in town_field
    assert Case.objects.count() == 0
