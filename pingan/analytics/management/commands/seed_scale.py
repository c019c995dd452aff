"""`python manage.py seed_scale --cases 1000000 --scans 10000000`: generated records at the
scale the dashboards must bear, with progress bars, then the monthly figures counted."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from pingan.analytics import scale
from pingan.analytics.rollup import count_scan_days, rollup
from pingan.analytics.sources import all_sources
from pingan.org.models import Region


class Command(BaseCommand):
    help = "Generate work orders at scale (for benchmarks) and count them for the dashboards."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=1_000_000)
        parser.add_argument("--scans", type=int, default=0, help="code scans (e.g. 10000000)")
        parser.add_argument("--months", type=int, default=36)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-rollup", action="store_true")

    def handle(self, *args, cases, scans, months, seed, no_rollup, **options):
        if cases < 0 or scans < 0 or months < 1:
            raise CommandError("--cases and --scans must be ≥ 0 and --months ≥ 1")
        if not Region.objects.exists():
            raise CommandError("Run `python manage.py seed_demo` first: the regions are missing.")
        with tqdm(total=cases, desc="work orders", unit="rows", file=self.stdout) as bar:
            scale.generate_cases(cases, months=months, seed=seed, progress=bar.update)
        if scans:
            with tqdm(total=scans, desc="code scans", unit="rows", file=self.stdout) as bar:
                scale.generate_scans(scans, months=months, seed=seed, progress=bar.update)
        if no_rollup:
            return
        if scans:
            count_scan_days(recount=True)
        start, end = scale.window(months)
        sources = all_sources()
        with tqdm(
            total=len(sources), desc="monthly figures", unit="source", file=self.stdout
        ) as bar:
            rollup(start=start, end=end, sources=sources, progress=lambda *_: bar.update(1))
