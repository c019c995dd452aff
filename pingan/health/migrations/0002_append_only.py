"""The database refuses to change the health app's logs: the colour changes (the passes app's
revocation versions are their ids) and the timelines of red requests and appeals. SQLite keeps
only the UPDATE guard, as for the audit log (core 0002)."""

from django.db import migrations

TABLES = ["health_statuschange", "health_changerequestevent", "health_appealevent"]


def add_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION pingan_append_only();"
            )
        elif vendor == "sqlite":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'append-only table {table}'); END;"
            )


def drop_triggers(apps, schema_editor):
    for table in TABLES:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only;")


class Migration(migrations.Migration):
    dependencies = [("health", "0001_initial"), ("core", "0002_audit_append_only")]
    operations = [migrations.RunPython(add_triggers, drop_triggers)]
