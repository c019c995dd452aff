"""Writing a backup archive and reading one back, checksums first.

Layout of the tar.gz:
    manifest.json           created_at, engine, rows per table, sha256 of every other member
    database/db.sqlite3     or database/db.pgdump (pg_dump custom format)
    media/...               every uploaded file under MEDIA_ROOT
    keys/secret_key, keys/pii.key    the key files of VAR_DIR (when the keys are files)
"""

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from pingan.core.backup import database, files
from pingan.core.backup.errors import BackupError

FORMAT = "pingan-backup/1"
MANIFEST = "manifest.json"


class _HashingReader:
    """Hands a file to tarfile and hashes exactly the bytes that went into the archive."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        chunk = self.handle.read(size)
        self.digest.update(chunk)
        return chunk


def _add(tar: tarfile.TarFile, source: Path, arcname: str) -> str:
    info = tar.gettarinfo(str(source), arcname)
    # The archive says nothing about this machine's users; files come back owned by whoever
    # restores, readable by them only.
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    with source.open("rb") as handle:
        reader = _HashingReader(handle)
        tar.addfile(info, reader)
    return reader.digest.hexdigest()


def _target(output: str | None, now) -> Path:
    name = f"pingan-backup-{now:%Y%m%d-%H%M%S}.tar.gz"
    if not output:
        return files.var_dir() / "backups" / name
    path = Path(output)
    if path.is_dir() or output.endswith(os.sep):
        return path / name
    return path


def create_backup(output: str | None = None) -> tuple[Path, dict]:
    """Write the archive; return its path and manifest. The file is created 0600 from the first
    byte (it holds the keys) and appears under its name only once complete."""
    vendor = database.engine()
    database.check_supported(vendor)
    now = timezone.now()
    target = _target(output, timezone.localtime(now))
    if target.exists():
        raise BackupError(f"{target} exists already; choose another name")
    if target.resolve().is_relative_to(files.media_root().resolve()):
        # The archive would take in its own staging files (and end up served as media).
        raise BackupError(f"{target} is inside MEDIA_ROOT; write the backup elsewhere")
    target.parent.mkdir(parents=True, exist_ok=True)
    db_name, dumper = database.DUMPERS[vendor]
    with tempfile.TemporaryDirectory(prefix=".pingan-backup-", dir=target.parent) as staging:
        db_copy = Path(staging) / Path(db_name).name
        tables = dumper(db_copy)
        partial = Path(staging) / "archive.tar.gz"
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        checksums = {}
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            checksums[db_name] = _add(tar, db_copy, db_name)
            for entry in [*files.media_entries(), *files.key_entries()]:
                checksums[entry.arcname] = _add(tar, entry.source, entry.arcname)
            manifest = {
                "format": FORMAT,
                "created_at": now.isoformat(),
                "engine": vendor,
                "database_file": db_name,
                "tables": tables,
                "files": checksums,
                "keys_from_environment": files.keys_from_environment(),
            }
            body = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
            manifest_path = Path(staging) / MANIFEST
            manifest_path.write_bytes(body)
            _add(tar, manifest_path, MANIFEST)
        os.replace(partial, target)
    os.chmod(target, 0o600)
    return target, manifest


@dataclass
class Unpacked:
    """An archive checked against its manifest and unpacked into a private directory."""

    root: Path
    manifest: dict
    checksums: dict = field(default_factory=dict)

    def path(self, arcname: str) -> Path:
        return self.root / arcname


def _damaged(why: str) -> BackupError:
    return BackupError(
        f"the archive is damaged or not a Pingan backup ({why}); nothing was changed"
    )


def _safe_name(name: str) -> bool:
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def unpack(archive: Path, into: Path) -> Unpacked:
    """Unpack and verify every member against the manifest. Raises before anything outside
    `into` is touched: a missing, extra, truncated or altered member refuses the archive."""
    if not archive.is_file():
        raise BackupError(f"{archive}: no such file")
    got: dict[str, str] = {}
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                if not member.isfile() or not _safe_name(member.name) or member.name in got:
                    raise _damaged(f"unexpected member {member.name!r}")
                destination = into / member.name
                destination.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                digest = hashlib.sha256()
                with destination.open("wb") as out:
                    while chunk := source.read(files.CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                os.chmod(destination, 0o600)
                got[member.name] = digest.hexdigest()
            # Read to the end so that gzip checks its CRC and length: damage after the last
            # member would otherwise go unnoticed.
            while tar.fileobj.read(files.CHUNK):
                pass
    except (tarfile.TarError, EOFError, OSError, ValueError, zlib.error) as exc:
        raise _damaged(f"{exc.__class__.__name__}: {exc}") from exc
    if MANIFEST not in got:
        raise _damaged("no manifest.json")
    try:
        manifest = json.loads((into / MANIFEST).read_text())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _damaged(f"unreadable manifest: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _damaged(f"manifest format is not {FORMAT}")
    expected = manifest.get("files")
    tables = manifest.get("tables")
    if not isinstance(expected, dict) or not isinstance(tables, dict):
        raise _damaged("manifest without files or tables")
    got.pop(MANIFEST)
    missing = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    altered = sorted(name for name in set(expected) & set(got) if expected[name] != got[name])
    if missing or extra or altered:
        detail = "; ".join(
            f"{label}: {', '.join(names[:5])}"
            for label, names in (("missing", missing), ("not listed", extra), ("checksum", altered))
            if names
        )
        raise _damaged(detail)
    if manifest.get("database_file") not in expected:
        raise _damaged("no database in the archive")
    return Unpacked(root=into, manifest=manifest, checksums=got)


def read_manifest(archive: Path) -> dict:
    """Verify an archive without restoring it (the checksums of every member)."""
    with tempfile.TemporaryDirectory(prefix=".pingan-verify-", dir=_scratch_dir(archive)) as tmp:
        return unpack(archive, Path(tmp)).manifest


def _scratch_dir(archive: Path) -> Path:
    # Unpack next to the archive rather than in /tmp, which is often a small tmpfs.
    return archive.parent if archive.parent.is_dir() else Path(tempfile.gettempdir())


@dataclass
class RestoreReport:
    manifest: dict
    tables: dict[str, tuple[int, int]]  # table -> (expected, found)
    files: dict[str, bool]  # arcname -> checksum equal after restore
    warnings: list[str]

    @property
    def ok(self) -> bool:
        return all(a == b for a, b in self.tables.values()) and all(self.files.values())


def restore_backup(archive: Path, *, force: bool = False) -> RestoreReport:
    archive = Path(archive)
    with tempfile.TemporaryDirectory(prefix=".pingan-restore-", dir=_scratch_dir(archive)) as tmp:
        unpacked = unpack(archive, Path(tmp))
        manifest = unpacked.manifest
        vendor = database.engine()
        database.check_supported(vendor)
        if manifest.get("engine") != vendor:
            raise BackupError(
                f"the archive holds a {manifest.get('engine')} database; this installation "
                f"uses {vendor}. Restore into the same engine; nothing was changed"
            )
        _check_media_root()
        if not force:
            _refuse_if_not_empty()
        db_name, restorer = database.RESTORERS[vendor]
        restorer(unpacked.path(db_name))
        _restore_media(unpacked)
        warnings = _restore_keys(unpacked)
    return _verify(manifest, warnings)


def _refuse_if_not_empty() -> None:
    holding = database.tables_with_data()
    media = files.media_entries()
    if holding or media:
        shown = ", ".join(f"{t} ({n})" for t, n in sorted(holding.items())[:8])
        parts = [f"tables with rows: {shown}"] if holding else []
        if media:
            parts.append(f"{len(media)} files under {files.media_root()}")
        raise BackupError(
            "the database or media directory is not empty ("
            + "; ".join(parts)
            + "). Restoring would replace it: run again with --force to do so. Nothing was changed"
        )


def _check_media_root() -> None:
    """Restore empties MEDIA_ROOT: refuse when that would take the keys or database with it."""
    root = files.media_root().resolve()
    var_dir = files.var_dir().resolve()
    if root == Path(root.anchor) or var_dir.is_relative_to(root):
        raise BackupError(
            f"MEDIA_ROOT ({root}) contains VAR_DIR ({var_dir}) or is a filesystem root: "
            "restoring would empty it. Point PINGAN_MEDIA_ROOT at its own directory"
        )


def _restore_media(unpacked: Unpacked) -> None:
    """The media directory becomes exactly the archive's: files that are not in it go."""
    root = files.media_root()
    if root.is_dir():
        for child in root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    root.mkdir(parents=True, exist_ok=True)
    for arcname in unpacked.manifest["files"]:
        if arcname.startswith("media/"):
            destination = root / arcname.removeprefix("media/")
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(unpacked.path(arcname), destination)


