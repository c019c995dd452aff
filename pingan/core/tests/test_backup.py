"""Backup and restore (manage.py backup / restore): a seeded database with an uploaded file and
the key files goes into one archive and comes back with the same rows and checksums; a damaged
archive and a non-empty database are refused without changing anything.

The tests commit (transaction=True): on PostgreSQL pg_dump and pg_restore are other sessions and
see only committed rows. They run on SQLite and on PostgreSQL alike; on PostgreSQL they skip
only when pg_dump/pg_restore are not installed."""

import io
import shutil
import stat
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from pingan.core.backup import database, files
from pingan.core.backup.archive import create_backup, restore_backup
from pingan.core.backup.errors import BackupError
from pingan.org.models import User

pytestmark = pytest.mark.django_db(transaction=True)

PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.fixture(autouse=True)
def _pg_tools():
    if connection.vendor == "postgresql" and not (
        shutil.which("pg_dump") and shutil.which("pg_restore")
    ):
        pytest.skip("pg_dump/pg_restore not installed (Debian: apt-get install postgresql-client)")


@pytest.fixture
def installation(settings, tmp_path, demo_city):
    """The demo city, one uploaded photo, both key files, an encrypted phone to read back."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path / "var"
    photo = settings.MEDIA_ROOT / "cases" / "2026" / "11" / "a1b2.png"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(PHOTO)
    settings.VAR_DIR.mkdir()
    (settings.VAR_DIR / "secret_key").write_text("test-secret\n")
    (settings.VAR_DIR / "pii.key").write_text(settings.PINGAN_PII_KEY + "\n")
    settings.demo_phone = User.objects.get(username="demo_worker").phone
    assert settings.demo_phone
    return settings


def _counts():
    return {t: n for t, n in database.row_counts().items() if not t.startswith("sqlite_")}


def _wipe(settings):
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    for name in files.KEY_FILES:
        (settings.VAR_DIR / name).unlink()


def test_backup_wipe_restore_gives_back_rows_and_checksums(installation, tmp_path):
    before = _counts()
    keys_before = files.key_checksums()
    media_before = files.media_checksums()
    assert before["org_user"] > 10 and len(media_before) == 1

    archive, manifest = create_backup(str(tmp_path / "out") + "/")

    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert manifest["engine"] == connection.vendor
    assert {t: n for t, n in manifest["tables"].items() if not t.startswith("sqlite_")} == before
    assert set(manifest["files"]) == {
        manifest["database_file"],
        *media_before,
        "keys/secret_key",
        "keys/pii.key",
    }
    assert all(manifest["files"][name] == digest for name, digest in media_before.items())

    _wipe(installation)
    assert _counts()["org_user"] == 0

    report = restore_backup(archive)

    assert report.ok, report.tables
    assert _counts() == before
    assert files.media_checksums() == media_before
    assert files.key_checksums() == keys_before
    assert (installation.MEDIA_ROOT / "cases/2026/11/a1b2.png").read_bytes() == PHOTO
    # The ciphertext came back as it was stored, and the restored key reads it.
    assert User.objects.get(username="demo_worker").phone == installation.demo_phone


def test_restore_refuses_a_database_with_data_without_force(installation, tmp_path):
    archive, _ = create_backup(str(tmp_path / "b.tar.gz"))
    User.objects.filter(username="demo_worker").update(name="changed")
    before = _counts()

    with pytest.raises(BackupError, match="--force"):
        restore_backup(archive)

    assert _counts() == before
    assert User.objects.get(username="demo_worker").name == "changed"

    report = restore_backup(archive, force=True)
    assert report.ok
    assert User.objects.get(username="demo_worker").name != "changed"


def test_force_restore_drops_media_files_not_in_the_archive(installation, tmp_path):
    archive, _ = create_backup(str(tmp_path / "b.tar.gz"))
    stray = installation.MEDIA_ROOT / "later.png"
    stray.write_bytes(b"later upload")

    report = restore_backup(archive, force=True)

    assert report.ok
    assert not stray.exists()


def _rewrite(archive: Path, target: Path, change) -> Path:
    """Copy the archive member by member, letting `change(name, data)` alter a member."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as out:
        for member in source:
            data = source.extractfile(member).read()
            data = change(member.name, data)
            if data is None:
                continue
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    return target


