"""The audit log may lose rows older than its retention period (core.retention, policy
core.audit_log), and only that way. On PostgreSQL the trigger now lets a DELETE through inside a
transaction that has set `pingan.retention_purge` (SET LOCAL, as the scan-log purge does);
UPDATE stays refused. SQLite never guarded DELETE (see 0002), so it needs nothing."""

from django.db import migrations

GUARD = """
CREATE OR REPLACE FUNCTION core_auditentry_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('pingan.retention_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'append-only table %', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(GUARD, params=None)
    schema_editor.execute("DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry;")
    schema_editor.execute(
        "CREATE TRIGGER core_auditentry_append_only BEFORE UPDATE OR DELETE ON core_auditentry "
        "FOR EACH ROW EXECUTE FUNCTION core_auditentry_guard();"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry;")
    schema_editor.execute(
        "CREATE TRIGGER core_auditentry_append_only BEFORE UPDATE OR DELETE ON core_auditentry "
        "FOR EACH ROW EXECUTE FUNCTION pingan_append_only();"
    )
    schema_editor.execute("DROP FUNCTION IF EXISTS core_auditentry_guard();")


class Migration(migrations.Migration):
    dependencies = [("core", "0005_retentionrun")]
    operations = [migrations.RunPython(forwards, backwards)]