def _restore_keys(unpacked: Unpacked) -> list[str]:
    warnings = []
    var_dir = files.var_dir()
    var_dir.mkdir(parents=True, exist_ok=True)
    restored = set()
    for arcname in unpacked.manifest["files"]:
        if not arcname.startswith("keys/"):
            continue
        name = arcname.removeprefix("keys/")
        if name not in files.KEY_FILES:
            continue
        destination = var_dir / name
        partial = var_dir / f".{name}.restoring"
        partial.unlink(missing_ok=True)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(unpacked.path(arcname).read_bytes())
        os.replace(partial, destination)
        restored.add(name)
        env_name = files.KEY_FILES[name]
        env_value = os.environ.get(env_name)
        if env_value and env_value.strip() != destination.read_text().strip():
            warnings.append(
                f"{env_name} is set in the environment and differs from the restored {name}: "
                "the environment wins, so the restored data will not decrypt with it. Unset it "
                "or set it to the restored value"
            )
    for name, env_name in files.KEY_FILES.items():
        if name not in restored:
            warnings.append(
                f"the archive has no {name} (the key came from {env_name} when it was made): "
                f"set {env_name} to the same value as then, or the data will not decrypt"
            )
    return warnings


def _verify(manifest: dict, warnings: list[str]) -> RestoreReport:
    found = database.row_counts()
    tables = {
        table: (expected, found.get(table, -1))
        for table, expected in manifest["tables"].items()
        if not table.startswith("sqlite_")
    }
    for table, count in found.items():
        if table not in tables and not table.startswith("sqlite_"):
            tables[table] = (-1, count)
    now_media = files.media_checksums()
    now_keys = files.key_checksums()
    checks = {}
    for arcname, digest in manifest["files"].items():
        if arcname.startswith("media/"):
            checks[arcname] = now_media.get(arcname) == digest
        elif arcname.startswith("keys/"):
            checks[arcname] = now_keys.get(arcname) == digest
    for arcname in now_media:
        checks.setdefault(arcname, False)
    return RestoreReport(manifest=manifest, tables=tables, files=checks, warnings=warnings)
