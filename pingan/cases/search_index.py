"""The search entries of cases (CaseSearchEntry), their keys (CaseSearchKey) and the bigram
weights (SearchWeights) that the duplicate search (pingan.cases.duplicates) and the routing
suggestions (pingan.cases.routing) read.

case_create writes a case's entry (index_case). Two periodic jobs keep the rest right:
- cases.search_index (every 5 minutes) gives an entry to any case that came in another way (an
  import, a fixture), keys to recent entries that have none, and drops entries past retention;
- cases.search_weights (hourly) counts, over the newest entries, in how many cases each bigram
  occurs: rare bigrams are names (of places, companies, people), common ones are wording.
"""

import functools
import time
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction

from pingan.cases import clock, similarity
from pingan.cases.models import Case, CaseSearchEntry, CaseSearchKey, Category, SearchWeights
from pingan.core.scheduler import periodic
from pingan.org.models import Region

# Entries are kept this long: the routing history reads a year back, the duplicate search less.
RETENTION_DAYS = 400
WEIGHTS_SAMPLE = 50_000  # the newest entries the weights are counted on
WEIGHTS_TTL = 600  # seconds a process keeps the weights it loaded
KEYS_PER_CASE = 5  # the rarest bigrams of a case that are stored as its keys


def cut(code: str, length: int) -> str:
    """A region code cut to a level (9: town, 12: village), or "" above that level."""
    return code[:length] if len(code) >= length else ""


def family_of(category: Category) -> Category:
    """The root of the category's tree (劳动保障 for 欠薪)."""
    return category.lineage()[-1]


def entry_for(case: Case, family_id: int, region_code: str) -> CaseSearchEntry:
    return CaseSearchEntry(
        case_id=case.pk,
        town_code=cut(region_code, 9),
        village_code=cut(region_code, 12),
        region_code=region_code,
        family_id=family_id,
        shingles=similarity.pack(similarity.shingles(case.description)),
        created_at=case.created_at,
        status=case.status,
        category_id=case.category_id,
        reporter_phone_index=case.reporter_phone_index or "",
        latitude=None if case.latitude is None else float(case.latitude),
        longitude=None if case.longitude is None else float(case.longitude),
    )


@functools.lru_cache(maxsize=2048)
def place_grams(code: str) -> frozenset[str]:
    """Bigrams of the names of the region and the regions above it (桃园村, 梧桐街道, 桐乡市).
    Cached per process: regions are renamed about never, and a restart picks a rename up."""
    prefixes = [code[:n] for n in (6, 9, 12, 15) if n <= len(code)]
    names = Region.objects.filter(code__in=prefixes).values_list("name", flat=True)
    grams = set()
    for name in names:
        grams |= similarity.shingles(name)
        # Callers drop the level: 梧桐 for 梧桐街道, 桃园 for 桃园村.
        for suffix in ("街道", "社区", "镇", "村", "市"):
            if name.endswith(suffix) and len(name) > len(suffix) + 1:
                grams |= similarity.shingles(name.removesuffix(suffix))
    return frozenset(grams)


def keys_for(
    grams: frozenset[str], weights: similarity.Weights, ignore: frozenset[str], count: int
) -> list[str]:
    """The `count` rarest distinctive bigrams (not of the region's own names), rarest first;
    none while too few cases have been counted to tell names from common words."""
    scored = [(weights.distinctive(g), g) for g in grams if g not in ignore]
    scored = [item for item in scored if item[0] > 0]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [g for _weight, g in scored[:count]]


def _keys(entry: CaseSearchEntry, weights: similarity.Weights) -> list[CaseSearchKey]:
    grams = similarity.unpack(entry.shingles)
    return [
        CaseSearchKey(
            entry_id=entry.case_id,
            key=key,
            town_code=entry.town_code,
            created_at=entry.created_at,
        )
        for key in keys_for(grams, weights, place_grams(entry.region_code), KEYS_PER_CASE)
    ]


_UPSERT = {
    "update_conflicts": True,
    "unique_fields": ["case"],
    "update_fields": [
        "town_code",
        "village_code",
        "region_code",
        "family",
        "shingles",
        "created_at",
        "status",
        "category",
        "reporter_phone_index",
        "latitude",
        "longitude",
    ],
}


_ENTRY_COLUMNS = list(CaseSearchEntry._meta.concrete_fields)


