"""The database reads and the one write of a scan, in plain SQL.

A scan is the platform's hottest request (every gate, every person). Through the ORM its
statements cost more to compile than the signature check and the whole middleware stack
together (bench scan_online); written out, the reads as one statement, they are a fraction
of it. Only this module knows the
table names, and they come from the models' _meta, so a renamed table still works."""

import functools
import os
import threading
from dataclasses import dataclass

from django.db import connection

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

from pingan.passes.models import (
    Checkpoint,
    CheckpointGuard,
    Employment,
    Invitation,
    Residence,
    RevocationEntry,
    ScanLog,
)

_T = {
    "checkpoint": Checkpoint._meta.db_table,
    "guard": CheckpointGuard._meta.db_table,
    "revocation": RevocationEntry._meta.db_table,
    "employment": Employment._meta.db_table,
    "residence": Residence._meta.db_table,
    "invitation": Invitation._meta.db_table,
    "scanlog": ScanLog._meta.db_table,
}
_GUARDED = (
    f" AND EXISTS (SELECT 1 FROM {_T['guard']} g WHERE g.checkpoint_id = c.id AND g.user_id = %s)"
)
_REVOCATION = (
    f"SELECT min_seq, reason FROM {_T['revocation']} WHERE rid = %s AND code_type = %s "
    "ORDER BY min_seq DESC LIMIT 1"
)
_LATEST = (
    f"(SELECT r.{{column}} FROM {_T['revocation']} r WHERE r.rid = %s AND r.code_type = %s "
    "ORDER BY r.min_seq DESC LIMIT 1)"
)
# Everything a scan reads, in one statement: the checkpoint (if active, and guarded by the
# user), the holder's latest revocation, and whether the gate's rule knows the holder.
_FACTS = (
    "SELECT c.id, c.kind, c.name, c.place_id, c.region_id, "
    + _LATEST.format(column="min_seq")
    + ", "
    + _LATEST.format(column="reason")
    + f", EXISTS (SELECT 1 FROM {_T['employment']} e WHERE e.place_id = c.place_id "
    "AND e.rid = %s), "
    f"EXISTS (SELECT 1 FROM {_T['residence']} s WHERE s.place_id = c.place_id AND s.rid = %s) "
    f"OR EXISTS (SELECT 1 FROM {_T['invitation']} i WHERE i.place_id = c.place_id "
    "AND i.visitor_rid = %s AND i.day = %s) "
    f"FROM {_T['checkpoint']} c WHERE c.id = %s AND c.is_active"
)
_FACTS_FUNCTION = "SELECT * FROM passes_scan_facts(%s, %s, %s, %s, %s)"
_SCAN_COLUMNS = "checkpoint_id, at, rid_hash, code_type, colour, result, reason, guard_id"
_INSERT_SCAN = (
    f"INSERT INTO {_T['scanlog']} ({_SCAN_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
)
# PostgreSQL, for a scan committed on its own: the commit does not wait for the WAL to reach
# the disk (synchronous_commit off for this one transaction, set inside the statement itself so
# it costs no round trip). Waiting for the disk made each scan several times slower than the
# rest of its work (bench scan_online). The database stays consistent after any crash; an
# operating-system crash or power cut can lose the last fraction of a second of scan logs,
# which are a record of passage, not of anything the platform decided (docs/architecture.md).
_INSERT_SCAN_RELAXED = "SELECT passes_scan_log(%s, %s, %s, %s, %s, %s, %s, %s)"


def _execute(sql: str, params, *, fetch: bool = True) -> tuple | None:
    """Run one statement on the DB-API cursor of Django's connection and return its first
    row (with `fetch`). Django's cursor wrapper rewrites every query's placeholders with a
    regular expression and times it for the debug log, a fifth of a scan's SQL cost; here each
    statement's placeholders are converted once per database. Errors are still Django's. (The
    caller says whether there is a row: asking the cursor builds a description of every
    column.)"""
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        with connection.wrap_database_errors:
            cursor.execute(_native(sql), params)
            return cursor.fetchone() if fetch else None
    finally:
        cursor.close()


@functools.cache
def _native(sql: str) -> str:
    return sql.replace("%s", "?") if connection.vendor == "sqlite" else sql


