"""Duplicate search at intake: open cases that are probably the same matter, each with a score
(0..1) and its reasons in Chinese ("描述相似度 0.82", "同一来电号码", "同一村社区", "3 天内").
The dispatcher decides; nothing is merged here.

Fast at 100,000 open cases because the database hands over a few dozen candidates, in one
statement of index reads on the search entries (pingan.cases.search_index), all open and within
the window (30 days unless PINGAN_DUPLICATE_WINDOW_DAYS says otherwise): the caller's cases; the
newest of the same category family in the village (in the town, for a report placed only in a
town); and, through the keys (the rarest bigrams of each case: the names it mentions), older
cases of the town that name the same place or company. Python then scores them:

- the text similarity of normalised bigrams (pingan.cases.similarity): the wording, and the
  distinctive bigrams (the names of places, companies and people) that the two share;
- plus bonuses for the same caller, the same place (grid, village, or within
  PINGAN_DUPLICATE_NEARBY_METRES when both have coordinates) and the same category;
- less a little for age, and less when the categories are of different families.

The same idea as FixMyStreet's "nearby reports" (state, age and category filters, distance, a row
limit), with text similarity added because a hotline call has words rather than a map pin.
"""

import math
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext as _

from pingan.cases import clock, similarity
from pingan.cases.models import Case, CaseSearchEntry, CaseSearchKey, Category
from pingan.cases.search_index import current_weights, cut, family_of, keys_for, place_grams
from pingan.cases.search_index import index_case as index_case  # case_create calls it from here
from pingan.cases.workflow import OPEN
from pingan.core.errors import DomainError
from pingan.core.fields import blind_index_for
from pingan.org.models import Department, Region

DEFAULT_WINDOW_DAYS = 30
DEFAULT_NEARBY_METRES = 300

# Scoring: the text similarity, plus or minus these. Chosen on the development seed of the
# labelled set and of the search at scale (bench/README.md has the precision and recall).
PHONE_BONUS = 0.10  # the same caller again
PLACE_BONUS = 0.05  # the same grid or village, or within the nearby distance
CATEGORY_BONUS = 0.10  # the same category (a sibling in the same family: half)
FAMILY_PENALTY = 0.10  # categories of different families (劳动保障 vs 物业管理)
AGE_PENALTY = 0.05  # taken off in full at the end of the window, in proportion before
MIN_TEXT = 0.20  # below this similarity of the descriptions nothing else makes a duplicate
# A candidate is shown from this score up: when the two texts could be compared by the names
# they mention (pingan.cases.similarity), and when they could not (a report naming nothing, or
# too few cases counted yet to tell names from common words), where the wording alone scores
# lower for the same resemblance.
SHOW_AT = 0.62
SHOW_AT_WORDING_ONLY = 0.33

# How many candidates each index read may hand over (newest first).
CAPS = {"keys": 20, "phone": 10, "village_family": 20, "town_family": 20}
# The report's keys looked up: its rarest names, each found in at most KEY_SHARE of the cases
# (rarer than that, a key's cases are few enough to read them all).
QUERY_KEYS = 4
KEY_SHARE = 0.001


@dataclass(frozen=True)
class DuplicateCandidate:
    case: Case
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Probe:
    """What is known about the report being taken in."""

    grams: frozenset[str]
    region_code: str = ""
    phone_index: str = ""
    category_id: int | None = None
    family_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    normalized: str = ""  # the normalised text (for naming the shared names in the reasons)
    place_grams: frozenset[str] = frozenset()  # bigrams of the region's own names
    keys: tuple[str, ...] = ()  # its rarest names, looked up in the search keys


class Row(NamedTuple):
    """A candidate as the index holds it (a tuple: hundreds are made per search)."""

    case_id: int
    grams: frozenset[str]
    region_code: str
    family_id: int | None
    created_at: datetime
    category_id: int | None = None
    phone_index: str = ""
    latitude: float | None = None
    longitude: float | None = None


class Facts(NamedTuple):
    """What a score was made of, turned into reasons only for the candidates shown."""

    text: float
    same_phone: bool
    place: str  # "grid", "village", "near" or ""
    metres: float | None
    same_category: bool
    age_days: float


def window_days() -> int:
    return int(getattr(settings, "PINGAN_DUPLICATE_WINDOW_DAYS", DEFAULT_WINDOW_DAYS))


