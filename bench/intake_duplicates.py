"""Intake with the duplicate search against 100,000 open cases, and the search's quality.

    python -m bench intake_duplicates [--cases 100000] [--intakes 200] [--pairs 400]
                                      [--queries 400] [--seed 1]

1. Builds the open cases (inserted in batches, spread over the demo city's villages and towns,
   created over the last 40 days, in every open status) with their search entries, then runs
   the search index's periodic jobs (bigram weights, keys) as the scheduler would.
2. Times `--intakes` intakes through case_create without the duplicate search (and without
   writing its index entry) and as many with it (find_duplicates, then case_create writing the
   entry), alternating one of each so that both see the same database. Target: ≤ 1.3.
3. Precision and recall on the labelled pairs (bench/labelled.py), scored as the search scores.
4. Precision and recall of find_duplicates itself against the 100,000 cases: reports of a
   matter that has an open case (the search should show it) and of matters that have none.
"""

import argparse
import contextlib
import random
import statistics
import time
from datetime import timedelta
from unittest import mock

from bench import corpus, quality
from bench.db import throwaway_database
from pingan.core import pii

TARGET = 1.3
# The mix of open statuses (weights), roughly a hotline's backlog.
STATUSES = {
    "accepted": 30,
    "dispatched": 20,
    "signed": 38,
    "paused": 3,
    "returned": 4,
    "reopened": 2,
    "new": 3,
}
DAYS = 40  # cases are spread over this many days back


class City:
    """The demo city's regions, categories and default departments, loaded once."""

    def __init__(self, rng: random.Random):
        from pingan.cases import selectors
        from pingan.cases.models import Category
        from pingan.org.models import Region

        self.rng = rng
        self.regions = {r.code: r for r in Region.objects.all()}
        self.categories = {c.code: c for c in Category.objects.select_related("parent")}
        villages = [r for r in self.regions.values() if r.level == Region.Level.VILLAGE]
        self.villages = [corpus.Village(rng, v.code, v.name) for v in villages]
        self.towns = [r for r in self.regions.values() if r.level == Region.Level.TOWN]
        self.town_villages = {
            t.code: corpus.Village(rng, t.code, t.name) for t in self.towns
        }  # matters placed only at the town level
        self.grids = {}
        for region in self.regions.values():
            if region.level == Region.Level.GRID:
                self.grids.setdefault(region.code[:12], []).append(region.code)
        self._departments = {}
        self._default = selectors.default_department

    def department(self, category, region):
        key = (category.pk, region.code[:9])
        if key not in self._departments:
            self._departments[key] = self._default(category, region)
        return self._departments[key]

    def matter(self) -> corpus.Matter:
        """A new matter: mostly in a village, some placed only in a town."""
        if self.rng.random() < 0.85:
            return corpus.new_matter(self.rng, self.rng.choice(self.villages))
        town = self.rng.choice(self.towns)
        return corpus.new_matter(self.rng, self.town_villages[town.code])

    def region_for(self, matter: corpus.Matter):
        grids = self.grids.get(matter.village_code)
        if grids and self.rng.random() < 0.4:
            return self.regions[self.rng.choice(grids)]
        return self.regions[matter.village_code]


def _phone(rng: random.Random) -> str:
    return f"13{rng.randrange(5, 10)}{rng.randrange(10**8):08d}"


def _generated_phone(raw: str) -> str:
    """What pii.normalize_phone makes of a number from _phone (itself), without phonenumbers'
    millisecond of parsing, which would make 100,000 rows take minutes to build."""
    if len(raw) == 11 and raw.isdigit() and raw[:2] == "13":
        return raw
    return pii.normalize_phone(raw)


@contextlib.contextmanager
def _fast_phones(rng: random.Random):
    for _sample in range(20):
        phone = _phone(rng)
        assert pii.normalize_phone(phone) == _generated_phone(phone) == phone
    with mock.patch.dict(pii.NORMALIZERS, {"phone": _generated_phone}):
        yield


