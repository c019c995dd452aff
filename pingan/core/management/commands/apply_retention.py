"""`manage.py apply_retention [--dry-run] [--policy NAME]`: run the retention policies now."""

from django.core.management.base import BaseCommand, CommandError

from pingan.core import retention


class Command(BaseCommand):
    help = (
        "Delete or anonymise personal data past its retention period (the same work as the "
        "hourly scheduler job core.retention). --dry-run only counts what is due."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="count what is due, change nothing"
        )
        parser.add_argument(
            "--policy", action="append", metavar="NAME", help="only this policy (repeatable)"
        )

    def handle(self, *args, dry_run=False, policy=None, **options):
        chosen = retention.policies()
        if policy:
            known = {p.name for p in chosen}
            unknown = sorted(set(policy) - known)
            if unknown:
                raise CommandError(
                    f"unknown policy {', '.join(unknown)}; known: {', '.join(sorted(known))}"
                )
            chosen = [p for p in chosen if p.name in policy]
        verb = "due" if dry_run else "done"
        self.stdout.write(f"{'policy':<30} {'setting':<40} {'days':>6} {'action':<10} {verb:>8}")
        total = 0
        for item in chosen:
            rows = retention.due_count(item) if dry_run else retention.run_policy(item)
            total += rows
            self.stdout.write(
                f"{item.name:<30} {item.setting:<40} {item.days:>6} {item.action:<10} {rows:>8}"
            )
        self.stdout.write(f"{'total':<89} {total:>8}")
        if dry_run:
            self.stdout.write("Dry run: nothing was changed and no run was recorded.")
