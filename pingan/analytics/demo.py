"""Demo figures from other systems for every town since January of last year (imported through
the same importer as a real upload, by `admin`), then every source counted for the dashboards.

The criminal cases follow the article's story: this year about 11 % fewer than last year.
"""

import datetime
import random

from django.utils import timezone

from pingan.analytics.importer import external_import, workbook_of
from pingan.analytics.models import ExternalImport
from pingan.analytics.periods import add_months
from pingan.analytics.rollup import count_scan_days, rollup
from pingan.org.models import Region, User

DEMO_FILE = "演示数据-部门报送.xlsx"


def _rows(today: datetime.date) -> list[list]:
    generator = random.Random(330483)
    towns = list(Region.objects.filter(level=Region.Level.TOWN).order_by("code"))
    month = datetime.date(today.year - 1, 1, 1)
    last = today.replace(day=1)  # this month as reported so far
    rows = []
    while month <= last:
        trend = 0.887 if month.year == today.year else 1.0
        for town in towns:
            size = 2.0 if town.code.endswith("001") else 1.0
            rows.append(
                [
                    town.code,
                    town.name,
                    f"{month:%Y-%m}",
                    round(generator.uniform(5, 11) * size * trend),
                    round(generator.uniform(20, 40) * size),
                    generator.choice([0, 0, 0, 1]),
                ]
            )
        month = add_months(month, 1)
    return rows


def seed(stdout=None) -> None:
    today = timezone.localdate()
    admin = User.objects.filter(username="admin").first()
    if admin is not None and not ExternalImport.objects.filter(file_name=DEMO_FILE).exists():
        rows = _rows(today)
        if rows:
            external_import(
                content=workbook_of(rows), file_name=DEMO_FILE, actor=admin, today=today
            )
    rollup(start=datetime.date(today.year - 1, 1, 1), end=add_months(today.replace(day=1), 1))
    count_scan_days(today=today)
