"""The database refuses to change the passes app's logs (revocations, travel pass timelines,
scan logs). Scan logs may be deleted only by the retention purge, which marks its transaction
(`SET LOCAL pingan.scan_purge = on`, see services.checkpoints.scans_purge). SQLite keeps only
the UPDATE guard, as for the audit log (core 0002)."""

from django.db import migrations

TABLES = ["passes_revocationentry", "passes_travelpassevent"]
SCAN_FUNCTION = """
CREATE OR REPLACE FUNCTION passes_scanlog_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('pingan.scan_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'append-only table %', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def add_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in [*TABLES, "passes_scanlog"]:
        if vendor == "postgresql":
            function = "passes_scanlog_guard" if table == "passes_scanlog" else "pingan_append_only"
            if table == "passes_scanlog":
                schema_editor.execute(SCAN_FUNCTION, params=None)
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {function}();"
            )
        elif vendor == "sqlite":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'append-only table {table}'); END;"
            )


def drop_triggers(apps, schema_editor):
    for table in [*TABLES, "passes_scanlog"]:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only;")


class Migration(migrations.Migration):
    dependencies = [("passes", "0001_initial"), ("core", "0002_audit_append_only")]
    operations = [migrations.RunPython(add_triggers, drop_triggers)]
