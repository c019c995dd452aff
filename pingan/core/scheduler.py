"""Periodic jobs: a small registry and one loop, `python manage.py run_scheduler`.

    # pingan/<app>/jobs.py  (imported by the scheduler, like admin.py is by the admin)
    @periodic("notify.deliver_due", every=timedelta(minutes=1))
    def sweep_outbox(): ...

Why not celery-beat: the platform has no broker. Background work is Django Tasks stored in the
database (django-tasks-db), and celery-beat needs Celery and a broker beside it. APScheduler keeps
its state per process unless given a job store and still lets two processes run the same job.
What is needed is small: for each job, "is it due?" and "am I the one to run it?", both
answered by one row per job (core.ScheduledJobRun) that every scheduler process shares. So more
than one scheduler may run (a restart overlapping the old process, or one per app server) and
each job still runs once per interval, never twice at the same time.

A job holds its row's lease while it runs; a scheduler that dies mid-job leaves the lease to
expire after the job's timeout, after which another may run it. Jobs must therefore tolerate
being run again after a crash, which the sweeps here do by design.
"""

import logging
import os
import secrets
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

logger = logging.getLogger("pingan.scheduler")

DEFAULT_TIMEOUT = timedelta(minutes=10)


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    func: Callable[[], object]
    timeout: timedelta


@dataclass(frozen=True)
class Outcome:
    name: str
    ok: bool
    summary: str


_registry: dict[str, Job] = {}


def periodic(name: str, every: timedelta, *, timeout: timedelta | None = None):
    """Register the decorated function to run every `every`. `timeout` (default 10 minutes, or
    `every` if longer) is how long a run may hold the job before it is presumed dead."""
    if every <= timedelta(0):
        raise ImproperlyConfigured(f"periodic job {name!r}: `every` must be positive")

    def decorator(func):
        job = Job(name=name, every=every, func=func, timeout=timeout or max(every, DEFAULT_TIMEOUT))
        existing = _registry.get(name)
        if existing is not None and _path(existing.func) != _path(func):
            raise ImproperlyConfigured(f"periodic job {name!r} is registered twice")
        _registry[name] = job
        return func

    return decorator


def _path(func) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def autodiscover() -> None:
    """Import every installed app's `jobs` module, which registers its jobs."""
    autodiscover_modules("jobs")


def registered_jobs() -> list[Job]:
    return sorted(_registry.values(), key=lambda job: job.name)


def new_owner() -> str:
    """An id for one scheduler process, recorded on the rows it holds."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"[:100]


def run_due(*, owner: str | None = None, jobs: Iterable[Job] | None = None) -> list[Outcome]:
    """Run every job that is due and not held by another scheduler; return what ran."""
    owner = owner or new_owner()
    outcomes = []
    for job in jobs if jobs is not None else registered_jobs():
        if not _claim(job, owner):
            continue
        try:
            result = job.func()
        except Exception as exc:
            # One broken job must not stop the others or the loop; the row keeps the error.
            logger.exception("periodic job %s failed", job.name)
            outcome = Outcome(job.name, False, f"{exc.__class__.__name__}: {exc}")
        else:
            outcome = Outcome(job.name, True, "" if result is None else str(result))
        _finish(job, owner, outcome)
        outcomes.append(outcome)
    return outcomes


def _claim(job: Job, owner: str) -> bool:
    from pingan.core.models import ScheduledJobRun

    ScheduledJobRun.objects.get_or_create(name=job.name)
    now = timezone.now()
    # PostgreSQL: the row lock makes a second scheduler wait here and then see the first one's
    # claim. SQLite: the IMMEDIATE transaction takes the database write lock at BEGIN instead.
    with transaction.atomic():
        run = ScheduledJobRun.objects.select_for_update().get(name=job.name)
        if run.locked_until is not None and run.locked_until > now:
            return False
        if run.last_started_at is not None and run.last_started_at + job.every > now:
            return False
        run.last_started_at = now
        run.locked_by = owner
        run.locked_until = now + job.timeout
        run.last_status = ScheduledJobRun.RUNNING
        run.save(update_fields=["last_started_at", "locked_by", "locked_until", "last_status"])
    return True


def _finish(job: Job, owner: str, outcome: Outcome) -> None:
    from pingan.core.models import ScheduledJobRun

    ScheduledJobRun.objects.filter(name=job.name, locked_by=owner).update(
        last_finished_at=timezone.now(),
        last_status=ScheduledJobRun.OK if outcome.ok else ScheduledJobRun.ERROR,
        last_summary=outcome.summary[:2000],
        locked_by="",
        locked_until=None,
    )
