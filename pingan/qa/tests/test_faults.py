"""Faults (issue 9): work cut off half-way and run again, an SMS gateway that cannot be reached
or does not answer, a disk that fills up. After each: nothing lost, nothing done twice, a clear
error where a person is waiting, no half-written rows.

The worker killed for real (SIGKILL of a running `run_scheduler`) is in test_faults_kill.py;
the database restarted under load is bench/faults/db_restart.py (not a test: it needs gunicorn
and a PostgreSQL database of its own).
"""

import errno
import json
import os
import socket
import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from pingan.cases.models import CaseEvent, CasePhoto
from pingan.cases.tests.factories import case_in
from pingan.notify import gateways
from pingan.notify.delivery import deliver_due
from pingan.notify.models import OutboxMessage
from pingan.notify.services import sms_enqueue

START = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # a Monday, 09:00 in Tongxiang
PHONE = "13800138000"


class Killed(BaseException):
    """Stands for SIGKILL inside the process: not an Exception, so no handler catches it."""


def _dies_on_call(original, n: int):
    """`original`, except that its n-th call dies before doing anything."""
    calls = {"n": 0}

    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == n:
            raise Killed
        return original(*args, **kwargs)

    return wrapper


def _valid_lines(path) -> list[dict]:
    """The file gateway's complete lines; a line torn by a crash or a full disk is skipped, as
    the gateway itself skips it."""
    if not path.exists():
        return []
    lines = []
    for raw in path.read_bytes().split(b"\n"):
        try:
            lines.append(json.loads(raw))
        except ValueError:
            continue
    return lines


@pytest.fixture
def categories(db):
    """The demo city and its category tree (what case_in needs)."""
    from pingan.cases.demo import seed_categories
    from pingan.org import demo

    demo.seed()
    seed_categories()


# --- Deadline sweeps cut off half-way ------------------------------------------------------------


def test_a_case_sweep_killed_half_way_announces_each_light_once_when_run_again(
    categories, monkeypatch
):
    from pingan.cases.services import sla

    with time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=UTC), tick=False):
        cases = [case_in("signed", kind="consult") for _ in range(5)]
    late = max(c.due_at for c in cases) + timedelta(hours=1)
    # Chunks of two: the first chunk commits, the kill lands inside the second.
    monkeypatch.setattr(sla, "CHUNK", 2)
    monkeypatch.setattr(sla, "_announce", _dies_on_call(sla._announce, 4))

    with pytest.raises(Killed):
        sla.sweep_deadlines(now=late)

    overdue = CaseEvent.objects.filter(case__in=cases, kind="sla_overdue")
    assert overdue.count() == 2  # the first chunk; the second was rolled back whole
    monkeypatch.undo()

    assert sla.sweep_deadlines(now=late) == {"sla_warning": 0, "sla_overdue": 3}
    assert sla.sweep_deadlines(now=late + timedelta(minutes=5)) == {
        "sla_warning": 0,
        "sla_overdue": 0,
    }
    for case in cases:
        kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
        assert kinds.count("sla_overdue") == 1
        assert kinds.count("remind") == 1
        case.refresh_from_db()
        assert case.sla_notified == "red"


@pytest.fixture
def hazard_city(db):
    from pingan.hazards.tests.conftest import _seed

    _seed()


def test_a_hazard_sweep_killed_mid_escalation_sends_each_notice_once(
    hazard_city, monkeypatch, settings
):
    from pingan.hazards import notices
    from pingan.hazards.models import Hazard, HazardEvent
    from pingan.hazards.services import sweep
    from pingan.hazards.tests.factories import hazard_in

    hazards = [hazard_in("rectifying") for _ in range(3)]
    late = max(h.due_at for h in hazards) + timedelta(days=1)
    # Dies while queueing the second hazard's notices, after its first SMS row was written.
    monkeypatch.setattr(notices, "sms_enqueue", _dies_on_call(notices.sms_enqueue, 2 + 2))
    with pytest.raises(Killed):
        sweep.sweep_deadlines(now=late)
    monkeypatch.undo()
    escalated = Hazard.objects.filter(pk__in=[h.pk for h in hazards], escalated_at__isnull=False)
    assert escalated.count() == 1  # the hazard in hand was rolled back with its SMS rows

    result = sweep.sweep_deadlines(now=late)
    assert result.escalated == 2
    assert sweep.sweep_deadlines(now=late + timedelta(minutes=10)).escalated == 0

    overdue = OutboxMessage.objects.filter(template_code="hazard_overdue")
    keys = list(overdue.values_list("idempotency_key", flat=True))
    assert len(keys) == len(set(keys))
    for hazard in hazards:
        assert HazardEvent.objects.filter(hazard=hazard, kind="escalate").count() == 1
        assert overdue.filter(idempotency_key__startswith=f"hazard-{hazard.pk}-").exists()
    # And the worker sends each notice once.
    deliver_due()
    sent = [line["idempotency_key"] for line in _valid_lines(settings.PINGAN_SMS_FILE_PATH)]
    assert sorted(k for k in sent if "-overdue-" in k) == sorted(keys)