def nearby_metres() -> int:
    return int(getattr(settings, "PINGAN_DUPLICATE_NEARBY_METRES", DEFAULT_NEARBY_METRES))


# --- scoring ------------------------------------------------------------------------------------


def _metres(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance (haversine); good to a few metres at a town's scale."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def _place(probe: Probe, row: Row, nearby: int) -> tuple[str, float | None]:
    """Whether the two are in one place: ("near", metres), ("grid"|"village", None) or ("", _)."""
    if None not in (probe.latitude, probe.longitude, row.latitude, row.longitude):
        metres = _metres(probe.latitude, probe.longitude, row.latitude, row.longitude)
        if metres <= nearby:
            return "near", metres
    a, b = probe.region_code, row.region_code
    if len(a) == 15 and a == b:
        return "grid", None
    if len(a) >= 12 and a[:12] == b[:12]:
        return "village", None
    return "", None


def shown(value: float, *, named: bool) -> bool:
    """Whether a candidate with this score is shown (`named`: compared by names too)."""
    return value >= (SHOW_AT if named else SHOW_AT_WORDING_ONLY)


def weigh(
    probe: Probe, row: Row, *, now: datetime, window: int, nearby: int, text: float
) -> tuple[float, Facts | None]:
    """The score (0..1) of a candidate whose text similarity is `text`, and what it is made of
    (None below MIN_TEXT: nothing else makes a duplicate of an unlike text)."""
    if text < MIN_TEXT:
        return 0.0, None
    value = text
    same_phone = bool(probe.phone_index) and probe.phone_index == row.phone_index
    if same_phone:
        value += PHONE_BONUS
    place, metres = _place(probe, row, nearby)
    if place:
        value += PLACE_BONUS
    same_category = probe.category_id is not None and probe.category_id == row.category_id
    if same_category:
        value += CATEGORY_BONUS
    elif probe.family_id is not None and row.family_id is not None:
        value += CATEGORY_BONUS / 2 if probe.family_id == row.family_id else -FAMILY_PENALTY
    age_days = max(0.0, (now - row.created_at).total_seconds() / 86400)
    value -= AGE_PENALTY * min(1.0, age_days / max(window, 1))
    value = round(max(0.0, min(1.0, value)), 2)
    return value, Facts(text, same_phone, place, metres, same_category, age_days)


def reasons(facts: Facts, names: list[str] = ()) -> list[str]:
    """The reasons, in Chinese, in the order a dispatcher weighs them."""
    said = [_("描述相似度 %(s)s") % {"s": f"{facts.text:.2f}"}]
    if names:
        said.append(_("都提到「%(names)s」") % {"names": "、".join(names[:3])})
    if facts.same_phone:
        said.append(_("同一来电号码"))
    if facts.place == "near":
        said.append(_("相距 %(m)s 米") % {"m": round(facts.metres)})
    elif facts.place == "grid":
        said.append(_("同一网格"))
    elif facts.place == "village":
        said.append(_("同一村社区"))
    if facts.same_category:
        said.append(_("同一事项分类"))
    said.append(_("%(n)s 天内") % {"n": max(1, math.ceil(facts.age_days))})
    return said


def score(
    probe: Probe,
    row: Row,
    *,
    now: datetime,
    window: int,
    nearby: int,
    query: similarity.Query | None = None,
) -> tuple[float, list[str], bool]:
    """The score (0..1) of one candidate, its reasons, and whether it would be shown: what
    find_duplicates computes, as a pure function (the benchmark's labelled pairs use it).
    `query` is the probe's text with its weights (uniform weights if not given)."""
    query = query or similarity.Query(probe.grams, ignore=probe.place_grams)
    wording, names = query.parts(row.grams)
    text = similarity.combine(wording, names)
    value, facts = weigh(probe, row, now=now, window=window, nearby=nearby, text=text)
    if facts is None:
        return 0.0, [], False
    said = reasons(facts, query.shared_names(probe.normalized, row.grams))
    return value, said, shown(value, named=names is not None)


# --- the probe ------------------------------------------------------------------------------------


def _as_float(value) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(Decimal(str(value)))
    except (ArithmeticError, ValueError):
        raise DomainError("invalid_location", _("坐标不正确"), status=422) from None
    if not math.isfinite(number):
        raise DomainError("invalid_location", _("坐标不正确"), status=422)
    return number


def _probe(
    *, description, region, reporter_phone, category, latitude, longitude, phone_index=""
) -> Probe:
    if isinstance(region, str):
        code = region.strip()
        region = Region.objects.filter(code=code).first() if code else None
        if code and region is None:
            raise DomainError(
                "unknown_region", _("未知的区划代码：%(code)s") % {"code": code}, status=422
            )
    if isinstance(category, str):
        code = category.strip()
        category = (
            Category.objects.select_related("parent").filter(code=code).first() if code else None
        )
        if code and category is None:
            raise DomainError(
                "unknown_category", _("未知的事项分类：%(code)s") % {"code": code}, status=422
            )
    if reporter_phone and not phone_index:
        phone_index = blind_index_for("phone", reporter_phone.strip())
    lat, lon = _as_float(latitude), _as_float(longitude)
    if (lat is None) != (lon is None) or (
        lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)
    ):
        raise DomainError("invalid_location", _("坐标不正确"), status=422)
    normalized = similarity.normalize(description or "")
    grams = similarity.shingles_of_normalized(normalized)
    places = place_grams(region.code) if region is not None else frozenset()
    weights = current_weights()
    # Rare enough that a key's cases are few: distinctive weight >= log(DISTINCTIVE_SHARE /
    # KEY_SHARE) means found in at most KEY_SHARE of the counted cases.
    floor = math.log(similarity.DISTINCTIVE_SHARE / KEY_SHARE)
    keys = [
        key
        for key in keys_for(grams, weights, places, QUERY_KEYS)
        if weights.distinctive(key) >= floor
    ]
    return Probe(
        grams=grams,
        region_code=region.code if region is not None else "",
        phone_index=phone_index,
        category_id=category.pk if category is not None else None,
        family_id=family_of(category).pk if category is not None else None,
        latitude=lat,
        longitude=lon,
        normalized=normalized,
        place_grams=places,
        keys=tuple(keys),
    )


