"""A phone saved through the model never appears in plain text in the database."""

from django.db import connection

from pingan.core.models import AuditEntry
from pingan.org import services
from pingan.org.models import User

PHONE = "13957388888"


def _all_text_in_tables(*tables: str) -> str:
    dump = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {table}")
            dump.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(dump)


def test_phone_is_ciphertext_in_the_row_and_in_the_audit_log(db):
    user = services.user_create(username="worker1", password="pw-long-enough", phone=PHONE)
    raw = _all_text_in_tables(User._meta.db_table, AuditEntry._meta.db_table)
    assert PHONE not in raw
    assert "pa1:" in raw
    # The audit log shows the change, masked.
    assert "139****8888" in raw
    # The model still gives the plain value back, and the blind index finds the row.
    assert User.objects.get(pk=user.pk).phone == PHONE
    assert User.objects.get_by_phone("139-5738-8888") == user


def test_phone_is_not_in_the_sqlite_file(transactional_db, tmp_path):
    if connection.vendor != "sqlite":
        return
    services.user_create(username="worker2", password="pw-long-enough", phone=PHONE)
    target = tmp_path / "copy.sqlite3"
    # VACUUM INTO writes the whole database, as it would sit on disk, into a file we can read.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(target)])
    data = target.read_bytes()
    assert PHONE.encode() not in data
    assert b"worker2" in data
