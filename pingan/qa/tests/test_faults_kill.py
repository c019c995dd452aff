"""The worker killed for real (SIGKILL) during a bulk SMS, then started again: every resident
receives exactly one message, every outbox row ends `sent`, the batch's counters add up.

The platform's own commands run as separate processes on the test's database (SQLite: copied
into a file they can open; PostgreSQL: the test database itself):

1. `manage.py db_worker` takes the queueing task of the batch and is killed as soon as it is
   running it (the batch's chunk is then either committed whole or not at all);
2. `manage.py run_scheduler --once` (queue_bulk resumes a batch left `new`; deliver_due sends
   through the http gateway to an operator stub that takes 10 ms a message) is killed while
   the SMS are going out, with messages claimed but not yet sent;
3. eleven minutes pass (the leases of the killed scheduler and the claims of its messages
   expire: their recorded times are moved back, which is what passing time does to them) and
   `run_scheduler --once` runs again.
"""

import datetime
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from pingan.notify import bulk
from pingan.notify.models import SmsBatch
from pingan.notify.tests.bulk_helpers import officers, residents

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[3]
RECIPIENTS = 300
PHONES = [f"1395740{n:04d}" for n in range(RECIPIENTS)]


class Database:
    """The test's database as the platform's processes see it, and plain SQL on it."""

    def __init__(self, tmp_path: Path):
        connection.ensure_connection()
        self.file = None
        if connection.vendor == "sqlite":
            self.file = tmp_path / "faults.sqlite3"
            target = sqlite3.connect(self.file)
            connection.connection.backup(target)
            target.close()
            self.url = f"sqlite:///{self.file}"
        else:
            db = connection.settings_dict
            user = db.get("USER") or "postgres"
            password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
            host = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
            self.url = f"postgres://{user}{password}@{host}/{db['NAME']}"

    def rows(self, sql: str) -> list[tuple]:
        if self.file is not None:
            with sqlite3.connect(self.file, timeout=20) as handle:
                return handle.execute(sql).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall() if cursor.description else []

    def execute(self, sql: str) -> None:
        if self.file is not None:
            with sqlite3.connect(self.file, timeout=20) as handle:
                handle.execute(sql)
            return
        with connection.cursor() as cursor:
            cursor.execute(sql)


def _environment(database: Database, tmp_path: Path) -> dict:
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="pingan.settings",
        DATABASE_URL=database.url,
        DJANGO_SECRET_KEY=settings.SECRET_KEY,
        PINGAN_PII_KEY=settings.PINGAN_PII_KEY,
        PINGAN_VAR_DIR=str(tmp_path / "var"),
        PINGAN_SMS_GATEWAY="file",
        PINGAN_SMS_FILE_PATH=str(settings.PINGAN_SMS_FILE_PATH),
        PINGAN_SMS_CLAIM_TIMEOUT_SECONDS="300",
        DJANGO_DEBUG="0",
        PINGAN_HTTPS="0",
        PINGAN_LOG_LEVEL="WARNING",
    )


