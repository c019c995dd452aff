"""`make load`: the platform on gunicorn and PostgreSQL under the loads people really produce.

    python -m bench.load.run [--mixes gates,safety,hotline] [--seconds 60] [--workers 4]
                             [--gates-users 150] [--safety-users 30] [--hotline-users 40]
                             [--port 8104] [--markdown FILE] [--keep-database]

1. Creates the PostgreSQL database LOAD_DATABASE_URL names (default pingan_load on
   127.0.0.1; dropped first if a previous run left it), migrates it and seeds it
   (bench/load/seed.py: the demo city, guards and health codes, town officers, hotline
   operators, 5,000 open work orders). Secrets, uploads and the SMS file go to a temporary
   directory; var/ is not touched.
2. Starts gunicorn (`--workers` sync workers, loopback only, the deployment's command line),
   the task worker (`manage.py db_worker`, which sends the SMS the requests queue) and the
   scheduler (`manage.py run_scheduler`: the outbox and deadline sweeps).
3. Runs locust headless for each mix, one after the other, with a fixed number of users
   (spawned over the first 5 seconds) for `--seconds` (LOAD_SECONDS); a comma-separated user
   count runs the mix once per count (a ladder, to find where latency starts to climb):
     gates    GateGuard: guards scanning at factory gates, a Monday morning
     safety   Resident + Officer (6 : 1): a Safety Day evening
     hotline  HotlineOperator: the 12345 hotline at its peak
4. Prints, per mix and per request type: requests, throughput, p50/p95/p99 and failures
   (locust's CSV statistics), the server errors gunicorn logged, and the outbox at the end.
5. Stops gunicorn, the worker and the scheduler and drops the database (unless --keep-database).

Exit status 1 when any request failed or the server logged an error.
"""

import argparse
import contextlib
import csv
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/pingan_load"
MIXES = {
    "gates": ("工厂门岗扫码 · factory gates, Monday morning", ["GateGuard"]),
    "safety": ("平安桐乡日晚间 · Safety Day evening", ["Resident", "Officer"]),
    "hotline": ("12345 高峰 · hotline at peak", ["HotlineOperator"]),
}


def _admin_connection(url: str):
    import psycopg

    parts = urlparse(url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
        autocommit=True,
    )


def _database_name(url: str) -> str:
    name = urlparse(url).path.lstrip("/")
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"unexpected database name {name!r}")
    return name


def create_database(url: str) -> None:
    name = _database_name(url)
    with _admin_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    with _admin_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{_database_name(url)}" WITH (FORCE)')


def environment(url: str, tmp: Path) -> dict:
    return dict(
        os.environ,
        DATABASE_URL=url,
        DATABASE_CONN_MAX_AGE="60",
        DJANGO_SETTINGS_MODULE="bench.load.settings",
        DJANGO_DEBUG="0",
        PINGAN_HTTPS="0",
        PINGAN_LOG_LEVEL="WARNING",
        # Secrets are generated into the temporary directory (var/ is never read or written).
        PINGAN_VAR_DIR=str(tmp),
        PINGAN_MEDIA_ROOT=str(tmp / "media"),
        PINGAN_SMS_GATEWAY="file",
        PINGAN_SMS_FILE_PATH=str(tmp / "sms-outbox.jsonl"),
        PYTHONPATH=str(ROOT),
    )


def start(command: list[str], env: dict, out) -> subprocess.Popen:
    """A process of the platform, run in the checkout with `env`, its output into `out`."""
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def gunicorn_command(port: int, workers: int) -> list[str]:
    """gunicorn as docs/deployment.md runs it, on a loopback port."""
    return [PYTHON, "-m", "gunicorn", "pingan.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--timeout", "30"]  # fmt: skip


WORKER_COMMAND = [PYTHON, "manage.py", "db_worker", "--no-reload"]


def scheduler_command(interval: int) -> list[str]:
    return [PYTHON, "manage.py", "run_scheduler", "--interval", str(interval)]


