"""Background tasks of the notify app (Django Tasks, run by `manage.py db_worker`)."""

from django.tasks import task

from pingan.notify import delivery


@task()
def deliver_message(message_id: int) -> dict:
    """Deliver one outbox message right after the transaction that wrote it commits.

    Only a shortcut: if this task is lost or runs late, the periodic sweep sends the message.
    Running it twice, or after the sweep, does nothing (the message is no longer due).
    """
    return delivery.deliver_one(message_id).as_dict()