# --- the candidates -----------------------------------------------------------------------------


def _reads(probe: Probe) -> list[tuple[str, list, int]]:
    """The index reads for this probe: (condition on the entries, its parameters, how many of
    the newest)."""
    town, village = cut(probe.region_code, 9), cut(probe.region_code, 12)
    family = probe.family_id
    reads = []
    if probe.phone_index:
        reads.append(("e.reporter_phone_index = %s", [probe.phone_index], CAPS["phone"]))
    # The newest of the same family in the village, or in the town for a report placed only
    # in a town; older ones, and those in the town's other villages, come through the keys if
    # they name the same place or company. A report placed only at the city level has its
    # phone and its keys (city-wide) to go by.
    if village and family:
        condition = "e.village_code = %s AND e.family_id = %s"
        reads.append((condition, [village, family], CAPS["village_family"]))
    elif town and family:
        condition = "e.town_code = %s AND e.family_id = %s"
        reads.append((condition, [town, family], CAPS["town_family"]))
    return reads


def _moment(value) -> datetime:
    # SQLite hands back text (UTC), PostgreSQL an aware datetime.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# The open statuses written into the statement's text rather than bound (seven parameters fewer
# in each of its parts): they are the workflow's own constants, checked to be plain words.
if not all(status.isidentifier() for status in OPEN):
    raise ImproperlyConfigured("cases.workflow.OPEN: statuses must be plain identifiers")
_OPEN_SQL = ", ".join(f"'{status}'" for status in sorted(OPEN))


