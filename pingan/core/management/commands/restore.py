"""`manage.py restore ARCHIVE [--force]`: checksums first, then database, media and keys."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pingan.core.backup.archive import restore_backup
from pingan.core.backup.errors import BackupError


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`. Every member's checksum is verified "
        "before anything is touched; a non-empty database is replaced only with --force. Stop "
        "the app servers, worker and scheduler first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz written by `manage.py backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database and media directory that hold data",
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            report = restore_backup(Path(archive), force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = report.manifest
        self.stdout.write(
            f"Restored {archive} (made {manifest['created_at']}, {manifest['engine']})"
        )
        self.stdout.write(f"  {'table':<40} {'archive':>10} {'now':>10}")
        for table, (expected, found) in sorted(report.tables.items()):
            mark = "" if expected == found else "   <-- differs"
            self.stdout.write(f"  {table:<40} {expected:>10} {found:>10}{mark}")
        total_expected = sum(e for e, _ in report.tables.values() if e >= 0)
        total_found = sum(f for _, f in report.tables.values() if f >= 0)
        self.stdout.write(f"  {'total rows':<40} {total_expected:>10} {total_found:>10}")
        same = sum(report.files.values())
        self.stdout.write(
            f"  files (media + keys) with equal sha256: {same} of {len(report.files)}"
        )
        for name, equal in sorted(report.files.items()):
            if not equal:
                self.stdout.write(self.style.ERROR(f"  checksum differs or file missing: {name}"))
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"  {warning}"))
        if not report.ok:
            raise CommandError("the restored data differs from the manifest (see above)")
        self.stdout.write(
            self.style.SUCCESS(
                "Row counts and checksums equal the manifest. Run `manage.py migrate` if this "
                "code is newer than the backup, then start the servers, worker and scheduler "
                "(they read the restored keys at start)."
            )
        )
