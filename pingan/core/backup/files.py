"""What files go into a backup besides the database, and their checksums."""

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# The key files that settings.py reads from VAR_DIR when the environment does not give the key.
# The passes app's signing keys live in the database (passes_signingkey), encrypted with the PII
# key, so the database and pii.key together restore them.
KEY_FILES = {"secret_key": "DJANGO_SECRET_KEY", "pii.key": "PINGAN_PII_KEY"}
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Entry:
    """One file to archive: where it is now and its name inside the archive."""

    source: Path
    arcname: str


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def var_dir() -> Path:
    return Path(settings.VAR_DIR)


def media_entries() -> list[Entry]:
    root = media_root()
    if not root.is_dir():
        return []
    return [
        Entry(path, "media/" + path.relative_to(root).as_posix())
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    ]


def key_entries() -> list[Entry]:
    return [
        Entry(var_dir() / name, "keys/" + name)
        for name in KEY_FILES
        if (var_dir() / name).is_file()
    ]


def keys_from_environment() -> list[str]:
    """Keys given by the environment: they are not in any file, so not in the archive."""
    return [env for env in KEY_FILES.values() if os.environ.get(env)]


def media_checksums() -> dict[str, str]:
    return {entry.arcname: sha256_of(entry.source) for entry in media_entries()}


def key_checksums() -> dict[str, str]:
    return {entry.arcname: sha256_of(entry.source) for entry in key_entries()}
