"""Pages and API endpoints: they render for the roles that use them, take input through one
service, and answer bad input with a clear message while changing nothing."""

import pytest
from django.utils import timezone

from pingan.cases.tests.factories import new_case
from pingan.mediation.models import Dispute, DisputeParty, MediationSession
from pingan.mediation.tests.factories import dispute_in, id_number, user

pytestmark = pytest.mark.usefixtures("mediation_city")


def test_workbench_lists_my_disputes_and_tiles_show_on_home(login_client):
    mine = dispute_in("mediating")
    client = login_client("wutong_mediator")
    page = client.get("/mediation/").content.decode()
    assert mine.number in page
    home = client.get("/").content.decode()
    assert 'data-entry="mediation.workbench"' in home
    assert 'data-entry="mediation.refer"' not in home
    judge_home = login_client("court_judge").get("/").content.decode()
    assert 'data-entry="mediation.refer"' in judge_home
    assert login_client("demo_worker").get("/mediation/").status_code == 404


def test_detail_page_shows_actions_for_the_state(login_client):
    dispute = dispute_in("accepted")
    page = login_client("wutong_mediator").get(f"/mediation/{dispute.pk}/").content.decode()
    assert 'data-testid="act-start"' in page and 'data-testid="act-accept"' not in page
    leader = login_client("city_leader").get(f"/mediation/{dispute.pk}/").content.decode()
    assert 'data-testid="act-start"' not in leader
    assert login_client("gaoqiao_mediator").get(f"/mediation/{dispute.pk}/").status_code == 404


def test_detail_page_query_count_does_not_grow_with_parties(
    login_client, django_assert_max_num_queries
):
    dispute = dispute_in("mediating")
    client = login_client("wutong_mediator")
    client.get(f"/mediation/{dispute.pk}/")
    for n in range(5):
        DisputeParty.objects.create(
            dispute=dispute,
            side="applicant",
            kind="organisation",
            org_name=f"单位{n}",
            org_credit_code=f"X{n}",
            created_at=timezone.now(),
        )
    with django_assert_max_num_queries(20):
        assert client.get(f"/mediation/{dispute.pk}/").status_code == 200


def test_from_case_form_turns_a_work_order_into_a_dispute(login_client):
    case = new_case(channel="police", kind="dispute", category="labour.wages")
    client = login_client("wutong_mediator")
    form = client.get("/mediation/from-case/", {"case": case.number})
    assert form.status_code == 200 and case.number in form.content.decode()
    answer = client.post(
        "/mediation/from-case/",
        {
            "case": case.number,
            "dispute_type": "labour",
            "level": "town",
            "department": "wutong-mtzx",
            "people_count": "40",
            "amount": "860000",
            "title": "欠薪纠纷",
            "description": "",
        },
    )
    dispute = Dispute.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/mediation/{dispute.pk}/"
    assert (dispute.source, dispute.people_count, dispute.source_case) == ("case", 40, case)
    again = client.post(
        "/mediation/from-case/",
        {
            "case": case.number,
            "dispute_type": "labour",
            "level": "town",
            "people_count": "40",
        },
    )
    assert again.status_code == 409 and dispute.number in again.content.decode()
    assert Dispute.objects.count() == 1


def test_direct_entry_with_bad_input_changes_nothing(login_client):
    client = login_client("wutong_clerk")
    answer = client.post(
        "/mediation/new/",
        {
            "region": "330483001001",
            "dispute_type": "neighbours",
            "level": "village",
            "source": "application",
            "people_count": "0",
            "description": "邻里纠纷",
        },
    )
    assert answer.status_code == 422 and "涉及人数" in answer.content.decode()
    answer = client.post(
        "/mediation/new/",
        {
            "region": "330483001001",
            "dispute_type": "neighbours",
            "level": "village",
            "source": "application",
            "people_count": "2",
            "description": "邻里纠纷",
        },
    )
    assert answer.status_code == 302
    assert Dispute.objects.get().committee_name == "桃园村人民调解委员会"


def test_party_session_and_record_through_the_page(login_client, outbox):
    dispute = dispute_in("accepted")
    client = login_client("wutong_mediator")
    url = f"/mediation/{dispute.pk}/"
    bad = client.post(
        f"{url}parties/",
        {"side": "respondent", "kind": "person", "name": "宋国强", "id_number": "123"},
        HTTP_REFERER=url,
    )
    assert bad.status_code == 302
    assert "身份证号码不正确" in client.get(url).content.decode()
    assert dispute.parties.count() == 2
    client.post(
        f"{url}parties/",
        {
            "side": "respondent",
            "kind": "person",
            "name": "宋国强",
            "id_number": id_number(),
            "phone": "13771009999",
            "role_note": "分包班组长",
        },
    )
    assert dispute.parties.count() == 3
    client.post(
        f"{url}sessions/",
        {
            "starts_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "mode": "court_5g",
            "place": "桐乡市人民法院 5G 智慧法庭",
            "participants": [],
        },
    )
    session = MediationSession.objects.get()
    assert session.is_remote and session.participants.count() == 3
    assert session.notified == 3 and len(outbox("mediation_session")) == 3
    assert "5G 智慧法庭远程视频" in outbox("mediation_session")[0].body
    client.post(f"{url}act/start/")
    client.post(f"/mediation/sessions/{session.pk}/record/", {"record": "各方同意按市场价结算"})
    session.refresh_from_db()
    assert session.status == "held" and session.record == "各方同意按市场价结算"


