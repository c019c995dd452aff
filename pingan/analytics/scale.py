"""Generated work orders at scale, for the dashboard benchmark (`seed_scale`, bench/dashboard.py).

The rows are shaped like a real city's: most reports in villages, the hotline the biggest
channel, most orders finished within their limits, a few late, reopened or unsatisfied.
"""

import datetime
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from pingan.analytics.periods import add_months
from pingan.analytics.sources import local_midnight
from pingan.cases.models import Case, Category
from pingan.core.bulk import insert_rows, reset_sequences
from pingan.org.models import Region

BATCH = 5000
CHANNELS = {"hotline": 45, "online": 25, "window": 15, "grid": 10, "police": 3, "letter": 2}
KINDS = {
    "consult": 25,
    "help": 15,
    "complaint": 30,
    "report": 8,
    "suggestion": 5,
    "dispute": 10,
    "petition": 2,
    "hazard": 5,
}
SATISFACTION = {"satisfied": 80, "basic": 12, "unsatisfied": 8}
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


class CaseGenerator:
    def __init__(self, *, months: int, seed: int, now=None):
        self.rng = random.Random(seed)
        self.now = now or timezone.now()
        local_now = timezone.localtime(self.now)
        first = add_months(datetime.date(local_now.year, local_now.month, 1), 1 - months)
        self.start = local_midnight(first)
        self.span = (self.now - self.start).total_seconds()
        villages = list(Region.objects.filter(level=Region.Level.VILLAGE))
        towns = list(Region.objects.filter(level=Region.Level.TOWN))
        self.regions = villages * 17 + towns * 3 * max(1, len(villages) // max(1, len(towns)))
        self.categories = list(Category.objects.filter(children__isnull=True, is_active=True))
        if not self.regions or not self.categories:
            raise RuntimeError("seed the regions and categories first (seed_demo)")
        self.channels, self.channel_weights = list(CHANNELS), list(CHANNELS.values())
        self.kinds, self.kind_weights = list(KINDS), list(KINDS.values())
        self.moods, self.mood_weights = list(SATISFACTION), list(SATISFACTION.values())

    def case(self, pk: int) -> Case:
        rng = self.rng
        created = self.start + datetime.timedelta(seconds=rng.random() * self.span)
        age = self.now - created
        region = rng.choice(self.regions)
        case = Case(
            pk=pk,
            number=f"SC{pk:010d}",
            channel=rng.choices(self.channels, self.channel_weights)[0],
            kind=rng.choices(self.kinds, self.kind_weights)[0],
            category=rng.choice(self.categories),
            region=region,
            title="生成的工单",
            description="用于统计基准测试的生成数据",
            anonymous=True,
            query_code_hash="0" * 64,
            created_at=created,
            accepted_at=created,
            clock_started_at=created,
            sign_due_at=created + 24 * HOUR,
            due_at=created + 15 * DAY,
            status="accepted",
        )
        roll = rng.random()
        if roll < 0.03:
            case.status, case.closed_at = "rejected", created + HOUR
            return case
        if roll < 0.05:
            case.status, case.closed_at = "merged", created + 2 * HOUR
            return case
        if roll < 0.15:
            case.status = "resolved_on_spot"
            case.answered_at = case.closed_at = created + HOUR
            case.satisfaction = rng.choices(self.moods, self.mood_weights)[0]
            return case
        signed = created + HOUR * rng.uniform(0.5, 30)
        if signed > self.now:
            return case
        case.status, case.signed_at, case.dispatched_at = "signed", signed, created + 0.2 * HOUR
        answered = signed + DAY * rng.uniform(0.5, 18)
        if answered > self.now or age < 3 * DAY:
            return case
        case.status, case.answered_at = "answered", answered
        closed = answered + DAY * rng.uniform(1, 3)
        if closed > self.now:
            return case
        case.status, case.closed_at = "closed", closed
        case.satisfaction = rng.choices(self.moods, self.mood_weights)[0]
        if case.satisfaction == "unsatisfied" and rng.random() < 0.4:
            case.reopen_count = 1
        return case


def generate_cases(
    count: int, *, months: int = 36, seed: int = 1, progress: Callable[[int], None] | None = None
) -> int:
    """Insert `count` generated work orders spread over the last `months` months."""
    generator = CaseGenerator(months=months, seed=seed)
    first = (Case.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        with transaction.atomic():
            insert_rows(Case, [generator.case(first + done + i) for i in range(size)])
        done += size
        if progress is not None:
            progress(size)
    reset_sequences(Case)
    return done


def window(months: int, now=None) -> tuple[datetime.date, datetime.date]:
    """The months the generated data spans, as a rollup range."""
    local_now = timezone.localtime(now or timezone.now())
    current = datetime.date(local_now.year, local_now.month, 1)
    return add_months(current, 1 - months), add_months(current, 1)


SCAN_RESULTS = (
    ("pass", "green", ""),
    ("deny", "yellow", "status_yellow"),
    ("deny", "red", "status_red"),
    ("deny", "", "bad_format"),
)
SCAN_WEIGHTS = (95, 3, 1, 1)


def scan_checkpoints(count: int = 60):
    """Checkpoints to scan at: the existing ones, plus generated gates in villages."""
    from pingan.passes.models import Checkpoint

    existing = list(Checkpoint.objects.all())
    villages = list(Region.objects.filter(level=Region.Level.VILLAGE).order_by("code"))
    for index in range(max(0, count - len(existing))):
        village = villages[index % len(villages)]
        existing.append(
            Checkpoint.objects.create(
                kind="factory_gate", name=f"生成门岗{index + 1:03d}", region=village
            )
        )
    return existing


def generate_scans(
    count: int, *, months: int = 36, seed: int = 1, progress: Callable[[int], None] | None = None
) -> int:
    """Insert `count` scan-log rows spread over the last `months` months. Written with plain
    executemany of tuples: ten million model instances would take far longer than the
    inserts themselves."""
    from django.db import connection

    from pingan.passes.models import ScanLog

    rng = random.Random(seed)
    now = timezone.now()
    local_now = timezone.localtime(now)
    start = local_midnight(
        add_months(datetime.date(local_now.year, local_now.month, 1), 1 - months)
    )
    span = (now - start).total_seconds()
    checkpoints = [c.pk for c in scan_checkpoints()]
    table = connection.ops.quote_name(ScanLog._meta.db_table)
    columns = ["checkpoint_id", "at", "rid_hash", "code_type", "colour", "result", "reason"]
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
    at_field = ScanLog._meta.get_field("at")
    done = 0
    while done < count:
        size = min(BATCH * 4, count - done)
        rows = []
        for _ in range(size):
            result, colour, reason = rng.choices(SCAN_RESULTS, SCAN_WEIGHTS)[0]
            moment = start + datetime.timedelta(seconds=rng.random() * span)
            rows.append(
                (
                    rng.choice(checkpoints),
                    at_field.get_db_prep_save(moment, connection),
                    f"{rng.getrandbits(64):016x}",
                    "health",
                    colour,
                    result,
                    reason,
                )
            )
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                _copy(cursor, table, names, rows)
            else:
                cursor.executemany(sql, rows)
        done += size
        if progress is not None:
            progress(size)
    return done


def _copy(cursor, table: str, columns: str, rows: list[tuple]) -> None:
    """PostgreSQL's COPY: an executemany of ten million rows takes over an hour there (one
    round trip a row); COPY streams them in minutes."""
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
