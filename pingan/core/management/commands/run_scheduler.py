"""Run the periodic jobs (core.scheduler): loop forever, or `--once` for tests and cron."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, close_old_connections

from pingan.core import scheduler


class Command(BaseCommand):
    help = "Run due periodic jobs (outbox sweep, deadline sweeps...); safe to run several at once."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run what is due, then exit")
        parser.add_argument(
            "--interval",
            type=float,
            default=10.0,
            help="Seconds between looks for due jobs (default 10)",
        )

    def handle(self, *args, once=False, interval=10.0, **options):
        self.verbosity = options.get("verbosity", 1)
        scheduler.autodiscover()
        owner = scheduler.new_owner()
        if once:
            self._tick(owner)
            return
        self.running = True
        # Finish the job in hand on SIGTERM/Ctrl-C, then stop: a job cut off mid-way would hold
        # its lease until the timeout.
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        names = ", ".join(job.name for job in scheduler.registered_jobs()) or "-"
        self.stdout.write(f"Scheduler {owner} running jobs: {names}")
        while self.running:
            close_old_connections()
            try:
                self._tick(owner)
            except (OperationalError, InterfaceError) as exc:
                # The database restarting or out of reach: look again at the next interval
                # instead of exiting, which would stop every periodic job until someone noticed.
                # A job cut off here keeps its lease until its timeout, then runs again.
                self.stderr.write(f"Database unavailable, trying again: {exc}".strip())
            close_old_connections()
            slept = 0.0
            while self.running and slept < interval:
                time.sleep(min(0.5, interval - slept))
                slept += 0.5

    def _tick(self, owner: str) -> None:
        outcomes = scheduler.run_due(owner=owner)
        for outcome in outcomes:
            style = self.style.SUCCESS if outcome.ok else self.style.ERROR
            self.stdout.write(style(f"{outcome.name}: {'ok' if outcome.ok else 'error'}"))
            if outcome.summary:
                self.stdout.write(f"  {outcome.summary}")
        if not outcomes and self.verbosity >= 2:
            self.stdout.write("No job due.")

    def _stop(self, signum, frame):
        self.running = False
