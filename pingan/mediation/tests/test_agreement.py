"""The 调解协议书: every statutory element before it takes effect (the missing ones named),
numbered, printable on A4, downloadable as Word; performance per term, then the follow-up."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from docx import Document

from pingan.core.errors import DomainError
from pingan.mediation import services
from pingan.mediation.models import Agreement, Dispute
from pingan.mediation.tests.factories import (
    add_parties,
    complete_agreement,
    dispute_in,
    finalise,
    id_number,
    new_dispute,
    user,
)

pytestmark = pytest.mark.usefixtures("mediation_city")


def _mediating(**kwargs):
    dispute = new_dispute()
    add_parties(dispute, **kwargs)
    mediator = user("wutong_mediator")
    services.dispute_accept(dispute=dispute, actor=mediator)
    services.dispute_start(dispute=dispute, actor=mediator)
    return Dispute.objects.get(pk=dispute.pk)


def _missing(dispute, **flags) -> list[str]:
    values = {"parties_signed": True, "mediator_signed": True, "sealed": True}
    values.update(flags)
    with pytest.raises(DomainError) as refused:
        services.agreement_finalise(
            dispute=dispute,
            actor=user("wutong_mediator"),
            signed_on=values.pop("signed_on", timezone.localdate()),
            **values,
        )
    assert refused.value.code == "agreement_incomplete"
    missing = refused.value.details["missing"]
    assert all(part in str(refused.value.message) for part in missing)
    return missing


def test_an_agreement_missing_statutory_elements_cannot_take_effect():
    dispute = _mediating(with_ids=False)
    mediator = user("wutong_mediator")
    services.agreement_save(
        dispute=dispute,
        actor=mediator,
        facts="",
        issues="工资数额",
        responsibilities="",
        terms=[{"content": "公司支付工资", "method": "", "due_on": None}],
    )
    missing = _missing(dispute, parties_signed=False, sealed=False)
    assert missing == [
        "当事人刘*国的身份证号码",
        "纠纷的主要事实",
        "各方责任",
        "第1项的履行方式",
        "第1项的履行期限",
        "当事人签名、盖章或按指印",
        "人民调解委员会印章",
    ]
    dispute = Dispute.objects.get(pk=dispute.pk)
    assert dispute.status == "mediating"
    assert Agreement.objects.get(dispute=dispute).state == "draft"


def test_without_a_draft_or_a_respondent_the_parts_are_named():
    dispute = new_dispute()
    mediator = user("wutong_mediator")
    services.dispute_add_party(
        dispute=dispute,
        actor=mediator,
        side="applicant",
        kind="person",
        name="刘建国",
        id_number=id_number(),
    )
    services.dispute_accept(dispute=dispute, actor=mediator)
    services.dispute_start(dispute=dispute, actor=mediator)
    missing = _missing(dispute)
    assert missing[:2] == ["被申请方当事人", "纠纷的主要事实"]
    assert "协议内容" in missing


def test_a_complete_agreement_takes_effect_and_performance_leads_to_follow_up(outbox):
    dispute = _mediating()
    agreement = complete_agreement(dispute, due_on=timezone.localdate() + timedelta(days=7))
    assert agreement.number.startswith("XY" + str(timezone.localdate().year))
    finalise(dispute)
    dispute = Dispute.objects.get(pk=dispute.pk)
    assert (dispute.status, dispute.outcome) == ("agreed", "agreement")
    assert dispute.agreement.effective_on == timezone.localdate()
    assert len(outbox("mediation_agreement")) == 2
    with pytest.raises(DomainError):
        complete_agreement(dispute)  # in force: no more drafting
    first, second = dispute.agreement.terms.order_by("position")
    mediator = user("wutong_mediator")
    services.term_record_performance(term=first, actor=mediator, performed_on=timezone.localdate())
    assert Dispute.objects.get(pk=dispute.pk).status == "agreed"
    with pytest.raises(DomainError) as refused:
        services.term_record_performance(
            term=first, actor=mediator, performed_on=timezone.localdate()
        )
    assert refused.value.code == "term_performed"
    services.term_record_performance(term=second, actor=mediator, performed_on=timezone.localdate())
    dispute = Dispute.objects.get(pk=dispute.pk)
    assert dispute.status == "performed"
    services.dispute_follow_up(
        dispute=dispute, actor=mediator, satisfaction="satisfied", note="工资已全部到账"
    )
    assert Dispute.objects.get(pk=dispute.pk).status == "followed_up"


def test_overdue_terms_are_visible():
    dispute = dispute_in("mediating")
    complete_agreement(dispute, due_on=timezone.localdate() - timedelta(days=1))
    finalise(dispute, signed_on=timezone.localdate())
    from pingan.mediation import selectors

    overdue = list(selectors.overdue_terms(user("wutong_mediator")))
    assert [t.position for t in overdue] == [1, 2]
    assert overdue[0].is_overdue(timezone.localdate())


def test_the_word_file_reads_back_with_the_number_and_the_terms(login_client):
    dispute = dispute_in("mediating")
    agreement = complete_agreement(dispute)
    answer = login_client("wutong_mediator").get(f"/mediation/{dispute.pk}/agreement.docx")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"{agreement.number}.docx" in answer["Content-Disposition"]
    document = Document(io.BytesIO(answer.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert agreement.number in text
    assert "公司支付工资 46 万元" in text and "银行转账至工人账户" in text
    assert "班组长支付余款 10 万元" in text
    assert "一式 3 份" in text
    assert "人民调解委员会" in text and "（印章）" in text
    assert "签名、盖章或按指印" in cells and "人民调解员（签名）" in cells
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


def test_the_api_serves_the_same_word_file(client):
    dispute = dispute_in("mediating")
    agreement = complete_agreement(dispute)
    client.force_login(user("wutong_mediator"))
    answer = client.get(f"/api/v1/mediation/disputes/{dispute.pk}/agreement.docx")
    assert answer.status_code == 200
    assert agreement.number in "\n".join(
        p.text for p in Document(io.BytesIO(answer.content)).paragraphs
    )


def test_the_print_page_is_a4_without_inline_styles(login_client):
    dispute = dispute_in("mediating")
    agreement = complete_agreement(dispute)
    page = login_client("wutong_mediator").get(f"/mediation/{dispute.pk}/agreement/print/")
    body = page.content.decode()
    assert page.status_code == 200
    assert agreement.number in body and "css/mediation-print.css" in body
    assert "style=" not in body and "<style" not in body and "<script>" not in body
    from django.contrib.staticfiles import finders

    with open(finders.find("css/mediation-print.css"), encoding="utf-8") as css:
        assert "@page { size: A4" in css.read()


def test_a_signing_date_in_the_future_is_refused():
    dispute = dispute_in("mediating")
    complete_agreement(dispute)
    with pytest.raises(DomainError) as refused:
        finalise(dispute, signed_on=timezone.localdate() + timedelta(days=1))
    assert refused.value.code == "invalid_signed_on"
    assert Dispute.objects.get(pk=dispute.pk).status == "mediating"