def _candidate_rows(probe: Probe, *, since: datetime, exclude_id=None) -> list[tuple]:
    """The rows the index reads hand over (a case may come more than once): the entry's
    columns, then the case's listed columns (for those that will be shown).

    One statement on the entries alone: each read is a subquery (newest first, limited) and
    they are joined with UNION ALL. Written as SQL because the ORM cannot put LIMIT inside a
    UNION on SQLite, and five separate queries would cost five round trips and five
    compilations per search.
    """
    reads = _reads(probe)
    if not reads and not probe.keys:
        return []
    entry = connection.ops.quote_name(CaseSearchEntry._meta.db_table)
    common = f" AND e.created_at >= %s AND e.status IN ({_OPEN_SQL})"
    common_params = [connection.ops.adapt_datetimefield_value(since)]
    if exclude_id is not None:
        common += " AND e.case_id <> %s"
        common_params.append(int(exclude_id))
    columns = (
        "e.case_id, e.shingles, e.region_code, e.family_id, e.created_at, e.category_id, "
        "e.reporter_phone_index, e.latitude, e.longitude"
    )
    parts, params = [], []
    for index, (condition, values, cap) in enumerate(reads):
        parts.append(
            f"SELECT * FROM (SELECT {columns} FROM {entry} e WHERE {condition}{common} "
            f"ORDER BY e.created_at DESC LIMIT {int(cap)}) r{index}"
        )
        params += [*values, *common_params]
    if probe.keys:
        # Older reports naming the same place or company: through the keys, in the same town.
        # A case matching two keys comes twice; the caller keeps the first.
        # CROSS JOIN makes SQLite start from the keys (a few rows) rather than from the town's
        # entries; for PostgreSQL it is an inner join like any other.
        keys = connection.ops.quote_name(CaseSearchKey._meta.db_table)
        town = cut(probe.region_code, 9)
        where = f"k.key IN ({', '.join(['%s'] * len(probe.keys))})"
        where += (
            " AND k.town_code = %s AND k.created_at >= %s" if town else " AND k.created_at >= %s"
        )
        parts.append(
            f"SELECT * FROM (SELECT {columns} FROM {keys} k "
            f"CROSS JOIN {entry} e WHERE e.case_id = k.entry_id AND {where}{common} "
            f"ORDER BY e.created_at DESC LIMIT {int(CAPS['keys'])}) rk"
        )
        params += [*probe.keys, *([town] if town else []), common_params[0], *common_params]
    listed, _names, _converters = _loader(connection)
    case = connection.ops.quote_name(Case._meta.db_table)
    sql = (
        f"SELECT u.*, {listed} FROM ({' UNION ALL '.join(parts)}) u "
        f"JOIN {case} c ON c.id = u.case_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _row(found: tuple, grams: frozenset[str]) -> Row:
    pk, _stored, region_code, family_id, created_at, category_id, phone, lat, lon = found[:9]
    return Row(
        pk,
        grams,
        region_code,
        family_id,
        _moment(created_at),
        category_id,
        phone,
        lat,
        lon,
    )


def candidates(probe: Probe, *, since: datetime, exclude_id=None) -> list[Row]:
    """The open cases since `since` that the index reads hand over, each once."""
    rows: dict[int, Row] = {}
    for found in _candidate_rows(probe, since=since, exclude_id=exclude_id):
        if found[0] not in rows:
            rows[found[0]] = _row(found, similarity.unpack(found[1]))
    return list(rows.values())


# --- the search -----------------------------------------------------------------------------------


# What a list of candidates shows; the rest of a case (its description, clocks and answer, and
# the reporter's name and phone, which would have to be decrypted) loads if and when read.
_LISTED = (
    "id",
    "number",
    "channel",
    "kind",
    "category",
    "region",
    "title",
    "urgent",
    "status",
    "department",
    "due_at",
    "merged_into",
    "created_at",
)
_DEFERRED = frozenset(f.name for f in Case._meta.concrete_fields) - set(_LISTED)
_loaders: dict = {}


def _loader(using) -> tuple[str, list[str], list]:
    """The listed columns of a case (as `c.<column>`), their attribute names, and per column the
    converters the ORM would apply: worked out once per database."""
    if using.alias not in _loaders:
        fields = [f for f in Case._meta.concrete_fields if f.name not in _DEFERRED]
        table = Case._meta.db_table
        columns = ", ".join(f"c.{using.ops.quote_name(f.column)}" for f in fields)
        converters = []
        for f in fields:
            column = f.get_col(table)
            functions = f.get_db_converters(using) + using.ops.get_db_converters(column)
            converters.append((column, functions))
        _loaders[using.alias] = (columns, [f.attname for f in fields], converters)
    return _loaders[using.alias]


def _case_from(values: tuple) -> Case:
    """A case (with the listed fields; the rest deferred) from its columns in a candidate row.
    Made here rather than by a second query: the search runs at every intake, and a queryset
    for a handful of rows cost it a third of its time."""
    _columns, names, converters = _loader(connection)
    converted = []
    for value, (column, functions) in zip(values, converters, strict=True):
        for convert in functions:
            value = convert(value, column, connection)
        converted.append(value)
    return Case.from_db(connection.alias, names, converted)


def _visible(ids: list[int], user) -> set[int]:
    from pingan.cases.selectors import cases_visible_to

    return set(cases_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


REFERENCE_TTL = 60  # seconds a process keeps regions, categories and departments it loaded
_references: dict = {}


def forget_references(**_kwargs) -> None:
    """Drop the per-process copy of regions, categories and departments: on any save or
    delete of one of them in this process (other processes wait for REFERENCE_TTL)."""
    _references.clear()


for _model in (Region, Category, Department):
    for _signal in (post_save, post_delete):
        _signal.connect(
            forget_references, sender=_model, dispatch_uid=f"duplicates-refs-{_model.__name__}"
        )


def _attach_references(cases) -> None:
    """Give the cases their region, category and department from a per-process copy of those
    small tables (edited rarely, by admins: a change shows within REFERENCE_TTL seconds),
    which costs less than joining three tables into the query on every search."""
    now = time.monotonic()
    for name in ("region", "category", "department"):
        field = Case._meta.get_field(name)
        loaded_at, by_id = _references.get(name, (0.0, None))
        if by_id is None or now - loaded_at > REFERENCE_TTL:
            by_id = field.related_model.objects.in_bulk()
            _references[name] = (now, by_id)
        for case in cases:
            value = getattr(case, field.attname)
            if value is not None and value in by_id:
                field.set_cached_value(case, by_id[value])


def search(
    probe: Probe, *, now=None, exclude_id=None, limit: int = 5, user=None
) -> list[DuplicateCandidate]:
    now = now or clock.now()
    window, nearby = window_days(), nearby_metres()
    if not probe.grams:
        return []
    query = similarity.Query(probe.grams, current_weights(), ignore=probe.place_grams)
    scored, seen = [], set()
    for found in _candidate_rows(probe, since=now - timedelta(days=window), exclude_id=exclude_id):
        if found[0] in seen:
            continue
        seen.add(found[0])
        # The text first: most candidates stop here, before anything else is worked out.
        if query.cannot_match(found[1]):
            continue
        grams = similarity.unpack(found[1])
        wording, names = query.parts(grams, found[1])
        text = similarity.combine(wording, names)
        if text < MIN_TEXT:
            continue
        row = _row(found, grams)
        value, facts = weigh(probe, row, now=now, window=window, nearby=nearby, text=text)
        if shown(value, named=names is not None):
            scored.append((value, row.created_at, row, facts, found))
    if not scored:
        return []
    # Best first; of equal scores the earlier case, which is the likelier main case.
    scored.sort(key=lambda item: (-item[0], item[1], item[2].case_id))
    if user is not None:
        visible = _visible([item[2].case_id for item in scored[: limit * 3]], user)
        scored = [item for item in scored if item[2].case_id in visible]
    scored = scored[:limit]
    cases = [_case_from(found[9:]) for *_, found in scored]
    _attach_references(cases)
    return [
        DuplicateCandidate(
            case=case,
            score=value,
            reasons=reasons(facts, query.shared_names(probe.normalized, row.grams)),
        )
        for case, (value, _at, row, facts, _found) in zip(cases, scored, strict=True)
    ]


def find_duplicates(
    *,
    description: str,
    region=None,
    reporter_phone: str = "",
    category=None,
    latitude=None,
    longitude=None,
    exclude_id=None,
    now=None,
    limit: int = 5,
    user=None,
) -> list[DuplicateCandidate]:
    """Open cases that are probably the same matter as this report, best first.

    `region` and `category` may be objects or codes (DomainError 422 for unknown codes), the
    phone is compared through its blind index (DomainError for a malformed one), coordinates
    come in pairs. With `user`, only cases that user may see are returned.
    """
    probe = _probe(
        description=description,
        region=region,
        reporter_phone=reporter_phone,
        category=category,
        latitude=latitude,
        longitude=longitude,
    )
    return search(probe, now=now, exclude_id=exclude_id, limit=limit, user=user)


def duplicates_of(case: Case, *, user=None, now=None, limit: int = 5) -> list[DuplicateCandidate]:
    """Open cases that are probably the same matter as an existing case (not itself). Its
    reporter's phone is compared by its stored blind index, never decrypted."""
    probe = _probe(
        description=case.description,
        region=case.region,
        reporter_phone="",
        category=case.category,
        latitude=case.latitude,
        longitude=case.longitude,
        phone_index=case.reporter_phone_index,
    )
    return search(probe, now=now, exclude_id=case.pk, limit=limit, user=user)
