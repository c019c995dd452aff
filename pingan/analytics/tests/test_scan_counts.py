"""Scans are counted once per finished day and added to their month, so the scan-log purge
(21 days by default) never takes the figures with it."""

import datetime

from pingan.analytics import dashboard
from pingan.analytics.periods import Period
from pingan.analytics.rollup import count_scan_days
from pingan.analytics.sources import local_midnight
from pingan.org.models import Region
from pingan.passes.models import Checkpoint, ScanLog
from pingan.passes.services.checkpoints import scans_purge


def _scan(checkpoint, day: datetime.date, result="pass", colour="green"):
    ScanLog.objects.create(
        checkpoint=checkpoint,
        at=local_midnight(day) + datetime.timedelta(hours=8),
        result=result,
        colour=colour,
        reason="" if result == "pass" else "not_allowed_here",
    )


def test_days_are_counted_once_and_survive_the_purge(city):
    village = Region.objects.get(code="330483001010")
    gate = Checkpoint.objects.create(kind="factory_gate", name="测试门岗", region=village)
    for day in (1, 1, 2, 30):
        _scan(gate, datetime.date(2026, 10, day))
    _scan(gate, datetime.date(2026, 11, 1), result="deny", colour="red")
    _scan(gate, datetime.date(2026, 11, 2), result="deny", colour="")  # garbage: no colour

    assert count_scan_days(today=datetime.date(2026, 11, 2)) == 32  # 1 Oct to 1 Nov
    assert count_scan_days(today=datetime.date(2026, 11, 2)) == 0  # nothing twice
    # The purge (21 days) removes October's rows; the figures stay.
    purged = scans_purge(now=local_midnight(datetime.date(2026, 11, 21)))
    assert purged == 4 and ScanLog.objects.count() == 2
    assert count_scan_days(today=datetime.date(2026, 11, 3)) == 1

    wutong = Region.objects.get(code="330483001")
    today = datetime.date(2026, 11, 29)
    october = dashboard.build(wutong, Period.parse("2026-10"), today=today)
    assert october.figure("passes.scans").value == 4
    assert october.figure("passes.green").value == 4
    november = dashboard.build(wutong, Period.parse("2026-11"), today=today)
    assert november.figure("passes.scans").value == 2
    assert november.figure("passes.denied").value == 2
    assert november.figure("passes.red").value == 1
    tudian = Region.objects.get(code="330483103")
    assert (
        dashboard.build(tudian, Period.parse("2026-11"), today=today).figure("passes.scans").value
        == 0
    )


def test_generated_scans_are_counted_by_month(city):
    from pingan.analytics import scale
    from pingan.analytics.models import MonthlyFact

    count_scan_days(recount=True)  # nothing to count yet
    scale.generate_scans(300, months=3, seed=5)
    assert ScanLog.objects.count() == 300
    count_scan_days(recount=True, today=datetime.date(2099, 1, 1))
    counted = sum(
        MonthlyFact.objects.filter(measure="passes.scans").values_list("value", flat=True)
    )
    assert counted == 300
