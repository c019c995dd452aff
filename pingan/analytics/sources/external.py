"""Figures imported from other systems (刑事发案, 民商事案件, 安全事故), already monthly."""

from pingan.analytics.models import ExternalFigure
from pingan.analytics.sources import Fact, Source


def collect(start, end):
    figures = ExternalFigure.objects.filter(month__gte=start, month__lt=end).values_list(
        "month", "region__code", "kind", "value"
    )
    for month, region_code, kind, value in figures:
        if value:
            yield Fact(month, region_code, f"external.{kind}", "", value)


SOURCE = Source(
    name="external",
    measures=("external.criminal", "external.civil", "external.accident"),
    collect=collect,
)
