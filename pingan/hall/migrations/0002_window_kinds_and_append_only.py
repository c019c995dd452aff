"""The two window kinds every centre has (综合窗口, 法律服务窗口), and the database refusing to
change the queue's and the matters' timelines (as for cases, see cases 0002)."""

from django.db import migrations

KINDS = [
    # code, name, prefix, is_legal, description, sort order
    ("comprehensive", "综合窗口", "A", False, "咨询、投诉、求助、矛盾纠纷、信访等", 10),
    ("legal", "法律服务窗口", "L", True, "法官、检察官、警官、律师坐班答疑", 20),
]
TABLES = ["hall_ticketevent", "hall_matterevent"]


def add_kinds(apps, schema_editor):
    WindowKind = apps.get_model("hall", "WindowKind")
    for code, name, prefix, is_legal, description, order in KINDS:
        WindowKind.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "prefix": prefix,
                "is_legal": is_legal,
                "description": description,
                "sort_order": order,
            },
        )


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
    dependencies = [("hall", "0001_initial"), ("core", "0002_audit_append_only")]
    operations = [
        migrations.RunPython(add_kinds, migrations.RunPython.noop),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