def build_open_cases(city: City, count: int, now) -> dict[int, tuple]:
    """`count` open cases with their search entries; returns case id -> matter key."""
    from django.db import transaction

    from pingan.cases import search_index
    from pingan.cases.models import Case, CaseSearchEntry
    from pingan.core.bulk import insert_rows, reset_sequences

    statuses = list(STATUSES)
    weights = list(STATUSES.values())
    keys: dict[int, tuple] = {}
    batch: list[tuple[Case, tuple]] = []
    first_id = (Case.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    families = {}

    def flush():
        cases = [case for case, _key in batch]
        insert_rows(Case, cases)
        entries = []
        for case, key in batch:
            keys[case.pk] = key
            if case.category_id not in families:
                families[case.category_id] = search_index.family_of(case.category).pk
            # (_insert ran the blind index's pre_save, which set case.reporter_phone_index.)
            entry = search_index.entry_for(case, families[case.category_id], case.region.code)
            entries.append(entry)
        insert_rows(CaseSearchEntry, entries)
        batch.clear()

    with _fast_phones(city.rng), transaction.atomic():
        for index in range(count):
            batch.append(_new_case(city, first_id + index, now, statuses, weights))
            if len(batch) >= 5000:
                flush()
        if batch:
            flush()
        reset_sequences(Case)
    return keys


def _new_case(city: City, pk: int, now, statuses, weights) -> tuple:
    """An open case (not saved) and the key of its matter."""
    from pingan.cases.models import Case

    rng = city.rng
    matter = city.matter()
    topic = corpus.TOPIC_BY_CODE[matter.topic]
    category_code, kind = corpus.category_for(rng, topic)
    category = city.categories[category_code]
    region = city.region_for(matter)
    created = now - timedelta(seconds=rng.uniform(60, DAYS * 86400))
    status = rng.choices(statuses, weights)[0]
    description = corpus.write(rng, matter)
    case = Case(
        pk=pk,
        number=f"BK{pk:08d}",
        channel="hotline",
        kind=kind,
        category=category,
        region=region,
        title=description[:30],
        description=description,
        status=status,
        reporter_phone=_phone(rng),
        query_code_hash="0" * 64,
        created_at=created,
        accepted_at=None if status == "new" else created,
    )
    if status not in ("new", "accepted"):
        case.department = city.department(category, region)
        case.dispatched_at = created + timedelta(hours=1)
    return case, matter.key


def _report(city: City, matter: corpus.Matter) -> dict:
    category, kind = corpus.category_for(city.rng, corpus.TOPIC_BY_CODE[matter.topic])
    return {
        "channel": "hotline",
        "kind": kind,
        "category": city.categories[category],
        "region": city.region_for(matter),
        "description": corpus.write(city.rng, matter),
        "reporter_phone": _phone(city.rng),
    }


def time_intakes(
    city: City, count: int, matters: list[corpus.Matter], keys: dict, *, warmup: int = 20
):
    """Seconds per intake without and with the duplicate search, measured alternately. The
    cases made are added to `keys`."""
    from pingan.cases import duplicates, services
    from pingan.org.models import User

    actor = User.objects.get(username="hotline")
    plain, searched = [], []

    def without(report):
        with mock.patch.object(duplicates, "index_case", lambda case: None):
            started = time.perf_counter()
            case, _code = services.case_create(actor=actor, **report)
            took = time.perf_counter() - started
        duplicates.index_case(case)  # not timed: later searches should see it like the rest
        return case, took

    def with_search(report):
        started = time.perf_counter()
        duplicates.find_duplicates(
            description=report["description"],
            region=report["region"],
            reporter_phone=report["reporter_phone"],
            category=report["category"],
        )
        case, _code = services.case_create(actor=actor, **report)
        return case, time.perf_counter() - started

    for index in range(warmup + count):
        first, second = (without, with_search) if index % 2 == 0 else (with_search, without)
        took = {}
        for run in (first, second):
            matter = city.rng.choice(matters)
            case, took[run] = run(_report(city, matter))
            keys[case.pk] = matter.key
        if index >= warmup:
            plain.append(took[without])
            searched.append(took[with_search])
    return plain, searched


def retrieval_quality(city: City, keys: dict[int, tuple], matters, queries: int, now):
    """find_duplicates against the whole database: half the reports are of a matter with an
    open case in the window, half of a new matter in the same village."""
    from pingan.cases import duplicates
    from pingan.cases.models import Case

    since = now - timedelta(days=duplicates.window_days())
    recent = set(Case.objects.filter(created_at__gte=since).values_list("pk", flat=True))
    open_keys = {keys[pk] for pk in recent if pk in keys}
    known = [m for m in matters.values() if m.key in open_keys]
    shown = right = with_match = found = 0
    for index in range(queries):
        matter = city.rng.choice(known) if index % 2 == 0 else city.matter()
        report = _report(city, matter)
        results = duplicates.find_duplicates(
            description=report["description"],
            region=report["region"],
            reporter_phone=report["reporter_phone"],
            category=report["category"],
        )
        hits = [r for r in results if keys.get(r.case.pk) == matter.key]
        shown += len(results)
        right += len(hits)
        if matter.key in open_keys:
            with_match += 1
            found += bool(hits)
    tally = quality.Tally(tp=right, fp=shown - right)
    return tally, found / with_match if with_match else 1.0, shown / queries


def _analyze() -> None:
    """Table statistics, as PostgreSQL's autovacuum keeps them after a load; without them the
    planner guesses at a table it believes empty. SQLite is left as deployed (no ANALYZE)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _ms(values) -> str:
    mean, median = statistics.mean(values) * 1000, statistics.median(values) * 1000
    return f"{mean:.2f} ms (median {median:.2f})"


def run(*, cases: int, intakes: int, pairs: int, seed: int, queries: int, out=print) -> dict:
    """The whole benchmark on the current (throwaway) database; returns the figures."""
    from django.utils import timezone

    from pingan.cases import search_index
    from pingan.cases.demo import seed_categories
    from pingan.org import demo

    rng = random.Random(seed)
    demo.seed()
    seed_categories()
    city = City(rng)
    now = timezone.now()

    started = time.perf_counter()
    keys = build_open_cases(city, cases, now)
    out(f"built {len(keys)} open cases in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    out(f"weights: {search_index.refresh_weights()} in {time.perf_counter() - started:.1f} s")
    _analyze()

    villages = {v.code: v for v in [*city.villages, *city.town_villages.values()]}
    matters = {
        key: corpus.matter_of(villages[key[1]], corpus.TOPIC_BY_CODE[key[0]], key[2])
        for key in set(keys.values())
    }
    # Matters of the intakes: half already in the database, half new.
    sample = rng.sample(sorted(matters), min(len(matters), 2000))
    intake_matters = [matters[k] for k in sample]
    intake_matters += [city.matter() for _ in range(len(intake_matters))]

    plain, searched = time_intakes(city, intakes, intake_matters, keys)
    ratio = statistics.mean(searched) / statistics.mean(plain)
    median_ratio = statistics.median(searched) / statistics.median(plain)
    out(f"intake without duplicate search: {_ms(plain)}")
    out(f"intake with duplicate search:    {_ms(searched)}")
    verdict = "ok" if ratio <= TARGET else "OVER TARGET"
    out(
        f"ratio (with / without): {ratio:.2f} (medians {median_ratio:.2f}); "
        f"target <= {TARGET}: {verdict}"
    )

    labelled = quality.labelled_set(seed, pairs)
    tally, kinds = quality.evaluate(labelled, now, search_index.current_weights())
    out(
        f"labelled pairs ({len(labelled)}): precision {tally.precision:.3f}, "
        f"recall {tally.recall:.3f}  (tp {tally.tp}, fp {tally.fp}, fn {tally.fn}, tn {tally.tn})"
    )
    for kind, counter in kinds.items():
        out(f"    {kind}: shown {counter['shown']} of {counter['shown'] + counter['not shown']}")

    found_tally, recall, per_query = retrieval_quality(city, keys, matters, queries, now)
    out(
        f"search against {len(keys)} cases ({queries} reports): precision "
        f"{found_tally.precision:.3f}, recall {recall:.3f}, {per_query:.2f} shown per report"
    )
    return {
        "ratio": ratio,
        "median_ratio": median_ratio,
        "pair_precision": tally.precision,
        "pair_recall": tally.recall,
        "search_precision": found_tally.precision,
        "search_recall": recall,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench intake_duplicates")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--intakes", type=int, default=200)
    parser.add_argument("--pairs", type=int, default=400, help="generated labelled pairs")
    parser.add_argument("--queries", type=int, default=400, help="reports searched at scale")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with throwaway_database():
        started = time.perf_counter()
        figures = run(
            cases=args.cases,
            intakes=args.intakes,
            pairs=args.pairs,
            seed=args.seed,
            queries=args.queries,
        )
        print(f"total {time.perf_counter() - started:.0f} s")
    return 0 if figures["ratio"] <= TARGET else 1
