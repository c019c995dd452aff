"""The online scan endpoint (verify + rule + scan log) against a trivial endpoint of the same
server, under load on loopback.

    python -m bench scan_online [--workers 2] [--threads 4] [--clients 4] [--seconds 3]
                                [--rounds 5] [--holders 20] [--port 8106]

1. A throwaway database (SQLite, or PostgreSQL with DATABASE_URL) with the demo city's accounts,
   the demo places and checkpoints, and `--holders` employees of the demo factory holding green
   health codes; a bearer token for guard_factory.
2. gunicorn serves the whole site (every middleware) with `--workers` processes of `--threads`
   threads, plus two trivial endpoints answering {"ok": true}: /api/v1/passes/bench-trivial,
   on the passes router with the scan's own authentication (a guard's bearer token), and
   /bench/trivial/, a plain Django view without authentication or database. The first is the
   baseline of the target (the same server stack, minus the scan's work); the second is
   reported too.
3. `--clients` load-generator processes, each on one keep-alive connection, call one endpoint as
   fast as answers come for `--seconds`, then the other; `--rounds` rounds alternate them, and
   the best round of each is compared. The scan is POST /api/v1/passes/verify with the token,
   a real code and the factory gate: signature, revocation lookup, the gate's rule, a scan log
   row. Target (DESIGN.md): scan ≥ 0.5 × trivial.
"""

import argparse
import http.client
import json
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.db import setup_django, throwaway_database

TARGET = 0.5
ROOT = Path(__file__).resolve().parent.parent
_app = None
_app_lock = threading.Lock()


def wsgi(environ, start_response):
    """gunicorn's entry point: the site's WSGI application plus the two trivial endpoints."""
    global _app
    if _app is None:
        with _app_lock:  # the first requests arrive on several threads at once
            if _app is None:
                _app = _build()
    return _app(environ, start_response)


def _build():
    setup_django()
    from django.core.wsgi import get_wsgi_application
    from django.http import JsonResponse
    from django.urls import path

    from pingan.passes import api as passes_api

    # Added to the passes router before the API's URLs are built (importing pingan.urls
    # builds them), so it has the scan's own stack: ninja, the same auth, a JSON answer.
    @passes_api.router.get("/bench-trivial", auth=passes_api.SCAN_AUTH, include_in_schema=False)
    def api_trivial(request):
        return {"ok": True}

    import pingan.urls

    def trivial(request):
        return JsonResponse({"ok": True})

    pingan.urls.urlpatterns.insert(0, path("bench/trivial/", trivial))
    return get_wsgi_application()


def prepare(holders: int) -> dict:
    """Demo accounts, places, checkpoints; `holders` green employees; the guard's token."""
    from pingan.org import demo as org_demo
    from pingan.org.models import User
    from pingan.org.services import token_issue
    from pingan.passes import demo as passes_demo
    from pingan.passes.models import Checkpoint, CheckpointKind
    from pingan.passes.selectors import current_codes
    from pingan.passes.tests.factories import holder
    from pingan.places import demo as places_demo

    org_demo.seed()
    places_demo.seed()
    passes_demo.seed()
    factory = places_demo.factory()
    payloads = []
    for i in range(holders):
        person = holder(name=f"压测{i:03d}号", employer=factory)
        payloads.append(current_codes(person)[0]["payload"])
    _token, raw = token_issue(user=User.objects.get(username="guard_factory"), name="bench")
    gate = Checkpoint.objects.get(kind=CheckpointKind.FACTORY_GATE)
    return {"payloads": payloads, "token": raw, "checkpoint": gate.pk}


def _database_url() -> str:
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings.get("USER") or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def _client(args) -> int:
    """One load-generator process: as many requests as answered within `seconds`."""
    port, kind, seconds, job = args
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    done, n = 0, 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        if kind == "trivial":
            connection.request("GET", "/bench/trivial/")
        elif kind == "api_trivial":
            connection.request(
                "GET",
                "/api/v1/passes/bench-trivial",
                headers={"Authorization": f"Bearer {job['token']}"},
            )
        else:
            body = json.dumps(
                {
                    "payload": job["payloads"][n % len(job["payloads"])],
                    "checkpoint": job["checkpoint"],
                }
            )
            connection.request(
                "POST",
                "/api/v1/passes/verify",
                body=body,
                headers={
                    "Authorization": f"Bearer {job['token']}",
                    "Content-Type": "application/json",
                },
            )
        response = connection.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{kind}: HTTP {response.status} {data[:200]!r}")
        if kind == "scan" and b'"pass"' not in data:
            raise RuntimeError(f"scan did not pass: {data[:200]!r}")
        done += 1
        n += 1
        if response.getheader("Connection", "").lower() == "close":
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.close()
    return done


def _rate(pool, port, kind, seconds, clients, job) -> float:
    started = time.perf_counter()
    counts = pool.map(_client, [(port, kind, seconds, job)] * clients)
    return sum(counts) / (time.perf_counter() - started)


def _wait_for(port: int, server, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/bench/trivial/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start")


def serve(*, port: int, workers: int, threads: int):
    env = dict(
        os.environ,
        DATABASE_URL=_database_url(),
        DATABASE_CONN_MAX_AGE="600",
        DJANGO_DEBUG="0",
        PINGAN_HTTPS="0",
        PINGAN_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
        "bench.scan_online:wsgi",
    ]
    return subprocess.Popen(command, env=env, cwd=ROOT)


def run(*, job, port, workers, threads, clients, seconds, rounds, out=print) -> dict:
    server = serve(port=port, workers=workers, threads=threads)
    kinds = ("trivial", "api_trivial", "scan")
    best = dict.fromkeys(kinds, 0.0)
    try:
        _wait_for(port, server)
        with multiprocessing.get_context("spawn").Pool(clients) as pool:
            for kind in kinds:  # warm up every path (imports, keys, connections)
                _rate(pool, port, kind, 0.5, clients, job)
            for _ in range(rounds):
                for kind in kinds:
                    best[kind] = max(best[kind], _rate(pool, port, kind, seconds, clients, job))
    finally:
        server.terminate()
        server.wait(timeout=30)
    ratio = best["scan"] / best["api_trivial"]
    bare_ratio = best["scan"] / best["trivial"]
    out(
        f"gunicorn {workers} workers × {threads} threads, {clients} clients, "
        f"{rounds} rounds × {seconds:.0f} s each, best round of each"
    )
    out(f"trivial Django view (no auth, no DB)      : {best['trivial']:8.0f} req/s")
    out(f"trivial API endpoint (same router & auth) : {best['api_trivial']:8.0f} req/s")
    out(f"scan: verify + rule + log                 : {best['scan']:8.0f} req/s")
    out(f"ratio scan / trivial API endpoint         : {ratio:8.2f}   target ≥ {TARGET}")
    out(f"ratio scan / trivial Django view          : {bare_ratio:8.2f}")
    return {**best, "ratio": ratio, "bare_ratio": bare_ratio}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench scan_online")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--holders", type=int, default=20)
    parser.add_argument("--port", type=int, default=8106)
    args = parser.parse_args(argv)
    with throwaway_database():
        from django.db import connection

        job = prepare(args.holders)
        connection.close()
        figures = run(
            job=job,
            port=args.port,
            workers=args.workers,
            threads=args.threads,
            clients=args.clients,
            seconds=args.seconds,
            rounds=args.rounds,
        )
        from pingan.passes.models import ScanLog

        print(f"scan log rows written: {ScanLog.objects.count()}")
    return 0 if figures["ratio"] >= TARGET else 1
