"""The written reply: numbered, printable on A4 (@page CSS) and downloadable as Word, with the
petitioners' names masked."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from docx import Document

from pingan.core.models import AuditEntry
from pingan.petitions.tests.factories import act, person, petition_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def replied(city, frozen):
    frozen("2026-04-01 10:00")
    return petition_in("replied", petitioners=[person("张建国"), person("刘长海")], headcount=40)


def test_replies_are_numbered_per_year(replied):
    assert replied.reply_number == "信复〔2026〕0001号"
    second = act(
        "reply",
        petition_in("handling", description="另一件事项：小区噪音"),
        "wutong_handler",
        opinion="已处理",
    )
    assert second.reply_number == "信复〔2026〕0002号"


def test_the_word_document_opens_with_number_and_masked_name(replied, login_client):
    answer = login_client("wutong_handler").get(f"/petitions/{replied.pk}/reply.docx")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    document = Document(io.BytesIO(b"".join(answer.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "信访事项答复意见书" in text
    assert replied.number in text and "信复〔2026〕0001号" in text
    assert "张*国、刘*海等40人：" in text
    assert "张建国" not in text
    assert "已督促施工单位支付工资" in text and "2026年5月1日" in text
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert AuditEntry.objects.filter(action="export", object_id=str(replied.pk)).exists()


def test_the_print_page_is_an_a4_sheet(replied, login_client):
    page = login_client("xinfang_officer").get(f"/petitions/{replied.pk}/reply/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "css/petitions.css" in text and "data-print" in text
    assert "信复〔2026〕0001号" in text and "张*国" in text and "张建国" not in text
    assert "<script>" not in text and "style=" not in text
    css = (Path(settings.BASE_DIR) / "pingan/static/css/petitions.css").read_text()
    assert "@page { size: A4;" in css


def test_no_reply_yet_is_a_clear_refusal(city, login_client):
    petition = petition_in("handling")
    page = login_client("xinfang_officer").get(f"/petitions/{petition.pk}/reply.docx")
    assert page.status_code == 409
    assert "尚未出具答复意见书" in page.content.decode()
