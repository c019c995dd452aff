"""The article's wage dispute end to end in the browser: 13 police-transferred reports merged
into one work order are turned into a dispute between the two subcontractors, the company and
40 workers, mediated at the 梧桐街道 centre, the agreement generated and downloaded, performance
recorded and the follow-up done."""

import pytest
from django.test import Client
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from pingan.cases.tests.factories import act, new_case
from pingan.mediation.models import Dispute
from pingan.mediation.tests.factories import credit_code, id_number, user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("mediation_city"),
]

CENTRE = "梧桐街道信访超市（矛调中心）调解室"


def _thirteen_police_reports():
    reports = [
        new_case(
            channel="police",
            kind="dispute",
            category="labour.wages",
            region="330483001018",
            description="金域兰庭工地 40 余名工人被拖欠工资，聚集讨薪（110 转办）",
            reporter_phone=f"1377200{n:04d}",
        )
        for n in range(13)
    ]
    main = reports[0]
    for report in reports[1:]:
        act("merge", report, "city_dispatcher", into=main, note="同一欠薪纠纷")
    assert main.merged_cases.count() == 12
    return main


def _sign_in(page, live_server, username):
    client = Client()
    client.force_login(user(username))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _add_party(page, side, kind, fields, selects=()):
    details = page.get_by_test_id("add-party")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    form = details.locator("form")
    form.locator("select[name=side]").select_option(side)
    form.locator("select[name=kind]").select_option(kind)
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    form.get_by_test_id("add-party-submit").click()
    expect(page.locator(".alert-success")).to_contain_text("已增加当事人")


