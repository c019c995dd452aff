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


@task()
def queue_bulk_batch(batch_id: int) -> int:
    """Write a bulk batch's messages into the outbox (enqueued when the batch is created).

    If it is lost or the worker stops halfway, the scheduler's sweep (jobs.queue_bulk) resumes
    the batch from the last chunk written; running both at once writes nothing twice.
    """
    from pingan.notify import bulk

    return bulk.queue_batch(batch_id)
