"""Dashboards at scale: `python -m bench dashboard [--cases 1000000] [--small 100000]
[--scans-per-case 10]`.

Target (DESIGN.md): the dashboard at 1,000,000 work orders and 10,000,000 scans costs ≤ 2 × one
raw aggregate query over the same rows, and ten times the data costs at most ten times the time.
The run seeds the regions and categories, generates `--small` work orders (and ten scans per work
order), counts them into the monthly figures, times the dashboard and the raw query; then grows
the data to `--cases` and times both again. The raw query is the GROUP BY over the work orders
(the smaller table, so the stricter baseline); the one over the scans is printed beside it.
"""

import argparse
import statistics
import time

from bench.db import throwaway_database


def _median_seconds(func, repeat: int) -> float:
    func()  # warm: the first call pays for imports and cold caches
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        func()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def measure(repeat: int) -> dict:
    """Median seconds of the city's dashboard for this year, and of one raw GROUP BY over the
    work orders that dashboard summarises (this year and last, for 同比)."""
    from django.db import connection
    from django.utils import timezone

    from pingan.analytics import dashboard
    from pingan.analytics.periods import YEAR, Period
    from pingan.analytics.sources import local_midnight
    from pingan.cases.models import Case
    from pingan.org.models import Region

    city = Region.objects.get(code="330483")
    period = Period.current(YEAR, timezone.localdate()).to_date(timezone.localdate())
    first, end = local_midnight(period.year_ago().start), local_midnight(period.end)
    table = connection.ops.quote_name(Case._meta.db_table)
    sql = (
        f"SELECT channel, COUNT(*) FROM {table} "
        "WHERE created_at >= %s AND created_at < %s GROUP BY channel"
    )

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(sql, [first, end])
            return cursor.fetchall()

    from pingan.passes.models import ScanLog

    scan_table = connection.ops.quote_name(ScanLog._meta.db_table)
    scan_sql = (
        f"SELECT result, COUNT(*) FROM {scan_table} WHERE at >= %s AND at < %s GROUP BY result"
    )

    def raw_scans():
        with connection.cursor() as cursor:
            cursor.execute(scan_sql, [first, end])
            return cursor.fetchall()

    rows = sum(count for _channel, count in raw())
    return {
        "dashboard": _median_seconds(lambda: dashboard.build(city, period), repeat),
        "raw": _median_seconds(raw, repeat),
        "raw_scans": _median_seconds(raw_scans, max(1, repeat // 2)),
        "rows": rows,
        "scan_rows": sum(count for _result, count in raw_scans()),
        "cases": Case.objects.count(),
    }


def grow_to(total: int, *, months: int, seed: int, out, scans_per_case: int = 0) -> float:
    from pingan.analytics import scale
    from pingan.analytics.rollup import count_scan_days, rollup
    from pingan.cases.models import Case
    from pingan.passes.models import ScanLog

    began = time.perf_counter()
    missing = total - Case.objects.count()
    if missing > 0:
        scale.generate_cases(missing, months=months, seed=seed)
    missing_scans = total * scans_per_case - ScanLog.objects.count()
    if missing_scans > 0:
        scale.generate_scans(missing_scans, months=months, seed=seed)
    generated = time.perf_counter() - began
    start, end = scale.window(months)
    began = time.perf_counter()
    rollup(start=start, end=end)
    if scans_per_case:
        count_scan_days(recount=True)
    counted = time.perf_counter() - began
    out(
        f"  {total:,} work orders, {total * scans_per_case:,} scans: "
        f"generated in {generated:.1f} s, counted in {counted:.1f} s"
    )
    return counted


def run(
    *, cases: int, small: int, months: int, repeat: int, seed: int, scans_per_case=0, out=print
) -> dict:
    from pingan.cases.demo import seed_categories
    from pingan.org import demo as org_demo

    org_demo.seed()
    seed_categories()
    results = {}
    for size in (small, cases):
        grow_to(size, months=months, seed=seed + size, out=out, scans_per_case=scans_per_case)
        figures = measure(repeat)
        results[size] = figures
        out(
            f"  dashboard {figures['dashboard'] * 1000:.1f} ms; raw aggregate over "
            f"{figures['rows']:,} rows {figures['raw'] * 1000:.1f} ms; "
            f"ratio {figures['dashboard'] / figures['raw']:.2f} (target ≤ 2); raw aggregate "
            f"over {figures['scan_rows']:,} scans {figures['raw_scans'] * 1000:.1f} ms"
        )
    growth = results[cases]["dashboard"] / results[small]["dashboard"]
    out(
        f"{cases / small:.0f}× the data: dashboard {growth:.2f}× the time "
        f"(target ≤ {cases / small:.0f}); raw aggregate "
        f"{results[cases]['raw'] / results[small]['raw']:.2f}×"
    )
    return {"results": results, "growth": growth}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench dashboard")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scans-per-case", type=int, default=10)
    options = parser.parse_args(argv)
    began = time.perf_counter()
    with throwaway_database():
        run(
            cases=options.cases,
            small=options.small,
            months=options.months,
            repeat=options.repeat,
            seed=options.seed,
            scans_per_case=options.scans_per_case,
        )
    print(f"total {time.perf_counter() - began:.0f} s")
    return 0
