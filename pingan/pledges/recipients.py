"""A pledge's signers as recipients of a bulk SMS (a thank-you, a reminder of the rules)."""

from pingan.notify.bulk import Source
from pingan.pledges import selectors


def _choices(user) -> list[tuple]:
    return [
        (str(p.pk), f"《{p.title}》签署人", p.region)
        for p in selectors.pledges_visible_to(user).order_by("-created_at")[:100]
    ]


def _rows(ref: str, after: int, limit: int) -> list[tuple]:
    return selectors.signers(int(ref), after=after, limit=limit)


def _count(ref: str) -> int:
    return selectors.signer_count(int(ref))


SOURCE = Source(code="pledge", choices=_choices, rows=_rows, count=_count)
