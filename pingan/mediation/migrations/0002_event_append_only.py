"""The database itself refuses to change timeline rows, as it does for the audit log (see
core 0002: on SQLite only UPDATE is refused, since the test flush empties tables with DELETE)."""

from django.db import migrations


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE TRIGGER mediation_disputeevent_append_only BEFORE UPDATE OR DELETE "
            "ON mediation_disputeevent FOR EACH ROW EXECUTE FUNCTION pingan_append_only();"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            "CREATE TRIGGER mediation_disputeevent_append_only BEFORE UPDATE "
            "ON mediation_disputeevent "
            "BEGIN SELECT RAISE(ABORT, 'append-only table mediation_disputeevent'); END;"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS mediation_disputeevent_append_only ON mediation_disputeevent;"
        )
    else:
        schema_editor.execute("DROP TRIGGER IF EXISTS mediation_disputeevent_append_only;")


class Migration(migrations.Migration):
    dependencies = [("mediation", "0001_initial"), ("core", "0002_audit_append_only")]
    operations = [migrations.RunPython(forwards, backwards)]
