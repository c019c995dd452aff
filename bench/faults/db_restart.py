"""The database goes away under load and comes back: do requests fail cleanly, and recover?

    python -m bench.faults.db_restart [--before 10] [--outage 5] [--after 10] [--clients 6]
                                      [--port 8105] [--without-middleware] [--markdown FILE]

Needs PostgreSQL; FAULTS_DATABASE_URL names a database of its own (default pingan_load_faults on
127.0.0.1), created here, seeded small (bench/load/seed.py) and dropped at the end. gunicorn
serves it (4 sync workers, DATABASE_CONN_MAX_AGE=60 so that the workers hold connections the
outage breaks) while `--clients` threads send a steady mix: scans at a factory gate, work
orders created by the hotline, the hotline's queue counts, the citizen report page.

The outage is the database's only, so that nothing else on the machine notices: after
`--before` seconds, new connections to the database are refused
(ALTER DATABASE ... ALLOW_CONNECTIONS false) and every open one is terminated
(pg_terminate_backend), as a restart of the server does; after `--outage` seconds connections
are allowed again. Printed: per second, the answers by status; every distinct kind of failed
answer (status, content type, the start of its body) and whether any showed a traceback; the
slowest answer (a hang would show); the time from the end of the outage to the first success
of each request kind; and a check of the data: every 201 of a work order is a row, and no row
exists that was not answered 201.

By default gunicorn runs with pingan.core.db_outage.OutageMiddleware added (settings.py of
this directory); --without-middleware shows the platform without it.
"""

import argparse
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

from bench.load.run import (
    PYTHON,
    ROOT,
    WORKER_COMMAND,
    _admin_connection,
    _database_name,
    _stop,
    _wait_until_up,
    create_database,
    drop_database,
    environment,
    gunicorn_command,
    scheduler_command,
    start,
)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/pingan_load_faults"


class Client(threading.Thread):
    """Sends the mix in turn, as fast as answers come, until told to stop."""

    def __init__(self, n: int, port: int, fixtures: dict, started: float, log: list, stop):
        super().__init__(daemon=True)
        self.n = n
        self.base = f"http://127.0.0.1:{port}"
        self.fixtures = fixtures
        self.started = started
        self.log = log
        self.stop = stop

    def _requests(self):
        gates = self.fixtures["gates"]
        scanner = gates["scanners"][self.n % len(gates["scanners"])]
        hotline = self.fixtures["hotline"]
        token = hotline["tokens"][self.n % len(hotline["tokens"])]
        calls = hotline["reports"]
        i = 0
        while True:
            i += 1
            yield (
                "scan",
                "POST",
                "/api/v1/passes/verify",
                {
                    "payload": gates["green"][i % len(gates["green"])],
                    "checkpoint": scanner["checkpoint"],
                },
                scanner["token"],
            )
            yield (
                "case create",
                "POST",
                "/api/v1/cases",
                calls[(i * 7 + self.n) % len(calls)],
                token,
            )
            yield ("queue counts", "GET", "/api/v1/cases/queues", None, token)
            yield ("report page", "GET", "/report/", None, None)

    def run(self):
        for kind, method, path, body, token in self._requests():
            if self.stop.is_set():
                return
            headers = {"Accept": "application/json" if path.startswith("/api/") else "text/html"}
            data = None
            if body is not None:
                data = json.dumps(body, ensure_ascii=False).encode()
                headers["Content-Type"] = "application/json"
            if token:
                headers["Authorization"] = f"Bearer {token}"
            request = urllib.request.Request(
                self.base + path, data=data, headers=headers, method=method
            )
            sent = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=30) as answer:
                    status, ctype, text = (
                        answer.status,
                        answer.headers.get("Content-Type", ""),
                        answer.read(),
                    )
                    retry = answer.headers.get("Retry-After", "")
            except urllib.error.HTTPError as exc:
                status, ctype, text = exc.code, exc.headers.get("Content-Type", ""), exc.read()
                retry = exc.headers.get("Retry-After", "")
            except OSError as exc:
                status, ctype, text, retry = 0, "", str(exc).encode(), ""
            self.log.append(
                {
                    "t": sent - self.started,
                    "took": time.perf_counter() - sent,
                    "kind": kind,
                    "status": status,
                    "type": ctype.split(";")[0],
                    "retry": retry,
                    "body": text[:4000].decode("utf-8", "replace"),
                }
            )