def _run(command: list[str], env: dict) -> None:
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def _wait_until_up(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited; see its log above")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"http://127.0.0.1:{port}/report/", timeout=5) as answer,
        ):
            if answer.status == 200:
                return
        time.sleep(0.5)
    raise SystemExit("gunicorn did not answer within a minute")


def _stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def run_mix(mix: str, *, users: int, seconds: int, port: int, env: dict, tmp: Path) -> dict:
    _title, classes = MIXES[mix]
    prefix = tmp / f"{mix}-{users}"
    command = [
        PYTHON,
        "-m",
        "locust",
        "-f",
        str(ROOT / "bench" / "load" / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(max(1, users // 5)),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--host",
        f"http://127.0.0.1:{port}",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        *classes,
    ]
    locust_env = dict(env, LOAD_FIXTURES=str(tmp / "fixtures.json"))
    subprocess.run(command, cwd=tmp, env=locust_env, check=False)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    failures = []
    with contextlib.suppress(FileNotFoundError), open(f"{prefix}_failures.csv") as handle:
        failures = list(csv.DictReader(handle))
    return {"mix": mix, "users": users, "seconds": seconds, "rows": rows, "failures": failures}


def server_errors(log: Path, since: int) -> tuple[int, list[str]]:
    """Errors the server logged after byte `since` of its log: Django's request errors
    (500s with their tracebacks) and gunicorn's worker timeouts and crashes."""
    with open(log, encoding="utf-8", errors="replace") as handle:
        handle.seek(since)
        lines = handle.read().splitlines()
    marks = (" ERROR ", "[CRITICAL]", "WORKER TIMEOUT", "[ERROR]")
    bad = [line for line in lines if any(mark in line for mark in marks)]
    return len(bad), bad[:5]


def outbox_summary(env: dict) -> str:
    code = (
        "import django; django.setup()\n"
        "from django.db.models import Count\n"
        "from pingan.notify.models import OutboxMessage\n"
        "rows = OutboxMessage.objects.values_list('status').annotate(n=Count('id'))\n"
        "from django.utils import timezone\n"
        "due = OutboxMessage.objects.filter(status__in=('pending', 'sending'),"
        " next_attempt_at__lte=timezone.now()).count()\n"
        "print(f'due {due}; ' + ', '.join(f'{s} {n}' for s, n in sorted(rows)))\n"
    )
    answer = subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    return answer.stdout.strip() or answer.stderr.strip()[-300:]


def wait_for_outbox(env: dict, limit: float = 60) -> tuple[str, float]:
    """The outbox once the worker has sent what the requests queued (or after `limit`
    seconds), and how long after the load that took."""
    started = time.perf_counter()
    while True:
        summary = outbox_summary(env)
        waited = time.perf_counter() - started
        if summary.startswith("due 0;") or waited > limit:
            return summary, waited
        time.sleep(2)


def _num(value: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def table(results: list[dict]) -> str:
    lines = [
        "| mix | users | request | requests | req/s | p50 ms | p95 ms | p99 ms | failures "
        "| server errors | load avg |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        title = MIXES[result["mix"]][0]
        for row in sorted(result["rows"], key=lambda r: r["Name"] == "Aggregated"):
            aggregated = row["Name"] == "Aggregated"
            name = "**all**" if aggregated else f"{row['Type']} {row['Name']}"
            cells = [
                title if aggregated else "",
                str(result["users"]) if aggregated else "",
                name,
                row["Request Count"],
                f"{_num(row['Requests/s']):.1f}",
                row["50%"],
                row["95%"],
                row["99%"],
                row["Failure Count"],
                str(result.get("server_errors", "")) if aggregated else "",
                f"{result['load']:.1f}" if aggregated and "load" in result else "",
            ]
            if aggregated:
                cells = [f"**{c}**" if c and not c.startswith("**") else c for c in cells]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load.run", description=__doc__)
    parser.add_argument("--mixes", default="gates,safety,hotline")
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("LOAD_SECONDS", 60)))
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (2 × cores)")
    # A comma-separated list runs the mix once per user count, in that order (a ladder).
    parser.add_argument("--gates-users", default="150")
    parser.add_argument("--safety-users", default="30")
    parser.add_argument("--hotline-users", default="40")
    parser.add_argument("--port", type=int, default=8104)
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--markdown", help="also write the table to this file")
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args(argv)
    mixes = [m.strip() for m in args.mixes.split(",") if m.strip()]
    unknown = [m for m in mixes if m not in MIXES]
    if unknown:
        parser.error(f"unknown mix {unknown[0]!r} (known: {', '.join(MIXES)})")
    url = os.environ.get("LOAD_DATABASE_URL", DEFAULT_URL)
    if not url.startswith(("postgres://", "postgresql://")):
        parser.error("LOAD_DATABASE_URL must name a PostgreSQL database")

    server = worker = scheduler = None
    results = []
    errors_total = 0
    with tempfile.TemporaryDirectory(prefix="pingan-load-") as name:
        tmp = Path(name)
        env = environment(url, tmp)
        log = tmp / "server.log"
        try:
            started = time.perf_counter()
            create_database(url)
            _run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
            _run([PYTHON, "manage.py", "createcachetable"], env)
            _run(
                [
                    PYTHON,
                    "-m",
                    "bench.load.seed",
                    str(tmp / "fixtures.json"),
                    "--cases",
                    str(args.cases),
                ],
                env,
            )
            print(f"database ready in {time.perf_counter() - started:.0f} s")
            with open(log, "w") as out:
                server = start(gunicorn_command(args.port, args.workers), env, out)
                worker = start(WORKER_COMMAND, env, out)
                # The periodic jobs run beside it in production (the outbox sweep sends bulk
                # messages and retries; the deadline sweeps write into the cases under load).
                scheduler = start(scheduler_command(5), env, out)
            _wait_until_up(args.port, server)
            users = {
                "gates": args.gates_users,
                "safety": args.safety_users,
                "hotline": args.hotline_users,
            }
            for mix in mixes:
                for count in [int(n) for n in str(users[mix]).split(",") if n.strip()]:
                    since = log.stat().st_size
                    print(f"\n== {MIXES[mix][0]}: {count} users for {args.seconds} s")
                    result = run_mix(
                        mix, users=count, seconds=args.seconds, port=args.port, env=env, tmp=tmp
                    )
                    errors, sample = server_errors(log, since)
                    result["server_errors"] = errors
                    # The machine's 1-minute load average as the step ends: this load, plus
                    # whatever else the machine was doing (the figures mean little without it).
                    result["load"] = os.getloadavg()[0]
                    errors_total += errors
                    for line in sample:
                        print(f"   server: {line}")
                    results.append(result)
            outbox, drained = wait_for_outbox(env)
        finally:
            _stop(server)
            _stop(worker)
            _stop(scheduler)
            if not args.keep_database:
                with contextlib.suppress(Exception):
                    drop_database(url)
    if not results:
        return 1
    text = table(results)
    failed = sum(
        int(_num(r["Failure Count"]))
        for res in results
        for r in res["rows"]
        if r["Name"] == "Aggregated"
    )
    summary = (
        f"gunicorn: {args.workers} sync workers; PostgreSQL; {args.seconds} s per mix; "
        f"request failures: {failed}; server errors logged: {errors_total}; "
        f"outbox {drained:.0f} s after the load: {outbox}"
    )
    print("\n" + text + "\n\n" + summary)
    for result in results:
        for failure in result["failures"][:10]:
            print(
                f"  {result['mix']}: {failure.get('Occurrences')} × {failure.get('Name')}: "
                f"{failure.get('Error', '')[:200]}"
            )
    if args.markdown:
        Path(args.markdown).write_text(text + "\n\n" + summary + "\n", encoding="utf-8")
    return 1 if failed or errors_total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