@pytest.mark.parametrize(
    "damage, message",
    [
        ("truncate", "damaged"),
        ("alter_media", "checksum: media/cases/2026/11/a1b2.png"),
        ("alter_database", "checksum: database/"),
        ("drop_key", "missing: keys/pii.key"),
        ("not_gzip", "damaged"),
    ],
)
def test_a_damaged_archive_is_refused_before_anything_changes(
    installation, tmp_path, damage, message
):
    archive, _ = create_backup(str(tmp_path / "good.tar.gz"))
    bad = tmp_path / "bad.tar.gz"
    if damage == "truncate":
        bad.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    elif damage == "not_gzip":
        bad.write_bytes(b"this is not an archive")
    elif damage == "alter_media":
        _rewrite(archive, bad, lambda n, d: d[:-1] + b"X" if n.startswith("media/") else d)
    elif damage == "alter_database":
        _rewrite(archive, bad, lambda n, d: d + b"\0" if n.startswith("database/") else d)
    else:
        _rewrite(archive, bad, lambda n, d: None if n == "keys/pii.key" else d)
    User.objects.filter(username="demo_worker").update(name="changed")
    before, media, keys = _counts(), files.media_checksums(), files.key_checksums()

    # --force: the archive is refused for its damage, not for the data in the database.
    with pytest.raises(BackupError, match=message):
        restore_backup(bad, force=True)

    assert _counts() == before
    assert User.objects.get(username="demo_worker").name == "changed"
    assert files.media_checksums() == media and files.key_checksums() == keys


def test_restore_refuses_an_archive_of_another_engine(installation, tmp_path):
    archive, _ = create_backup(str(tmp_path / "good.tar.gz"))
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def relabel(name, data):
        if name != "manifest.json":
            return data
        return data.replace(
            f'"engine": "{connection.vendor}"'.encode(), f'"engine": "{other}"'.encode()
        )

    bad = _rewrite(archive, tmp_path / "other.tar.gz", relabel)
    before = _counts()

    with pytest.raises(BackupError, match="same engine"):
        restore_backup(bad, force=True)

    assert _counts() == before


def test_commands_print_the_mode_and_the_counts(installation, tmp_path, monkeypatch):
    monkeypatch.setenv("PINGAN_PII_KEY", installation.PINGAN_PII_KEY)
    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path), stdout=out)
    text = out.getvalue()
    assert "0600" in text and "media files: 1" in text
    assert "PINGAN_PII_KEY comes from the environment and is NOT in the archive" in text
    archive = next(tmp_path.glob("pingan-backup-*.tar.gz"))

    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive), stdout=io.StringIO())

    _wipe(installation)
    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    text = out.getvalue()
    users = User.objects.count()
    assert "org_user" in text
    line = next(line for line in text.splitlines() if line.strip().startswith("org_user "))
    assert line.split()[1:] == [str(users), str(users)]
    assert "files (media + keys) with equal sha256: 3 of 3" in text


def test_media_root_holding_the_keys_or_the_archive_is_refused(installation, tmp_path):
    with pytest.raises(BackupError, match="inside MEDIA_ROOT"):
        create_backup(str(installation.MEDIA_ROOT / "backups") + "/")

    archive, _ = create_backup(str(tmp_path / "b.tar.gz"))
    installation.MEDIA_ROOT = tmp_path  # VAR_DIR (the keys) lies inside it
    before = _counts()

    with pytest.raises(BackupError, match="contains VAR_DIR"):
        restore_backup(archive, force=True)

    assert _counts() == before
    assert (installation.VAR_DIR / "pii.key").exists() and archive.exists()
