"""The database reads and the one write of a scan, in plain SQL.

A scan is the platform's hottest request (every gate, every person). Through the ORM its five
small statements cost more to compile than the signature check and the whole middleware stack
together (bench scan_online); written out they are a fraction of it. Only this module knows the
table names, and they come from the models' _meta, so a renamed table still works."""

import threading

from django.db import connection

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
_CHECKPOINT = (
    f"SELECT c.id, c.kind, c.name, c.place_id, c.region_id FROM {_T['checkpoint']} c "
    f"WHERE c.id = %s AND c.is_active"
)
_GUARDED = (
    f" AND EXISTS (SELECT 1 FROM {_T['guard']} g WHERE g.checkpoint_id = c.id AND g.user_id = %s)"
)
_REVOCATION = (
    f"SELECT min_seq, reason FROM {_T['revocation']} WHERE rid = %s AND code_type = %s "
    "ORDER BY min_seq DESC LIMIT 1"
)
_EMPLOYEE = f"SELECT 1 FROM {_T['employment']} WHERE place_id = %s AND rid = %s"
_RESIDENT_OR_INVITED = (
    f"SELECT 1 FROM {_T['residence']} WHERE place_id = %s AND rid = %s UNION ALL "
    f"SELECT 1 FROM {_T['invitation']} WHERE place_id = %s AND visitor_rid = %s AND day = %s"
)
_INSERT_SCAN = (
    f"INSERT INTO {_T['scanlog']} (checkpoint_id, at, rid_hash, code_type, colour, result, "
    "reason, guard_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
)


def _one(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def checkpoint_for(user, pk: int) -> Checkpoint | None:
    """The active checkpoint `pk` if `user` guards it (any, for a superuser)."""
    if user.is_superuser:
        row = _one(_CHECKPOINT, [pk])
    else:
        row = _one(_CHECKPOINT + _GUARDED, [pk, user.pk])
    if row is None:
        return None
    return Checkpoint(id=row[0], kind=row[1], name=row[2], place_id=row[3], region_id=row[4])


def latest_revocation(rid: bytes, code_type: str) -> tuple[int, str] | None:
    return _one(_REVOCATION, [rid.hex(), code_type])


def is_employee(place_id: int, rid: bytes) -> bool:
    return _one(_EMPLOYEE, [place_id, rid.hex()]) is not None


def is_resident_or_invited(place_id: int, rid: bytes, day) -> bool:
    rid_hex = rid.hex()
    day_value = connection.ops.adapt_datefield_value(day)
    return _one(_RESIDENT_OR_INVITED, [place_id, rid_hex, place_id, rid_hex, day_value]) is not None


# SQLite has one writer at a time, and a writer that finds the lock taken sleeps (1 ms, 2 ms,
# 5 ms...) before trying again. Threads of one process therefore queue here for the write
# instead, which costs them microseconds; only other processes can still make them wait.
_sqlite_write = threading.Lock()


def insert_scan(**row) -> None:
    """Keyword arguments: checkpoint_id, at, rid_hash, code_type, colour, result, reason,
    guard_id."""
    if connection.vendor == "sqlite" and connection.get_autocommit():
        with _sqlite_write:
            _insert_scan(**row)
    else:
        _insert_scan(**row)


def _insert_scan(*, checkpoint_id, at, rid_hash, code_type, colour, result, reason, guard_id):
    with connection.cursor() as cursor:
        cursor.execute(
            _INSERT_SCAN,
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
        )