def _start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    with open(log, "ab") as out:
        return subprocess.Popen(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def _run_scheduler_once(env: dict) -> None:
    """One pass of every due scheduler job, to its end."""
    subprocess.run(
        [sys.executable, "manage.py", "run_scheduler", "--once"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def _kill_when(process: subprocess.Popen, ready, timeout: float = 120) -> bool:
    """SIGKILL `process` as soon as ready() holds; False if it ended on its own first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.005)
    process.kill()
    raise AssertionError(f"{process.args} did not get there within {timeout} s")


def _let_eleven_minutes_pass(database: Database) -> None:
    """What time does to a killed scheduler's leases and its messages' claims."""
    for table, columns in (
        ("core_scheduledjobrun", ("last_started_at", "locked_until")),
        ("notify_outboxmessage", ("claimed_at", "next_attempt_at")),
    ):
        for column in columns:
            if database.file is not None:
                shift = f"strftime('%Y-%m-%d %H:%M:%f', {column}, '-11 minutes')"
            else:
                shift = f"{column} - interval '11 minutes'"
            database.execute(f"UPDATE {table} SET {column} = {shift} WHERE {column} IS NOT NULL")


class Operator:
    """The SMS operator as the platform's http gateway reaches it: each message is taken after
    LATENCY seconds, as a real operator answers in tens of milliseconds, and recorded with its
    Idempotency-Key. (With the file gateway the scheduler once wrote all 300 messages between
    two looks of a poller starved of CPU on a busy CI machine, and was killed after the fact.)"""

    LATENCY = 0.01

    def __init__(self):
        self.received: list[dict] = []
        operator = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                time.sleep(operator.LATENCY)
                operator.received.append({"key": self.headers["Idempotency-Key"], "to": body["to"]})
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"id": "op"}')

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sms"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def keys(self) -> set[str]:
        return {entry["key"] for entry in list(self.received)}

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def operator():
    stub = Operator()
    yield stub
    stub.close()


def test_killing_the_worker_mid_bulk_send_loses_nothing_and_sends_nothing_twice(tmp_path, operator):
    from pingan.org import demo

    demo.seed()
    officer, _ = officers()
    residents("330483001010", PHONES)
    yesterday_noon = (timezone.localtime() - datetime.timedelta(days=1)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )
    batch = bulk.batch_create(
        actor=officer,
        name="平安桐乡日提醒",
        template="bulk.greeting",
        content="本月26日是平安桐乡日。",
        source=SmsBatch.Source.REGION,
        region=officer.posts.first().region,
        send_after=yesterday_noon,  # every message's slot is already due
        window_start=datetime.time(0, 0),
        window_end=datetime.time(23, 59),
        rate_per_minute=500,
    )
    database = Database(tmp_path)
    env = _environment(database, tmp_path)
    log = tmp_path / "processes.log"

    # 1. The task worker, killed while it writes the batch's messages (or, when the machine is
    #    quick, just after: the task's RUNNING state may last less than one look).
    worker = _start(["db_worker", "--no-startup-delay", "--no-reload"], env, log)
    _kill_when(
        worker,
        lambda: database.rows(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE status IN ('RUNNING', 'SUCCESSFUL')"
        )[0][0],
    )
    status, queued = database.rows(
        f"SELECT status, queued FROM notify_smsbatch WHERE id = {batch.pk}"
    )[0]
    assert queued in (0, RECIPIENTS)  # one chunk: committed whole, or not at all
    if status == SmsBatch.NEW:
        # The scheduler's queue_bulk resumes it (its deliver_due ran first and found nothing).
        _run_scheduler_once(env)
        _let_eleven_minutes_pass(database)
    assert (
        database.rows(f"SELECT count(*) FROM notify_outboxmessage WHERE batch_id = {batch.pk}")[0][
            0
        ]
        == RECIPIENTS
    )

    # 2. The scheduler, killed while the messages go out (to the operator, over HTTP).
    env = dict(
        env,
        PINGAN_SMS_GATEWAY="http",
        PINGAN_SMS_HTTP_URL=operator.url,
        PINGAN_SMS_HTTP_TIMEOUT_SECONDS="5",
    )
    scheduler = _start(["run_scheduler", "--once"], env, log)
    killed = _kill_when(scheduler, lambda: len(operator.keys()) >= RECIPIENTS // 5)
    assert killed, "the scheduler sent everything before it could be killed"
    sent_before = len(operator.keys())
    assert sent_before < RECIPIENTS
    left = dict(
        database.rows(
            f"SELECT status, count(*) FROM notify_outboxmessage WHERE batch_id = {batch.pk} "
            "GROUP BY status"
        )
    )
    assert left.get("sending", 0) > 0  # claimed by the dead process, not recorded as sent

    # 3. Time passes; the scheduler runs again.
    _let_eleven_minutes_pass(database)
    _run_scheduler_once(env)

    received = [r for r in operator.received if r["key"].startswith(f"bulk-{batch.pk}-")]
    delivered = {r["key"]: r["to"] for r in received}
    assert sorted(delivered.values()) == sorted(PHONES)  # each resident, exactly one message
    assert len(delivered) == RECIPIENTS
    # The only repeats are messages the killed scheduler had in hand, sent again with the same
    # Idempotency-Key, by which the operator drops them.
    assert len(received) - len(delivered) <= left.get("sending", 0)
    final = dict(
        database.rows(
            f"SELECT status, count(*) FROM notify_outboxmessage WHERE batch_id = {batch.pk} "
            "GROUP BY status"
        )
    )
    assert final == {"sent": RECIPIENTS}
    counters = database.rows(
        f"SELECT status, queued, sent, failed FROM notify_smsbatch WHERE id = {batch.pk}"
    )[0]
    assert counters == (SmsBatch.QUEUED, RECIPIENTS, RECIPIENTS, 0)
