"""Inserting many generated rows quickly (benchmarks, `seed_scale`)."""

from django.db import connection


def insert_rows(model, objects) -> None:
    """INSERT the objects' rows with one executemany: what bulk_create sends, without the ORM's
    per-object SQL compilation, which makes a million rows take many minutes. Field values are
    prepared as the ORM would (encryption, blind indexes, defaults), so the rows are ordinary.
    No signals, no save(): for generated data only."""
    fields = model._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(model._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
    rows = [
        [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def reset_sequences(*models) -> None:
    """After rows were inserted with explicit ids (PostgreSQL's sequences do not follow)."""
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)
