"""The back office: templates editable, the outbox read-only with masked numbers and a retry."""

import pytest
from django.urls import reverse

from pingan.notify.models import MessageTemplate, OptOut, OutboxMessage
from pingan.notify.tests.factories import OutboxMessageFactory, SmsBatchFactory
from pingan.org.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PHONE = "13700001234"


@pytest.fixture
def admin_user_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_template_list_offers_the_registered_defaults(admin_user_client):
    page = admin_user_client.get(reverse("admin:notify_messagetemplate_changelist"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "test.notice" in text
    assert "您好{name}，您的编号是{number}。" in text
    assert "?code=test.notice" in text

    form = admin_user_client.get(reverse("admin:notify_messagetemplate_add") + "?code=test.notice")
    assert form.status_code == 200
    assert "您好{name}，您的编号是{number}。" in form.content.decode()


def test_template_with_an_unknown_placeholder_is_refused_in_the_admin(admin_user_client):
    response = admin_user_client.post(
        reverse("admin:notify_messagetemplate_add"),
        {"code": "test.notice", "name": "测试", "body": "{password}", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "password" in response.content.decode()
    assert not MessageTemplate.objects.exists()

    response = admin_user_client.post(
        reverse("admin:notify_messagetemplate_add"),
        {"code": "test.notice", "name": "测试", "body": "编号{number}", "is_active": "on"},
    )
    assert response.status_code == 302
    assert MessageTemplate.objects.get().body == "编号{number}"


def test_outbox_shows_masked_numbers_and_finds_by_phone(admin_user_client):
    message = OutboxMessageFactory(phone=PHONE, status=OutboxMessage.FAILED)
    OutboxMessageFactory(phone="13900000000")
    url = reverse("admin:notify_outboxmessage_changelist")

    listing = admin_user_client.get(url, {"status__exact": "failed"})
    text = listing.content.decode()
    assert "137****1234" in text
    assert PHONE not in text
    assert "139****0000" not in text

    found = admin_user_client.get(url, {"q": PHONE}).content.decode()
    assert "137****1234" in found
    assert "139****0000" not in found

    detail = admin_user_client.get(reverse("admin:notify_outboxmessage_change", args=[message.pk]))
    assert detail.status_code == 200
    assert "137****1234" in detail.content.decode()
    assert PHONE not in detail.content.decode()


def test_retry_action_requeues_failed_messages_only(admin_user_client):
    failed = OutboxMessageFactory(status=OutboxMessage.FAILED, attempts=3)
    sent = OutboxMessageFactory(status=OutboxMessage.SENT)
    response = admin_user_client.post(
        reverse("admin:notify_outboxmessage_changelist"),
        {"action": "retry_messages", "_selected_action": [failed.pk, sent.pk]},
        follow=True,
    )
    assert response.status_code == 200
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.status, failed.attempts) == (OutboxMessage.PENDING, 0)
    assert sent.status == OutboxMessage.SENT
    text = response.content.decode()
    assert "1 条消息已重新排队发送" in text
    assert "1 条消息不是“发送失败”状态" in text


def test_opt_out_is_added_by_phone_in_the_admin(admin_user_client):
    url = reverse("admin:notify_optout_add")
    bad = admin_user_client.post(url, {"phone": "123", "source": "admin"})
    assert bad.status_code == 200
    assert "手机号码格式不正确" in bad.content.decode()
    assert not OptOut.objects.exists()

    good = admin_user_client.post(url, {"phone": PHONE, "source": "admin"})
    assert good.status_code == 302
    opt_out = OptOut.objects.get()
    assert opt_out.phone_masked == "137****1234"
    listing = admin_user_client.get(reverse("admin:notify_optout_changelist"), {"q": PHONE})
    assert "137****1234" in listing.content.decode()


def test_batches_and_scheduled_jobs_are_listed(admin_user_client):
    SmsBatchFactory(name="防汛提醒", total=3, sent=2, failed=1)
    page = admin_user_client.get(reverse("admin:notify_smsbatch_changelist"))
    assert "防汛提醒" in page.content.decode()
    assert (
        admin_user_client.get(reverse("admin:core_scheduledjobrun_changelist")).status_code == 200
    )