def outage(url: str, seconds: float, started: float) -> dict:
    """Refuse new connections to the database and end the open ones; allow them again later.
    Returns when each happened (seconds since `started`) and how many backends were ended."""
    name = _database_name(url)
    with _admin_connection(url) as admin:
        began = time.perf_counter() - started
        admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
        ended = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        ).fetchone()[0]
        time.sleep(seconds)
        admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')
        ended_at = time.perf_counter() - started
    return {"terminated": ended, "began": began, "ended": ended_at}


def _created_case_numbers(env: dict) -> set[str]:
    code = (
        "import django, json; django.setup()\n"
        "from pingan.cases.models import Case\n"
        "print(json.dumps(list(Case.objects.filter(created_by__username__startswith="
        "'load_hotline').values_list('number', flat=True))))\n"
    )
    answer = subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return set(json.loads(answer.stdout))


def report(log: list, *, began: float, ended: float, data_check: str, server_log: str) -> str:
    out = [f"outage from {began:.2f} s to {ended:.2f} s after the load started", ""]
    end_of_outage = ended
    per_second: dict[int, Counter] = defaultdict(Counter)
    for entry in log:
        per_second[int(entry["t"])][entry["status"]] += 1
    out.append("| second | answers by status |")
    out.append("|---|---|")
    for second in sorted(per_second):
        mark = " (outage)" if int(began) <= second <= int(ended) else ""
        counts = ", ".join(f"{s}: {n}" for s, n in sorted(per_second[second].items()))
        out.append(f"| {second}{mark} | {counts} |")
    failed = [e for e in log if e["status"] not in (200, 201)]
    kinds = Counter(
        (e["kind"], e["status"], e["type"], e["retry"], e["body"][:160].replace("\n", " "))
        for e in failed
    )
    out.append("")
    out.append(f"requests: {len(log)}, failed: {len(failed)}")
    out.append("")
    out.append("| request | status | content type | Retry-After | answer (start) | count |")
    out.append("|---|---|---|---|---|---|")
    for (kind, status, ctype, retry, body), n in sorted(kinds.items(), key=lambda kv: -kv[1]):
        body = body.replace("|", "\\|")
        out.append(f"| {kind} | {status} | {ctype} | {retry} | `{body}` | {n} |")
    leaked = [e for e in failed if "Traceback" in e["body"] or 'File "' in e["body"]]
    out.append("")
    out.append(f"answers showing a traceback: {len(leaked)}")
    slowest = max(log, key=lambda e: e["took"])
    out.append(
        f"slowest answer: {slowest['took']:.2f} s ({slowest['kind']}, HTTP {slowest['status']} "
        f"at {slowest['t']:.1f} s)"
    )
    for kind in sorted({e["kind"] for e in log}):
        after = [e for e in log if e["kind"] == kind and e["t"] >= end_of_outage]
        first_ok = next(
            (e for e in sorted(after, key=lambda e: e["t"]) if e["status"] in (200, 201)), None
        )
        last_bad = [e for e in after if e["status"] not in (200, 201)]
        when = f"{first_ok['t'] - end_of_outage:.2f} s" if first_ok else "never"
        out.append(
            f"- {kind}: first success {when} after connections were allowed again; "
            f"failures after that moment: {len(last_bad)}"
        )
    out.append("")
    out.append(data_check)
    out.append("")
    out.append(server_log)
    return "\n".join(out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.faults.db_restart", description=__doc__)
    parser.add_argument("--before", type=float, default=10)
    parser.add_argument("--outage", type=float, default=5)
    parser.add_argument("--after", type=float, default=10)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument("--without-middleware", action="store_true")
    parser.add_argument("--markdown")
    args = parser.parse_args(argv)
    url = os.environ.get("FAULTS_DATABASE_URL", DEFAULT_URL)
    server = None
    background: dict = {}
    with tempfile.TemporaryDirectory(prefix="pingan-faults-") as name:
        tmp = Path(name)
        env = environment(url, tmp)
        env["DJANGO_SETTINGS_MODULE"] = "bench.faults.settings"
        if args.without_middleware:
            env["PINGAN_FAULTS_WITHOUT_OUTAGE_MIDDLEWARE"] = "1"
        server_log = tmp / "server.log"
        try:
            create_database(url)
            subprocess.run(
                [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"],
                cwd=ROOT,
                env=env,
                check=True,
            )
            subprocess.run([PYTHON, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True)
            subprocess.run(
                [
                    PYTHON,
                    "-m",
                    "bench.load.seed",
                    str(tmp / "fixtures.json"),
                    "--guards",
                    "2",
                    "--holders",
                    "20",
                    "--operators",
                    "2",
                    "--cases",
                    "200",
                ],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            fixtures = json.loads((tmp / "fixtures.json").read_text())
            with open(server_log, "w") as out:
                server = start(gunicorn_command(args.port, 4), env, out)
                # The background processes, to see whether they outlive the outage.
                background = {
                    "db_worker": start(WORKER_COMMAND, env, out),
                    "run_scheduler": start(scheduler_command(1), env, out),
                }
            _wait_until_up(args.port, server)
            log: list = []
            stop = threading.Event()
            started = time.perf_counter()
            clients = [
                Client(n, args.port, fixtures, started, log, stop) for n in range(args.clients)
            ]
            for client in clients:
                client.start()
            time.sleep(args.before)
            done = outage(url, args.outage, started)
            time.sleep(args.after)
            stop.set()
            for client in clients:
                client.join(timeout=40)
            alive = {
                name: "still running"
                if process.poll() is None
                else f"exited ({process.returncode})"
                for name, process in background.items()
            }
            created = _created_case_numbers(env)
            answered = {
                json.loads(e["body"])["number"]
                for e in log
                if e["kind"] == "case create" and e["status"] == 201
            }
            data_check = (
                f"data: {len(answered)} work orders answered 201, {len(created)} rows made by the "
                f"load; answered but missing: {len(answered - created)}; rows never answered 201: "
                f"{len(created - answered)} (backends terminated: {done['terminated']})"
            )
            text = server_log.read_text(errors="replace")
            # The last line of each traceback: what failed, without the stack.
            causes = Counter(
                line.strip()
                for line in text.splitlines()
                if re.match(r"^[\w.]+(Error|Exception)\b", line.strip())
            )
            server_summary = (
                f"server log: {text.count('Traceback')} tracebacks, "
                f"{text.count('answered 503')} lines 'answered 503', "
                f"{text.count('WORKER TIMEOUT')} worker timeouts\n\n"
                + "after the outage: "
                + "; ".join(f"{name} {state}" for name, state in alive.items())
                + "".join(f"\n- {n} × `{cause[:200]}`" for cause, n in causes.most_common(5))
            )
        finally:
            _stop(server)
            for process in background.values():
                _stop(process)
            with contextlib.suppress(Exception):
                drop_database(url)
    mode = "without" if args.without_middleware else "with"
    title = (
        f"gunicorn 4 workers, {args.clients} clients; database refused and its connections "
        f"terminated at {args.before:.0f} s for {args.outage:.0f} s; {mode} OutageMiddleware"
    )
    text = (
        title
        + "\n\n"
        + report(
            log,
            began=done["began"],
            ended=done["ended"],
            data_check=data_check,
            server_log=server_summary,
        )
    )
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
