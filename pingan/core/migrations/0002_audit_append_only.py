"""The database itself refuses to change audit rows (and, on PostgreSQL, to delete them).

SQLite keeps only the UPDATE guard: Django's test flush empties tables with DELETE, while
PostgreSQL's TRUNCATE does not fire row triggers.
"""

from django.db import migrations

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION pingan_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'append-only table %', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # params=None: the function body's % must not be taken for a placeholder.
        schema_editor.execute(PG_FUNCTION, params=None)
        schema_editor.execute(
            "CREATE TRIGGER core_auditentry_append_only BEFORE UPDATE OR DELETE "
            "ON core_auditentry FOR EACH ROW EXECUTE FUNCTION pingan_append_only();"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            "CREATE TRIGGER core_auditentry_append_only BEFORE UPDATE ON core_auditentry "
            "BEGIN SELECT RAISE(ABORT, 'append-only table core_auditentry'); END;"
        )


def backwards(apps, schema_editor):
    schema_editor.execute("DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry;"
                          if schema_editor.connection.vendor == "postgresql"
                          else "DROP TRIGGER IF EXISTS core_auditentry_append_only;")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
