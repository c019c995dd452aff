"""The database itself refuses to change timeline rows, as it does for the audit log (see
core 0002: on SQLite only UPDATE is refused, since the test flush empties tables with DELETE)."""

from django.db import migrations


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE TRIGGER hazards_hazardevent_append_only BEFORE UPDATE OR DELETE "
            "ON hazards_hazardevent FOR EACH ROW EXECUTE FUNCTION pingan_append_only();"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            "CREATE TRIGGER hazards_hazardevent_append_only BEFORE UPDATE "
            "ON hazards_hazardevent "
            "BEGIN SELECT RAISE(ABORT, 'append-only table hazards_hazardevent'); END;"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS hazards_hazardevent_append_only ON hazards_hazardevent;"
        )
    else:
        schema_editor.execute("DROP TRIGGER IF EXISTS hazards_hazardevent_append_only;")


class Migration(migrations.Migration):
    dependencies = [("hazards", "0001_initial"), ("core", "0002_audit_append_only")]
    operations = [migrations.RunPython(forwards, backwards)]