# --- The SMS gateway unreachable or silent --------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db
def test_an_unreachable_gateway_keeps_the_message_with_its_error_and_backs_off(
    settings, time_machine
):
    time_machine.move_to(START, tick=False)
    settings.PINGAN_SMS_GATEWAY = "http"
    settings.PINGAN_SMS_HTTP_URL = f"http://127.0.0.1:{_closed_port()}/sms"
    settings.PINGAN_SMS_HTTP_TIMEOUT_SECONDS = 2
    settings.PINGAN_SMS_MAX_ATTEMPTS = 5
    settings.PINGAN_SMS_RETRY_BASE_SECONDS = 60
    message = sms_enqueue(phone=PHONE, template="case_received", context=_case_context())

    waits = []
    now = START
    for _attempt in range(3):
        assert deliver_due().retrying == 1
        message.refresh_from_db()
        assert message.status == OutboxMessage.PENDING
        assert message.last_error.startswith("GatewayError: SMS gateway unreachable")
        waits.append((message.next_attempt_at - now).total_seconds())
        now = message.next_attempt_at
        time_machine.move_to(now, tick=False)
    assert waits == [60, 120, 240]  # the wait doubles after each failed attempt
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_a_gateway_that_times_out_is_asked_again_with_the_same_key(settings, time_machine):
    """A timeout is the hard case: the operator may have taken the message. The retry carries
    the same Idempotency-Key, which is how the operator knows it is the same message."""
    received: list[dict] = []
    silent = threading.Event()  # set: take the request and say nothing
    silent.set()
    release = threading.Event()  # ends a silent wait early at the end of the test

    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Operator(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            received.append({"key": self.headers["Idempotency-Key"], "body": json.loads(body)})
            if silent.is_set():
                release.wait(3)  # answers nothing within the gateway's timeout
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"id": "op-7"}')

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Operator)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings.PINGAN_SMS_GATEWAY = "http"
        settings.PINGAN_SMS_HTTP_URL = f"http://127.0.0.1:{server.server_address[1]}/sms"
        settings.PINGAN_SMS_HTTP_TIMEOUT_SECONDS = 1
        time_machine.move_to(START, tick=True)
        message = sms_enqueue(phone=PHONE, template="case_received", context=_case_context())

        assert deliver_due().retrying == 1
        message.refresh_from_db()
        assert message.status == OutboxMessage.PENDING
        assert "timed out" in message.last_error

        silent.clear()
        time_machine.move_to(message.next_attempt_at + timedelta(seconds=1), tick=True)
        assert deliver_due().sent == 1
    finally:
        release.set()
        server.shutdown()
        server.server_close()
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("sent", 2, "")
    assert message.gateway_message_id == "op-7"
    assert [r["key"] for r in received] == [message.idempotency_key] * 2


def _case_context() -> dict:
    return {"number": "GD2026113000001", "query_code": "123456", "track_url": "/track/"}


# --- A full disk ----------------------------------------------------------------------------------


class _DiskFull:
    """A file whose disk fills up after `room` more bytes: the write stores what fits, then
    fails with ENOSPC, as write(2) does."""

    def __init__(self, handle, room: int):
        self._handle = handle
        self._room = room

    def write(self, data: bytes) -> int:
        if len(data) > self._room:
            self._handle.write(data[: self._room])
            self._handle.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._room -= len(data)
        return self._handle.write(data)

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._handle.__exit__(*exc)


