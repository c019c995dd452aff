"""`manage.py backup`: database, uploaded files and key files in one archive."""

from django.core.management.base import BaseCommand, CommandError

from pingan.core.backup.archive import create_backup
from pingan.core.backup.errors import BackupError


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite: online backup API; PostgreSQL: pg_dump), MEDIA_ROOT and "
        "the key files of VAR_DIR into one tar.gz with a manifest of row counts and checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="DIR|FILE",
            help="directory for the archive (named by date) or the archive's file name; "
            "default VAR_DIR/backups/",
        )

    def handle(self, *args, output=None, **options):
        try:
            path, manifest = create_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        keys = sorted(
            name.removeprefix("keys/") for name in manifest["files"] if name.startswith("keys/")
        )
        self.stdout.write(f"Backup written: {path}")
        self.stdout.write(
            f"  database: {manifest['engine']}, {len(manifest['tables'])} tables, {rows} rows"
        )
        self.stdout.write(f"  media files: {media}")
        self.stdout.write(f"  key files: {', '.join(keys) or 'none'}")
        for env in manifest["keys_from_environment"]:
            self.stdout.write(
                self.style.WARNING(
                    f"  {env} comes from the environment and is NOT in the archive: keep it in "
                    "your secret store; the data cannot be read without it."
                )
            )
        self.stdout.write(
            self.style.WARNING(
                "The archive holds the keys to the personal data: it was created with mode 0600 "
                "(owner only). Store it encrypted and apart from the server."
            )
        )
