"""A throwaway database for a benchmark run.

Without DATABASE_URL: a SQLite file in a temporary directory (with the same WAL settings the
embedded deployment uses). With DATABASE_URL (PostgreSQL): Django creates `test_<name>` next to
the named database, as the test runner does, and drops it at the end. The database DATABASE_URL
names, and var/pingan.sqlite3, are never written to.
"""

import contextlib
import os
import tempfile
from pathlib import Path


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pingan.settings")
    import django

    django.setup()


@contextlib.contextmanager
def throwaway_database(*, verbose: bool = True):
    """Set Django up on a fresh, migrated database; yield its description; drop it after."""
    with tempfile.TemporaryDirectory(prefix="pingan-bench-") as tmp:
        if not os.environ.get("DATABASE_URL"):
            # Point the default database at the temporary directory too, so that nothing in
            # the run can reach var/pingan.sqlite3 even by mistake.
            os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'main.sqlite3'}"
        setup_django()
        from django.db import connection

        if connection.vendor == "sqlite":
            connection.settings_dict["TEST"]["NAME"] = str(Path(tmp) / "bench.sqlite3")
        old_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        try:
            described = f"{connection.vendor} {connection.settings_dict['NAME']}"
            if verbose:
                print(f"database: {described}")
            yield described
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
