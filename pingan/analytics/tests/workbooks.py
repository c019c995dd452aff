"""Excel files for the import tests, written as a department would fill in the template."""

from pingan.analytics.importer import COLUMNS, workbook_of


def xlsx(rows, header=COLUMNS) -> bytes:
    return workbook_of(rows, header)
