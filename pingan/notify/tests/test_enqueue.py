"""sms_enqueue writes the message in the caller's transaction and asks for delivery after commit."""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from pingan.core.errors import DomainError
from pingan.notify.delivery import NOT_MOBILE_REASON
from pingan.notify.models import OutboxMessage
from pingan.notify.services import sms_enqueue
from pingan.notify.tests.conftest import PHONE
from pingan.org.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CONTEXT = {"name": "张三", "number": "GD2026112900001"}


def test_rolled_back_transaction_leaves_no_message_and_no_task(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        sms_enqueue(phone=PHONE, template="test.notice", context=CONTEXT)
        raise RuntimeError("the business change failed")
    assert callbacks == []
    assert not OutboxMessage.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_commit_writes_the_message_and_enqueues_its_delivery(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        message = sms_enqueue(phone="+86 138-0013-8000", template="test.notice", context=CONTEXT)
        assert not DBTaskResult.objects.exists(), "the task must wait for the commit"
    assert len(callbacks) == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.PENDING
    assert message.phone == PHONE  # normalised
    assert message.body == "您好张三，您的编号是GD2026112900001。"
    assert message.template_code == "test.notice"
    assert message.idempotency_key
    task = DBTaskResult.objects.get()
    assert task.task_path == "pingan.notify.tasks.deliver_message"
    assert task.args_kwargs["args"] == [message.pk]


def test_phone_and_body_are_encrypted_at_rest():
    message = sms_enqueue(phone=PHONE, template="test.notice", context=CONTEXT)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, body FROM notify_outboxmessage WHERE id = %s", [message.pk])
        phone, body = cursor.fetchone()
    assert PHONE not in phone
    assert "GD2026112900001" not in body


def test_repeated_idempotency_key_returns_the_first_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = sms_enqueue(
            phone=PHONE, template="test.notice", context=CONTEXT, idempotency_key="case:1:received"
        )
        again = sms_enqueue(
            phone=PHONE,
            template="test.notice",
            context={"name": "李四", "number": "X"},
            idempotency_key="case:1:received",
        )
    assert again.pk == first.pk
    assert again.body == first.body
    assert OutboxMessage.objects.count() == 1
    assert len(callbacks) == 1


def test_related_object_is_recorded():
    user = UserFactory()
    message = sms_enqueue(phone=PHONE, template="test.notice", context=CONTEXT, related=user)
    message.refresh_from_db()
    assert message.related == user


def test_empty_phone_sends_nothing():
    assert sms_enqueue(phone="  ", template="test.notice", context=CONTEXT) is None
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("phone", ["12345", "not a phone", "+1 202 555 0100"])
def test_bad_phone_is_a_domain_error_and_writes_nothing(phone, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(DomainError) as caught,
    ):
        sms_enqueue(phone=phone, template="test.notice", context=CONTEXT)
    assert caught.value.code == "invalid_phone"
    assert callbacks == []
    assert not OutboxMessage.objects.exists()


def test_unknown_template_is_a_domain_error_and_writes_nothing():
    with pytest.raises(DomainError) as caught:
        sms_enqueue(phone=PHONE, template="no.such.template", context=CONTEXT)
    assert caught.value.code == "unknown_template"
    assert "no.such.template" in str(caught.value.message)
    assert not OutboxMessage.objects.exists()


def test_missing_placeholder_is_a_domain_error_and_writes_nothing():
    with pytest.raises(DomainError) as caught:
        sms_enqueue(phone=PHONE, template="test.notice", context={"name": "张三"})
    assert caught.value.code == "template_placeholder_missing"
    assert "number" in str(caught.value.message)
    assert not OutboxMessage.objects.exists()


def test_landline_is_kept_but_cancelled_without_failing_the_caller(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = sms_enqueue(phone="0573-88123456", template="test.notice", context=CONTEXT)
    assert message.status == OutboxMessage.CANCELLED
    assert message.last_error == NOT_MOBILE_REASON
    assert callbacks == []
