"""Precision and recall of the duplicate search on the labelled pairs (bench/labelled.py).

A pair counts as found when the open case's score, as the duplicate search computes it
(pingan.cases.duplicates.score, the same function find_duplicates uses), reaches the threshold
at which candidates are shown (duplicates.SHOW_AT).
"""

import random
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from bench import corpus, labelled


def demo_villages(rng: random.Random) -> tuple[list[corpus.Village], dict[str, list[str]]]:
    """The demo city's villages (as pingan.org.demo lays them out) with their grids."""
    from pingan.org import demo

    named = [
        (f"330483001{i:03d}", name)
        for i, name in enumerate(demo.WUTONG_VILLAGES + demo.WUTONG_COMMUNITIES, start=1)
    ]
    grids = {code: [f"{code}001", f"{code}002"] for code, _name in named}
    for town_code, names in demo.OTHER_VILLAGES.items():
        named += [(f"{town_code}{i:03d}", name) for i, name in enumerate(names, start=1)]
    return [corpus.Village(rng, code, name) for code, name in named], grids


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, same: bool, found: bool) -> None:
        if same and found:
            self.tp += 1
        elif same:
            self.fn += 1
        elif found:
            self.fp += 1
        else:
            self.tn += 1


def _family(code: str) -> str:
    # The demo tree's codes start with their family's code (labour.wages under labour).
    return code.split(".")[0]


def pair_score(pair: labelled.Pair, now, weights=None) -> tuple[float, list[str], bool]:
    from pingan.cases import duplicates, similarity

    first, second = pair.first, pair.second
    normalized = similarity.normalize(second.description)
    probe = duplicates.Probe(
        grams=similarity.shingles_of_normalized(normalized),
        region_code=second.region_code,
        phone_index=second.phone,
        category_id=second.category,
        family_id=_family(second.category),
        latitude=second.latitude,
        longitude=second.longitude,
        normalized=normalized,
        place_grams=duplicates.place_grams(second.region_code),
    )
    row = duplicates.Row(
        case_id=0,
        grams=similarity.unpack(similarity.pack(similarity.shingles(first.description))),
        region_code=first.region_code,
        family_id=_family(first.category),
        created_at=now - timedelta(days=first.days_ago),
        category_id=first.category,
        phone_index=first.phone,
        latitude=first.latitude,
        longitude=first.longitude,
    )
    return duplicates.score(
        probe,
        row,
        now=now,
        window=duplicates.window_days(),
        nearby=duplicates.nearby_metres(),
        query=similarity.Query(
            probe.grams, weights or similarity.UNIFORM, ignore=probe.place_grams
        ),
    )


def evaluate(pairs: list[labelled.Pair], now, weights=None) -> tuple[Tally, dict[str, Counter]]:
    """The overall tally and, per kind of pair, how many were shown and how many there were."""
    tally, kinds = Tally(), {}
    for pair in pairs:
        _value, _reasons, found = pair_score(pair, now, weights)
        tally.add(pair.same, found)
        kinds.setdefault(pair.kind, Counter())["shown" if found else "not shown"] += 1
    return tally, kinds


def labelled_set(seed: int, generated: int) -> list[labelled.Pair]:
    rng = random.Random(seed)
    villages, grids = demo_villages(rng)
    return labelled.generated_pairs(rng, villages, grids, generated) + labelled.hard_pairs()
