"""The database itself refuses to change timeline rows, as it does for the audit log (see
core 0002: on SQLite only UPDATE is refused, since the test flush empties tables with DELETE)."""

from django.db import migrations

TABLE = "petitions_petitionevent"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE "
            f"ON {TABLE} FOR EACH ROW EXECUTE FUNCTION pingan_append_only();"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE ON {TABLE} "
            f"BEGIN SELECT RAISE(ABORT, 'append-only table {TABLE}'); END;"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE};")
    else:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_append_only;")


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial"), ("core", "0002_audit_append_only")]
    operations = [migrations.RunPython(forwards, backwards)]