def test_agreement_editor_saves_terms_and_names_what_is_missing(login_client):
    dispute = dispute_in("mediating")
    company = dispute.parties.get(kind="organisation")
    client = login_client("wutong_mediator")
    url = f"/mediation/{dispute.pk}/agreement/"
    assert client.get(url).status_code == 200
    data = {
        "committee_name": "梧桐街道人民调解委员会",
        "facts": "拖欠工资",
        "issues": "数额",
        "responsibilities": "",
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "0",
        "form-0-content": "公司支付工资",
        "form-0-obligor": str(company.pk),
        "form-0-method": "银行转账",
        "form-0-due_on": timezone.localdate().isoformat(),
    }
    answer = client.post(url, data)
    assert answer.status_code == 302
    agreement = Dispute.objects.get(pk=dispute.pk).agreement
    assert [t.content for t in agreement.terms.all()] == ["公司支付工资"]
    page = client.get(url).content.decode()
    assert "各方责任" in page and agreement.number in page
    finalise = client.post(
        f"/mediation/{dispute.pk}/agreement/finalise/",
        {
            "signed_on": timezone.localdate().isoformat(),
            "parties_signed": "on",
            "mediator_signed": "on",
            "sealed": "on",
        },
        HTTP_REFERER=f"/mediation/{dispute.pk}/",
    )
    assert finalise.status_code == 302
    assert "缺少以下法定内容" in client.get(f"/mediation/{dispute.pk}/").content.decode()
    assert Dispute.objects.get(pk=dispute.pk).status == "mediating"


def test_api_from_case_and_transitions(client):
    case = new_case(channel="police", kind="dispute", category="labour.wages")
    client.force_login(user("wutong_mediator"))
    answer = client.post(
        "/api/v1/mediation/disputes/from-case",
        {
            "case": case.number,
            "dispute_type": "labour",
            "level": "town",
            "people_count": 40,
        },
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["number"].startswith("TJ") and body["risk_flags"] == ["mass"]
    pk = body["id"]
    answer = client.post(
        f"/api/v1/mediation/disputes/{pk}/start", {}, content_type="application/json"
    )
    assert answer.status_code == 409 and answer.json()["code"] == "invalid_transition"
    answer = client.post(
        f"/api/v1/mediation/disputes/{pk}/accept", {"note": "受理"}, content_type="application/json"
    )
    assert answer.status_code == 200 and answer.json()["status"] == "accepted"
    answer = client.post(
        f"/api/v1/mediation/disputes/{pk}/parties",
        {
            "side": "respondent",
            "kind": "organisation",
            "org_name": "某公司",
            "credit_code": "91330483XXXXXXXXXX",
            "representative_name": "王总",
        },
        content_type="application/json",
    )
    assert answer.status_code == 422 and "统一社会信用代码" in answer.json()["message"]
    listing = client.get("/api/v1/mediation/disputes", {"mine": True}).json()
    assert listing["count"] == 1 and listing["items"][0]["id"] == pk
    assert client.get("/api/v1/mediation/disputes", {"status": "nope"}).status_code == 422
    client.force_login(user("gaoqiao_mediator"))
    assert client.get(f"/api/v1/mediation/disputes/{pk}").status_code == 404


def test_api_risk_board(client):
    dispute_in("mediating", people_count=30)
    client.force_login(user("city_leader"))
    rows = client.get("/api/v1/mediation/risks").json()
    assert [r["flags"] for r in rows] == [["mass"]] and rows[0]["kinds"] == ["群体性"]


def test_a_petition_case_becomes_a_dispute_from_a_petition():
    from pingan.mediation import services

    petition = new_case(channel="letter", kind="petition", category="petition")
    dispute = services.dispute_from_case(
        case=petition, actor=user("wutong_mediator"), dispute_type="land", level="town"
    )
    assert (dispute.source, dispute.source_case) == ("petition", petition)
    assert dispute.case_links.get().case == petition


def test_list_pages_keep_a_fixed_number_of_queries(login_client, django_assert_max_num_queries):
    for _ in range(3):
        dispute_in("mediating", people_count=20)
    client = login_client("city_leader")
    with django_assert_max_num_queries(10):
        assert client.get("/mediation/risks/").status_code == 200
    client = login_client("wutong_mediator")
    with django_assert_max_num_queries(14):
        assert client.get("/mediation/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/api/v1/mediation/disputes").status_code == 200


def test_the_workbench_offers_only_what_the_role_may_open(login_client):
    """A window clerk registers disputes but has no risk board or figures; a hotline operator
    may not register a dispute at all, so the form is not shown to them either."""
    clerk = login_client("wutong_clerk")
    page = clerk.get("/mediation/").content.decode()
    assert 'data-testid="new-dispute"' in page and 'data-testid="risks-link"' not in page
    assert clerk.get("/mediation/risks/").status_code == 404
    assert clerk.get("/mediation/new/").status_code == 200
    mediator_page = login_client("wutong_mediator").get("/mediation/").content.decode()
    assert 'data-testid="risks-link"' in mediator_page
    hotline = login_client("hotline")
    assert hotline.get("/mediation/new/").status_code == 404
    assert hotline.post("/mediation/new/", {"title": "x"}).status_code == 404
