"""Reporting periods: a month, a quarter or a year, with the period before (环比) and the same
period a year earlier (同比). Written out here because the arithmetic is three lines per case
and the labels are Chinese reporting conventions no date library knows."""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from pingan.core.errors import DomainError

MONTH, QUARTER, YEAR = "month", "quarter", "year"
NATURAL_LENGTH = {MONTH: 1, QUARTER: 3, YEAR: 12}
_PATTERNS = [
    (re.compile(r"^(\d{4})-(\d{2})$"), MONTH),
    (re.compile(r"^(\d{4})Q([1-4])$"), QUARTER),
    (re.compile(r"^(\d{4})$"), YEAR),
]
EARLIEST_YEAR = 2000


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    kind: str
    start: datetime.date  # the first day of its first month
    length: int  # in months

    @classmethod
    def parse(cls, text: str) -> "Period":
        text = (text or "").strip().upper()
        for pattern, kind in _PATTERNS:
            match = pattern.match(text)
            if not match:
                continue
            year = int(match.group(1))
            if year < EARLIEST_YEAR or year > datetime.date.today().year + 1:
                break
            if kind == MONTH:
                month = int(match.group(2))
                if not 1 <= month <= 12:
                    break
                return cls(MONTH, datetime.date(year, month, 1), 1)
            if kind == QUARTER:
                return cls(QUARTER, datetime.date(year, 3 * int(match.group(2)) - 2, 1), 3)
            return cls(YEAR, datetime.date(year, 1, 1), 12)
        raise DomainError(
            "invalid_period", _("统计期间格式不正确：应为 2026-03、2026Q1 或 2026 这样的形式")
        )

    @classmethod
    def current(cls, kind: str = MONTH, today: datetime.date | None = None) -> "Period":
        today = today or datetime.date.today()
        if kind == YEAR:
            return cls(YEAR, datetime.date(today.year, 1, 1), 12)
        if kind == QUARTER:
            return cls(QUARTER, datetime.date(today.year, (today.month - 1) // 3 * 3 + 1, 1), 3)
        return cls(MONTH, datetime.date(today.year, today.month, 1), 1)

    @property
    def end(self) -> datetime.date:
        """The first day after the period (after its months that have begun, when partial)."""
        return add_months(self.start, self.length)

    @property
    def months(self) -> list[datetime.date]:
        return [add_months(self.start, i) for i in range(self.length)]

    @property
    def last_month(self) -> datetime.date:
        return add_months(self.start, self.length - 1)

    @property
    def partial(self) -> bool:
        """A quarter or year still running, cut to the months that have begun."""
        return self.length < NATURAL_LENGTH[self.kind]

    def to_date(self, today: datetime.date) -> "Period":
        """The period cut at the current month, so that a running year is compared with the
        same months of the year before, not with the whole of it."""
        current = datetime.date(today.year, today.month, 1)
        if not (self.start <= current < self.end):
            return self
        elapsed = (current.year - self.start.year) * 12 + current.month - self.start.month + 1
        return Period(self.kind, self.start, elapsed)

    def previous(self) -> "Period":
        """环比: the period before, over the same number of months."""
        return Period(self.kind, add_months(self.start, -NATURAL_LENGTH[self.kind]), self.length)

    def year_ago(self) -> "Period":
        """同比: the same period one year earlier."""
        return Period(self.kind, add_months(self.start, -12), self.length)

    @property
    def code(self) -> str:
        if self.kind == MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == QUARTER:
            return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @property
    def label(self) -> str:
        text = self._label()
        if self.partial:
            text += _("（%(a)d—%(b)d月）") % {"a": self.start.month, "b": self.last_month.month}
        return text

    def _label(self) -> str:
        if self.kind == MONTH:
            return _("%(y)d年%(m)d月") % {"y": self.start.year, "m": self.start.month}
        if self.kind == QUARTER:
            return _("%(y)d年第%(q)d季度") % {
                "y": self.start.year,
                "q": (self.start.month - 1) // 3 + 1,
            }
        return _("%(y)d年") % {"y": self.start.year}

    def __str__(self):
        return self.code
