"""The database part of a backup: a native copy, not Django's serialisation.

Why native (the sqlite3 backup API, pg_dump/pg_restore) rather than dumpdata/loaddata: Django's
serialisers read every model through its fields, so the encrypted personal data would come out
as plain text in the archive; a native copy keeps the ciphertext as it is stored. It also keeps
what the ORM does not know about (the append-only triggers, sequences, indexes) and is faster by
orders of magnitude. The price is that an archive restores into the same engine it came from.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection, transaction

from pingan.core.backup.errors import BackupError

SQLITE_FILE = "database/db.sqlite3"
POSTGRES_FILE = "database/db.pgdump"
# Rows that `migrate` itself writes, which do not make a database worth protecting.
BOOKKEEPING_TABLES = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "pingan_cache",
    "hall_windowkind",
}


def engine() -> str:
    return connection.vendor


def _quote(table: str) -> str:
    return connection.ops.quote_name(table)


def row_counts(cursor=None) -> dict[str, int]:
    """Rows per table of the live database, through Django's connection."""
    tables = sorted(connection.introspection.table_names(cursor))
    if cursor is None:
        with connection.cursor() as own:
            return _count(own, tables)
    return _count(cursor, tables)


def _count(cursor, tables) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def tables_with_data() -> dict[str, int]:
    """The tables that hold rows other than what `migrate` writes (empty: nothing to lose)."""
    return {
        table: count
        for table, count in row_counts().items()
        if count and table not in BOOKKEEPING_TABLES
    }


# --- SQLite -------------------------------------------------------------------------------------


def _raw_sqlite():
    connection.ensure_connection()
    return connection.connection


def sqlite_dump(target: Path) -> dict[str, int]:
    """An online, consistent copy through the backup API (a file copy of a live database in WAL
    mode can miss committed pages still in the -wal file). Counts come from the copy itself."""
    destination = sqlite3.connect(target)
    try:
        # pages=-1: one step, under one read lock, so the copy is one consistent state.
        _raw_sqlite().backup(destination, pages=-1)
        tables = [
            name
            for (name,) in destination.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: destination.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            for table in sorted(tables)
        }
    finally:
        destination.close()


def sqlite_restore(source: Path) -> None:
    """Replace the live database's content page by page with the archived copy."""
    origin = sqlite3.connect(source)
    try:
        origin.backup(_raw_sqlite(), pages=-1)
    finally:
        origin.close()
    # Django may hold cached state (savepoint ids, the connection's view of the schema).
    connection.close()


# --- PostgreSQL ---------------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} not found: install the PostgreSQL client tools "
            "(Debian: apt-get install postgresql-client)"
        )
    return path


def _pg_args_env() -> tuple[list[str], dict]:
    """Connection arguments for the client tools. The password goes in the environment, never
    on the command line, where every user of the machine could read it in `ps`."""
    settings_dict = connection.settings_dict
    args = ["--dbname", settings_dict["NAME"]]
    if settings_dict.get("HOST"):
        args += ["--host", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    sslmode = (settings_dict.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    return args, env


def _run(command: list[str], env: dict) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(f"{tool} failed (exit {done.returncode}): {done.stderr[-2000:]}")


def postgres_dump(target: Path) -> dict[str, int]:
    """pg_dump inside the snapshot the counts were taken in, so the manifest describes exactly
    the rows in the dump even while the platform keeps writing."""
    pg_dump = _pg_tool("pg_dump")
    args, env = _pg_args_env()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = row_counts(cursor)
        _run(
            [
                pg_dump,
                *args,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
            ],
            env,
        )
    return counts


def postgres_restore(source: Path) -> None:
    """Drop what the dump holds and recreate it, in one transaction: a failure changes nothing."""
    pg_restore = _pg_tool("pg_restore")
    args, env = _pg_args_env()
    # Our own idle connection holds no locks, but closing it makes sure of that.
    connection.close()
    _run(
        [
            pg_restore,
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(source),
        ],
        env,
    )


DUMPERS = {"sqlite": (SQLITE_FILE, sqlite_dump), "postgresql": (POSTGRES_FILE, postgres_dump)}
RESTORERS = {
    "sqlite": (SQLITE_FILE, sqlite_restore),
    "postgresql": (POSTGRES_FILE, postgres_restore),
}


def check_supported(vendor: str) -> None:
    if vendor not in DUMPERS:
        raise BackupError(f"unsupported database engine {vendor!r}: SQLite and PostgreSQL only")