def _one(sql, params):
    return _execute(sql, params)


def latest_revocation(rid: bytes, code_type: str) -> tuple[int, str] | None:
    return _one(_REVOCATION, [rid.hex(), code_type])


@dataclass(frozen=True, slots=True)
class ScanPoint:
    """The checkpoint as a scan needs it (a model instance costs more to build than the rule)."""

    pk: int
    kind: str
    name: str
    place_id: int | None
    region_id: int | None
    is_active: bool = True
    accepted_type = property(Checkpoint.accepted_type.fget)


@dataclass(frozen=True)
class ScanFacts:
    checkpoint: ScanPoint
    revocation: tuple[int, str] | None  # (lowest valid seq, reason) of the holder's code type
    employee: bool  # the holder works at the checkpoint's place
    resident_or_invited: bool  # lives there, or is invited there for `day`


def scan_facts(
    pk: int, *, guard_id: int | None, rid: bytes | None, code_type: str, day
) -> ScanFacts | None:
    """What a scan at checkpoint `pk` needs to know, in one round trip; None when there is no
    such active checkpoint or (`guard_id` given) that user does not guard it. Without a holder
    (`rid` None: the code did not verify) only the checkpoint is read."""
    if not 0 < pk < 2**63:
        return None
    rid_hex = rid.hex() if rid is not None else ""
    day = connection.ops.adapt_datefield_value(day)
    if connection.vendor == "postgresql":
        # The same reads, as a function whose plans PostgreSQL keeps (passes migration 0003).
        row = _one(_FACTS_FUNCTION, [rid_hex, code_type, day, pk, guard_id])
    else:
        params = [rid_hex, code_type, rid_hex, code_type, rid_hex, rid_hex, rid_hex, day, pk]
        sql = _FACTS
        if guard_id is not None:
            sql += _GUARDED
            params.append(guard_id)
        row = _one(sql, params)
    if row is None:
        return None
    checkpoint = ScanPoint(pk=row[0], kind=row[1], name=row[2], place_id=row[3], region_id=row[4])
    revocation = (row[5], row[6]) if row[5] is not None else None
    return ScanFacts(checkpoint, revocation, bool(row[7]), bool(row[8]))


# SQLite has one writer at a time, and a writer that finds the lock taken sleeps (1 ms, 2 ms,
# 5 ms...) before trying again, while the write itself takes a tenth of a millisecond. So scans
# queue for the write in front of SQLite instead: threads of a process on a lock, processes
# (gunicorn's workers) on an flock of a file beside the database, which the kernel hands on the
# moment it is released.
_sqlite_write = threading.Lock()
_lock_files: dict[tuple[int, str], int] = {}


def insert_scan(**row) -> None:
    """Keyword arguments: checkpoint_id, at, rid_hash, code_type, colour, result, reason,
    guard_id."""
    if connection.vendor == "postgresql" and connection.get_autocommit():
        _insert_scan(_INSERT_SCAN_RELAXED, **row)
    elif connection.vendor == "sqlite" and connection.get_autocommit():
        with _sqlite_write:
            fd = _lock_file()
            if fd is None:
                _insert_scan(_INSERT_SCAN, **row)
                return
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                _insert_scan(_INSERT_SCAN, **row)
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
    else:
        _insert_scan(_INSERT_SCAN, **row)


def _lock_file() -> int | None:
    name = str(connection.settings_dict["NAME"])
    if fcntl is None or "memory" in name or not name:
        return None  # an in-memory database has one process; Windows has no flock
    # Per process: a descriptor inherited through fork would share its lock with the parent.
    key = (os.getpid(), name)
    if key not in _lock_files:
        _lock_files[key] = os.open(f"{name}.scan-lock", os.O_CREAT | os.O_RDWR, 0o600)
    return _lock_files[key]


def _insert_scan(sql, *, checkpoint_id, at, rid_hash, code_type, colour, result, reason, guard_id):
    _execute(
        sql,
        [
            checkpoint_id,
            connection.ops.adapt_datetimefield_value(at),
            rid_hash,
            code_type,
            colour,
            result,
            reason,
            guard_id,
        ],
        fetch=False,
    )