def index_case(case: Case) -> None:
    """Write (or rewrite) the case's entry. Called by case_create after the case is saved; a
    service that changes a case's text, place, category or phone calls it again (status
    changes are copied by the database).

    Its keys are left to the periodic job (refresh_index, every few minutes): they are only
    needed once the case is no longer among the newest of its village, which takes days, and
    writing them here would cost every intake five more index insertions.

    One INSERT ... ON CONFLICT written out: this runs in every intake, and bulk_create's
    compilation would cost more than the statement itself.
    """
    entry = entry_for(case, family_of(case.category).pk, case.region.code)
    quote = connection.ops.quote_name
    columns = [quote(f.column) for f in _ENTRY_COLUMNS]
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    values = [f.get_db_prep_save(f.pre_save(entry, True), connection) for f in _ENTRY_COLUMNS]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(CaseSearchEntry._meta.db_table)} ({', '.join(columns)}) "
            f"VALUES ({', '.join(['%s'] * len(columns))}) "
            f"ON CONFLICT ({columns[0]}) DO UPDATE SET {updates}",
            values,
        )


def index_cases(cases, *, batch_size: int = 2000) -> int:
    """Entries for many cases at once; returns how many were written."""
    families, entries = {}, []
    for case in cases:
        if case.category_id not in families:
            families[case.category_id] = family_of(case.category).pk
        entries.append(entry_for(case, families[case.category_id], case.region.code))
    CaseSearchEntry.objects.bulk_create(entries, batch_size=batch_size, **_UPSERT)
    weights = current_weights()
    keys = [key for entry in entries for key in _keys(entry, weights)]
    CaseSearchKey.objects.bulk_create(keys, batch_size=batch_size, ignore_conflicts=True)
    return len(entries)


@periodic("cases.search_index", every=timedelta(minutes=5))
def refresh_index() -> str:
    """Entries for recent cases that have none, keys for recent entries that have none, and
    entries past the retention removed."""
    since = clock.now() - timedelta(days=RETENTION_DAYS)
    missing = (
        Case.objects.filter(created_at__gte=since, search_entry__isnull=True)
        .select_related("category__parent", "region")
        .order_by("id")
    )
    added = 0
    while batch := list(missing[:2000]):
        added += index_cases(batch)
    keyed = key_recent_entries()
    removed, _by_model = CaseSearchEntry.objects.filter(created_at__lt=since).delete()
    return f"indexed {added}, keyed {keyed}, removed {removed}"


_loaded: tuple[float, similarity.Weights] | None = None


def current_weights() -> similarity.Weights:
    """The newest counted weights, loaded at most every WEIGHTS_TTL seconds per process; uniform
    weights until the job has counted once."""
    global _loaded
    if _loaded is None or time.monotonic() - _loaded[0] > WEIGHTS_TTL:
        row = SearchWeights.objects.order_by("-computed_at", "-id").first()
        weights = similarity.Weights(row.cases, row.frequencies) if row else similarity.UNIFORM
        _loaded = (time.monotonic(), weights)
    return _loaded[1]


def forget_weights() -> None:
    """Load the weights again on next use (after a refresh, and between tests)."""
    global _loaded
    _loaded = None


@periodic("cases.search_weights", every=timedelta(hours=1))
def refresh_weights() -> str:
    """Count in how many of the newest cases each bigram occurs."""
    counts: Counter = Counter()
    stored = CaseSearchEntry.objects.order_by("-created_at").values_list("shingles", flat=True)
    cases = 0
    for shingles in stored[:WEIGHTS_SAMPLE].iterator(chunk_size=5000):
        counts.update(shingles.split())
        cases += 1
    with transaction.atomic():
        row = SearchWeights.objects.create(
            computed_at=clock.now(),
            cases=cases,
            # A bigram seen once weighs nearly what an unseen one does: not worth storing.
            frequencies={gram: n for gram, n in counts.items() if n > 1},
        )
        SearchWeights.objects.exclude(pk=row.pk).delete()
    forget_weights()
    keyed = key_recent_entries()
    return f"{cases} cases, {len(row.frequencies)} bigrams, {keyed} entries keyed"


def key_recent_entries(days: int | None = None) -> int:
    """Keys for recent entries that have none: new ones, and those indexed while too few cases
    had been counted to tell names apart. Returns how many entries got keys."""
    weights = current_weights()
    if days is None:
        days = max(60, int(getattr(settings, "PINGAN_DUPLICATE_WINDOW_DAYS", 30)))
    since = clock.now() - timedelta(days=days)
    keyless = CaseSearchEntry.objects.filter(created_at__gte=since, keys__isnull=True).order_by(
        "case_id"
    )
    done, last = 0, 0
    while batch := list(keyless.filter(case_id__gt=last)[:2000]):
        keys = [key for entry in batch for key in _keys(entry, weights)]
        CaseSearchKey.objects.bulk_create(keys, ignore_conflicts=True)
        done += len({key.entry_id for key in keys})
        last = batch[-1].case_id
    return done
