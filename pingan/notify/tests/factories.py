import factory

from pingan.notify.models import OutboxMessage, SmsBatch


class SmsBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SmsBatch

    name = factory.Sequence(lambda n: f"测试群发{n}")


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    """A queued message written directly, as a bulk send will; single messages in tests go
    through services.sms_enqueue instead."""

    class Meta:
        model = OutboxMessage

    phone = factory.Sequence(lambda n: f"137{n:08d}")
    body = "测试短信"
    template_code = "test.notice"
    idempotency_key = factory.Sequence(lambda n: f"test-{n}")
