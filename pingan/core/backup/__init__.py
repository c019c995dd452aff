"""Backup and restore of one Pingan installation: the database, the uploaded files (MEDIA_ROOT)
and the key files in VAR_DIR, in one tar.gz with a manifest of row counts and checksums.

    python manage.py backup [--output DIR|FILE]
    python manage.py restore ARCHIVE [--force]

See docs/operations.md. The archive holds the keys that decrypt the personal data in the
database, so it is as secret as both together: it is written with mode 0600.
"""
