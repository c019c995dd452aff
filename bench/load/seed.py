"""Data for the load run, written into the (empty, migrated) load database.

    python -m bench.load.seed OUT.json [--guards 20] [--holders 300] [--operators 8] [--cases 5000]

The demo city (every app's demo), then what the three mixes need, and OUT.json with what the
locust users need to act (tokens, codes, valid form choices). Tokens are issued through the
platform's own service, so only their hashes are in the database, as in production.

- factory gates: `--guards` guards, each at a gate of his own at the demo factory (恒达纺织),
  `--holders` employees of the factory with green health codes, and a few with red codes and
  with codes that have expired (signed two days ago);
- Safety Day: one officer per town (综治办, ADMIN post at the town: allowed to report the
  town's activities), this month's campaign open, the (kind, category, town, village) choices
  the citizen report form accepts;
- hotline: `--operators` operators with a HOTLINE post over the city, `--cases` open work orders
  from bench/corpus.py (the backlog the duplicate search runs against) with the search index's
  weights computed.
"""

import argparse
import json
import random
import sys
from datetime import timedelta

from bench.db import setup_django

RED = 15
EXPIRED = 15


def _token(user, name: str) -> str:
    from pingan.org.services import token_issue

    _token, raw = token_issue(user=user, name=name)
    return raw


def _account(username: str, name: str, phone: str, posts) -> object:
    from pingan.org.demo import seed_accounts
    from pingan.org.models import User

    seed_accounts([(username, name, phone, posts)])
    return User.objects.get(username=username)


def gates(guards: int, holders: int) -> dict:
    from django.db.models import F
    from django.utils import timezone

    from pingan.health.selectors import health_status_of
    from pingan.org.roles import Role
    from pingan.passes import issuing
    from pingan.passes.models import Checkpoint, CheckpointGuard, CheckpointKind, SigningKey
    from pingan.passes.selectors import current_codes
    from pingan.passes.tests.factories import holder
    from pingan.places import demo as places_demo

    factory = places_demo.factory()
    scanners = []
    for n in range(guards):
        guard = _account(
            f"load_guard{n:02d}",
            f"门岗{n:02d}",
            f"1395731{n:04d}",
            [(Role.GUARD, factory.region.code, None, "企业门岗")],
        )
        gate, _ = Checkpoint.objects.get_or_create(
            kind=CheckpointKind.FACTORY_GATE,
            name=f"恒达纺织{n + 1}号门",
            defaults={"place": factory, "region": factory.region},
        )
        CheckpointGuard.objects.get_or_create(checkpoint=gate, user=guard)
        scanners.append({"token": _token(guard, "load"), "checkpoint": gate.pk})
    green, red, expired = [], [], []
    two_days_ago = timezone.now() - timedelta(days=2)
    # The key of a running platform has signed for weeks; the demo's was made a moment ago, and
    # a code signed "two days ago" by it would be refused as unknown_key instead of expired.
    SigningKey.objects.update(not_before=F("not_before") - timedelta(days=7))
    for i in range(holders + RED):
        colour = "red" if i >= holders else "green"
        person = holder(name=f"压测{i:03d}号", colour=colour, employer=factory)
        payload = current_codes(person)[0]["payload"]
        (red if colour == "red" else green).append(payload)
        if i < EXPIRED:
            old = issuing.health_code(
                person, health_status_of(person), place=None, now=two_days_ago
            )
            expired.append(old["payload"])
    return {"scanners": scanners, "green": green, "red": red, "expired": expired}