@pytest.mark.django_db
def test_a_full_disk_under_the_file_gateway_retries_and_leaves_one_whole_line(
    settings, monkeypatch, time_machine, caplog
):
    time_machine.move_to(START, tick=False)
    first = sms_enqueue(phone=PHONE, template="case_received", context=_case_context())
    second = sms_enqueue(phone="13912345678", template="case_received", context=_case_context())
    real_fdopen = os.fdopen
    monkeypatch.setattr(
        gateways.os, "fdopen", lambda fd, mode: _DiskFull(real_fdopen(fd, mode), room=40)
    )

    report = deliver_due()

    assert (report.sent, report.retrying) == (0, 2)
    for message in (first, second):
        message.refresh_from_db()
        assert message.status == OutboxMessage.PENDING
        assert "No space left on device" in message.last_error
    assert "SMS gateway raised unexpectedly" in caplog.text  # the operator is told, loudly

    monkeypatch.undo()  # space freed
    time_machine.move_to(START + timedelta(minutes=2), tick=False)
    assert deliver_due().sent == 2

    path = settings.PINGAN_SMS_FILE_PATH
    lines = _valid_lines(path)
    assert sorted(line["idempotency_key"] for line in lines) == sorted(
        [first.idempotency_key, second.idempotency_key]
    )
    # Two fragments torn by the full disk, each ended on a line of its own, then two whole lines.
    assert path.read_bytes().count(b"\n") == 4


@pytest.fixture
def with_outage_middleware(settings):
    """The platform's middleware with OutageMiddleware (pingan/core/db_outage.py) in place."""
    middleware = list(settings.MIDDLEWARE)
    if OUTAGE not in middleware:
        middleware.insert(
            middleware.index("pingan.core.middleware.DomainErrorMiddleware") + 1, OUTAGE
        )
    settings.MIDDLEWARE = middleware


OUTAGE = "pingan.core.db_outage.OutageMiddleware"


def test_a_full_disk_under_the_photo_store_answers_503_and_writes_no_row(
    categories, client, monkeypatch, settings, tmp_path, with_outage_middleware
):
    """A photo sent to a work order when the media disk is full: a clear answer in the error
    model (not the 500 page), no photo row, no timeline event, the case untouched."""
    from django.core.files.storage import FileSystemStorage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pingan.cases.tests.citizen_support import png_bytes
    from pingan.org.models import User

    settings.MEDIA_ROOT = tmp_path
    case = case_in("accepted")
    events_before = CaseEvent.objects.filter(case=case).count()
    version = case.version

    def full(self, name, content, max_length=None):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(FileSystemStorage, "save", full)
    client.force_login(User.objects.get(username="hotline"))
    response = client.post(
        f"/api/v1/cases/{case.pk}/photos",
        {"photos": [SimpleUploadedFile("x.png", png_bytes(), content_type="image/png")]},
    )

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response.json() == {
        "code": "storage_full",
        "message": "存储空间已满，暂时无法保存，请稍后重试",
    }
    assert not CasePhoto.objects.filter(case=case).exists()
    assert CaseEvent.objects.filter(case=case).count() == events_before
    case.refresh_from_db()
    assert case.version == version

    monkeypatch.undo()  # space freed: the same upload now works
    again = client.post(
        f"/api/v1/cases/{case.pk}/photos",
        {"photos": [SimpleUploadedFile("x.png", png_bytes(), content_type="image/png")]},
    )
    assert again.status_code == 200
    assert CasePhoto.objects.filter(case=case).count() == 1


# --- The database away under the scheduler --------------------------------------------------------


def test_the_scheduler_loop_outlives_a_database_outage(monkeypatch):
    """run_scheduler (not --once) used to exit on the first OperationalError, stopping every
    periodic job until someone restarted it; it now waits for the next interval."""
    from io import StringIO

    from django.core.management import call_command
    from django.db import OperationalError

    from pingan.core import scheduler
    from pingan.core.management.commands import run_scheduler

    ticks = []

    def run_due(*, owner):
        ticks.append(owner)
        if len(ticks) == 1:
            raise OperationalError('connection to server at "127.0.0.1" failed: Connection refused')
        if len(ticks) == 3:
            command.running = False  # a SIGTERM after the database came back
        return []

    real_init = run_scheduler.Command.__init__

    def remember(self, *args, **kwargs):
        nonlocal command
        command = self
        real_init(self, *args, **kwargs)

    command = None
    monkeypatch.setattr(run_scheduler.Command, "__init__", remember)
    monkeypatch.setattr(scheduler, "run_due", run_due)
    monkeypatch.setattr(scheduler, "autodiscover", lambda: None)
    monkeypatch.setattr(run_scheduler, "close_old_connections", lambda: None)
    err = StringIO()

    call_command("run_scheduler", "--interval", "0.01", stdout=StringIO(), stderr=err)

    assert len(ticks) == 3  # it went on after the failed tick
    assert "Database unavailable, trying again: connection to server" in err.getvalue()