def test_the_wage_dispute_in_the_browser(page, live_server):
    main = _thirteen_police_reports()
    _sign_in(page, live_server, "wutong_mediator")

    # From the workbench: the merged work order becomes a dispute with 40 people involved.
    page.goto("/mediation/")
    page.fill("#case-number", main.number)
    page.get_by_test_id("from-case-form").get_by_role("button").click()
    expect(page.get_by_test_id("source-case")).to_contain_text("已合并重复来电 12 件")
    form = page.get_by_test_id("dispute-form")
    form.locator("[name=dispute_type]").select_option("labour")
    form.locator("[name=level]").select_option("town")
    form.locator("[name=department]").select_option("wutong-mtzx")
    form.locator("[name=people_count]").fill("40")
    form.locator("[name=amount]").fill("860000")
    form.locator("[name=title]").fill("金域兰庭项目 40 名工人欠薪纠纷")
    form.get_by_test_id("submit").click()
    expect(page.get_by_test_id("status")).to_have_text("待受理")
    expect(page.get_by_test_id("people-count")).to_have_text("40")
    risk = page.get_by_test_id("risk")
    expect(risk).to_contain_text("群体性")
    expect(risk).to_contain_text("反复报警或信访 13 次")

    # The parties: two worker representatives for the 40; the company; 宋 and 闫.
    for name, phone in (("刘建国", "13957303020"), ("陈小兵", "13957303024")):
        _add_party(
            page,
            "applicant",
            "person",
            {
                "name": name,
                "id_number": id_number("19800512"),
                "phone": phone,
                "role_note": "工人代表",
            },
        )
    _add_party(
        page,
        "respondent",
        "organisation",
        {
            "org_name": "桐乡市某建筑工程有限公司",
            "credit_code": credit_code(),
            "representative_name": "王建华",
            "representative_id_number": id_number("19700101"),
            "representative_phone": "13957303021",
        },
    )
    for name, phone in (("宋国强", "13957303022"), ("闫立新", "13957303023")):
        _add_party(
            page,
            "respondent",
            "person",
            {
                "name": name,
                "id_number": id_number("19760304"),
                "phone": phone,
                "role_note": "分包班组长",
            },
        )
    expect(page.get_by_test_id("party-row")).to_have_count(5)

    page.get_by_test_id("act-accept").click()
    expect(page.get_by_test_id("status")).to_have_text("已受理")
    page.get_by_test_id("act-start").click()
    expect(page.get_by_test_id("status")).to_have_text("调解中")

    # A session at the 梧桐街道 centre, the parties told by SMS, then its record.
    page.get_by_test_id("schedule").locator("summary").click()
    schedule = page.get_by_test_id("schedule-form")
    schedule.locator("[name=starts_at]").fill(timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    schedule.locator("[name=mode]").select_option("on_site")
    schedule.locator("[name=place]").fill(CENTRE)
    schedule.get_by_role("button").click()
    expect(page.locator(".alert-success")).to_contain_text("短信通知 5 位当事人")
    record = page.get_by_test_id("record-form")
    record.locator("textarea").fill(
        "第三方按现行市场价格核定工程量与单价，各方无异议，同意签订协议。"
    )
    record.get_by_role("button").click()
    expect(page.get_by_test_id("session")).to_contain_text(CENTRE)
    expect(page.get_by_test_id("session")).to_contain_text("现行市场价格")

    # The agreement: drafted with its terms, then downloaded as Word.
    page.get_by_test_id("edit-agreement").click()
    editor = page.get_by_test_id("agreement-form")
    editor.locator("[name=facts]").fill(
        "公司将工程分包给宋国强、闫立新，40 名工人工资被拖欠五个月。"
    )
    editor.locator("[name=issues]").fill("工程量和单价的认定；欠薪数额。")
    editor.locator("[name=responsibilities]").fill(
        "公司未及时结算承担主要责任，班组长承担相应责任。"
    )
    due = timezone.localdate().isoformat()
    terms = editor.get_by_test_id("term-form")
    terms.nth(0).locator("textarea").fill("公司按现行市场价格支付拖欠工资 46 万元。")
    terms.nth(0).locator("select").select_option(label="桐乡市某建筑工程有限公司")
    terms.nth(0).locator("[name$=method]").fill("银行转账至工人本人账户")
    terms.nth(0).locator("[name$=due_on]").fill(due)
    terms.nth(1).locator("textarea").fill("宋国强、闫立新各支付本班组工人余款 5 万元。")
    terms.nth(1).locator("select").select_option(label="宋国强")
    terms.nth(1).locator("[name$=method]").fill("现金当场签收")
    terms.nth(1).locator("[name$=due_on]").fill(due)
    page.get_by_test_id("save-agreement").click()
    expect(page.locator(".alert-success")).to_contain_text("协议书草稿已保存")
    expect(page.get_by_test_id("missing")).to_have_count(0)
    number = page.get_by_test_id("agreement-number").inner_text().strip()
    with page.expect_download() as download_info:
        page.get_by_test_id("download-agreement").click()
    download = download_info.value
    assert download.suggested_filename == f"{number}.docx"
    document = Document(str(download.path()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert number in text and "支付拖欠工资 46 万元" in text and "各支付本班组工人余款" in text

    # Signed and sealed: in force; performance recorded term by term; then the follow-up.
    page.get_by_role("link", name="返回案件").click()
    finalise = page.get_by_test_id("finalise-form")
    for name in ("parties_signed", "mediator_signed", "sealed"):
        finalise.locator(f"[name={name}]").check()
    page.get_by_test_id("finalise").click()
    expect(page.get_by_test_id("status")).to_have_text("已达成协议")
    for position in (1, 2):
        page.get_by_test_id(f"perform-{position}").get_by_role("button").click()
        expect(page.get_by_test_id(f"term-{position}")).to_contain_text("已履行")
    expect(page.get_by_test_id("status")).to_have_text("已履行")
    follow_up = page.get_by_test_id("follow-up-form")
    follow_up.locator("[name=satisfaction]").select_option("satisfied")
    follow_up.locator("[name=note]").fill("工资已全部到账，工人送来锦旗")
    follow_up.get_by_role("button").click()
    expect(page.get_by_test_id("status")).to_have_text("已回访")

    dispute = Dispute.objects.get()
    assert dispute.source_case == main and dispute.people_count == 40
    assert dispute.sessions.get().place == CENTRE
    kinds = list(dispute.events.values_list("kind", flat=True))
    for kind in ("create", "accept", "start", "session_record", "agree", "follow_up"):
        assert kind in kinds
