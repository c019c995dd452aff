"""Periodic jobs run once per interval, however many schedulers are running."""

import threading
import time
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from pingan.core import scheduler
from pingan.core.models import ScheduledJobRun

START = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


def make_job(name="test.job", every=timedelta(minutes=1), func=None, calls=None):
    calls = calls if calls is not None else []
    return scheduler.Job(
        name=name,
        every=every,
        func=func or (lambda: calls.append(name) or len(calls)),
        timeout=timedelta(minutes=10),
    ), calls


@pytest.mark.django_db
def test_a_due_job_runs_once_per_interval(time_machine):
    time_machine.move_to(START, tick=False)
    job, calls = make_job()

    assert [o.name for o in scheduler.run_due(jobs=[job])] == ["test.job"]
    assert scheduler.run_due(jobs=[job]) == []
    time_machine.shift(timedelta(seconds=59))
    assert scheduler.run_due(jobs=[job]) == []
    time_machine.shift(timedelta(seconds=1))
    assert len(scheduler.run_due(jobs=[job])) == 1

    assert calls == ["test.job", "test.job"]
    run = ScheduledJobRun.objects.get(name="test.job")
    assert run.last_status == ScheduledJobRun.OK
    assert run.last_started_at == START + timedelta(minutes=1)
    assert run.last_summary == "2"
    assert (run.locked_by, run.locked_until) == ("", None)


@pytest.mark.django_db
def test_a_job_held_by_another_scheduler_is_left_to_it_until_its_lease_expires(time_machine):
    time_machine.move_to(START, tick=False)
    job, calls = make_job()
    ScheduledJobRun.objects.create(
        name=job.name,
        last_started_at=START - timedelta(hours=1),
        locked_by="other-host:123:abcd",
        locked_until=START + timedelta(minutes=10),
        last_status=ScheduledJobRun.RUNNING,
    )

    assert scheduler.run_due(jobs=[job]) == []
    time_machine.shift(timedelta(minutes=10, seconds=1))  # that scheduler died mid-job
    assert len(scheduler.run_due(jobs=[job])) == 1
    assert calls == ["test.job"]


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_the_others_still_run():
    def broken():
        raise RuntimeError("disk full")

    bad, _ = make_job("test.bad", func=broken)
    good, calls = make_job("test.good")

    outcomes = scheduler.run_due(jobs=[bad, good])

    assert [(o.name, o.ok) for o in outcomes] == [("test.bad", False), ("test.good", True)]
    run = ScheduledJobRun.objects.get(name="test.bad")
    assert run.last_status == ScheduledJobRun.ERROR
    assert run.last_summary == "RuntimeError: disk full"
    assert run.locked_until is None
    assert calls == ["test.good"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_schedulers_run_a_due_job_once():
    calls = []

    def slow():
        calls.append(1)
        time.sleep(0.3)

    job, _ = make_job(func=slow)
    start = threading.Barrier(4)

    def one_scheduler():
        try:
            start.wait()
            scheduler.run_due(jobs=[job])
        finally:
            connection.close()

    threads = [threading.Thread(target=one_scheduler) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert calls == [1]
    assert ScheduledJobRun.objects.get(name=job.name).last_status == ScheduledJobRun.OK


@pytest.mark.django_db
def test_run_scheduler_once_runs_the_registered_jobs(monkeypatch, settings, tmp_path):
    settings.PINGAN_SMS_FILE_PATH = tmp_path / "sms.jsonl"
    job, calls = make_job("test.command")
    monkeypatch.setitem(scheduler._registry, job.name, job)

    out = StringIO()
    call_command("run_scheduler", "--once", stdout=out)

    assert calls == ["test.command"]
    assert "test.command: ok" in out.getvalue()
    # The notify app's sweep is found through its jobs module and runs too.
    assert "notify.deliver_due: ok" in out.getvalue()
    assert ScheduledJobRun.objects.filter(name="notify.deliver_due").exists()

    again = StringIO()
    call_command("run_scheduler", "--once", stdout=again)
    assert calls == ["test.command"]
    assert again.getvalue() == ""


def test_outbox_sweep_is_registered_every_minute():
    scheduler.autodiscover()
    jobs = {job.name: job for job in scheduler.registered_jobs()}
    assert jobs["notify.deliver_due"].every == timedelta(minutes=1)


def test_periodic_refuses_a_bad_interval_and_a_second_job_of_the_same_name(monkeypatch):
    monkeypatch.setattr(scheduler, "_registry", {})
    with pytest.raises(ImproperlyConfigured):
        scheduler.periodic("test.zero", every=timedelta(0))

    @scheduler.periodic("test.once", every=timedelta(hours=1))
    def first():
        return None

    with pytest.raises(ImproperlyConfigured):

        @scheduler.periodic("test.once", every=timedelta(hours=1))
        def second():
            return None

    assert [job.name for job in scheduler.registered_jobs()] == ["test.once"]
    assert scheduler.registered_jobs()[0].timeout == timedelta(hours=1)