def safety_day() -> dict:
    from django.utils import timezone

    from pingan.cases.web.citizen_forms import CITIZEN_KINDS, category_groups, villages_of
    from pingan.org.models import Region
    from pingan.org.roles import Role
    from pingan.safety import services

    campaign = services.campaign_open(month=timezone.localdate())
    towns = list(Region.objects.filter(level=Region.Level.TOWN, is_active=True).order_by("code"))
    officers = []
    for n, town in enumerate(towns):
        officer = _account(
            f"load_officer{n:02d}",
            f"综治办{n:02d}",
            f"1395732{n:04d}",
            [(Role.ADMIN, town.code, None, "综治办")],
        )
        villages = [v.code for v in villages_of(town.code)]
        officers.append({"token": _token(officer, "load"), "town": town.code, "villages": villages})
    choices = []
    for group in category_groups():
        for kind, _icon in CITIZEN_KINDS:
            # The form takes a sub-category when the group has one for the kind, else the group.
            children = [c for c in group.children if c.allows_kind(kind)]
            if children:
                choices += [(kind.value, group.code, c.code) for c in children]
            elif group.category.allows_kind(kind):
                choices.append((kind.value, group.code, ""))
    places = []
    for town in towns:
        places += [(town.code, v.code) for v in villages_of(town.code)]
    return {
        "campaign": campaign.pk,
        "held_on": timezone.localdate().isoformat(),
        "officers": officers,
        "report_choices": choices,
        "report_places": places,
    }


def hotline(operators: int, cases: int) -> dict:
    from django.utils import timezone

    from bench import intake_duplicates
    from pingan.cases import search_index
    from pingan.org.roles import Role

    tokens = []
    for n in range(operators):
        operator = _account(
            f"load_hotline{n:02d}",
            f"话务员{n:02d}",
            f"1395733{n:04d}",
            [(Role.HOTLINE, "330483", None, "12345 话务员")],
        )
        tokens.append(_token(operator, "load"))
    city = intake_duplicates.City(random.Random(9))
    keys = intake_duplicates.build_open_cases(city, cases, timezone.now())
    search_index.refresh_weights()
    return {"tokens": tokens, "reports": _calls(city, sorted(set(keys.values())))}


def _calls(city, known_keys: list, count: int = 2000) -> list[dict]:
    """What callers say: half about a matter already open (another wording: the duplicate
    search should find it), half about a new one."""
    from bench import corpus

    villages = {v.code: v for v in [*city.villages, *city.town_villages.values()]}
    calls = []
    for n in range(count):
        if n % 2 and known_keys:
            topic, village, entity = city.rng.choice(known_keys)
            matter = corpus.matter_of(villages[village], corpus.TOPIC_BY_CODE[topic], entity)
        else:
            matter = city.matter()
        category, kind = corpus.category_for(city.rng, corpus.TOPIC_BY_CODE[matter.topic])
        calls.append(
            {
                "channel": "hotline",
                "kind": kind,
                "category": category,
                "region": city.region_for(matter).code,
                "description": corpus.write(city.rng, matter),
                "reporter_phone": f"13{city.rng.randrange(5, 10)}{city.rng.randrange(10**8):08d}",
            }
        )
    return calls


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load.seed")
    parser.add_argument("out")
    parser.add_argument("--guards", type=int, default=20)
    parser.add_argument("--holders", type=int, default=300)
    parser.add_argument("--operators", type=int, default=8)
    parser.add_argument("--cases", type=int, default=5000)
    args = parser.parse_args(argv)
    if args.holders + RED > 999:
        parser.error("--holders: at most 984 (the test factory's ID numbers repeat after 999)")
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from pingan.core import audit

    call_command("seed_demo", quiet=True)
    with audit.acting_as(None):
        fixtures = {
            "gates": gates(args.guards, args.holders),
            "safety": safety_day(),
            "hotline": hotline(args.operators, args.cases),
        }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum does after a load
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(fixtures, handle, ensure_ascii=False)
    print(
        f"seeded: {len(fixtures['gates']['scanners'])} guards, "
        f"{len(fixtures['gates']['green'])} green / {len(fixtures['gates']['red'])} red / "
        f"{len(fixtures['gates']['expired'])} expired codes, "
        f"{len(fixtures['safety']['officers'])} town officers, "
        f"{len(fixtures['safety']['report_choices'])} report choices, "
        f"{len(fixtures['hotline']['tokens'])} operators, {args.cases} open cases"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
