"""`seed_scale` and the dashboard benchmark's pieces, on tiny data (the timings themselves are
never asserted; see bench/README.md)."""

import io

from django.core.management import call_command

from pingan.analytics import dashboard
from pingan.analytics.periods import YEAR, Period
from pingan.cases.models import Case
from pingan.org.models import Region
from pingan.passes.models import ScanLog


def test_seed_scale_generates_and_counts(city):
    out = io.StringIO()
    call_command("seed_scale", cases=300, scans=400, months=2, stdout=out)
    assert Case.objects.filter(number__startswith="SC").count() == 300
    assert ScanLog.objects.count() == 400
    assert "work orders" in out.getvalue()
    city_region = Region.objects.get(code="330483")
    board = dashboard.build(city_region, Period.current(YEAR))
    generated = Case.objects.exclude(status="merged").filter(
        created_at__year=Period.current(YEAR).start.year
    )
    assert board.figure("cases.received").value == generated.count()


def test_dashboard_benchmark_runs(city):
    from bench import dashboard as bench_dashboard

    lines = []
    result = bench_dashboard.run(
        cases=200, small=20, months=2, repeat=1, seed=3, scans_per_case=2, out=lines.append
    )
    assert set(result["results"]) == {20, 200}
    assert any("ratio" in line for line in lines)
