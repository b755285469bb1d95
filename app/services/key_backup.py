"""The signing key travels in every SQLite backup and comes back with a restore.

A backup copy gets one extra table, ``hzbz_installation_key``, holding the private key of the
installation the copy belongs to (the backup is owner-only, or encrypted for a USB stick). A
restore writes the key back to the data folder, unless one is there already, and drops the
table from the restored database before it replaces the live one, so the live database never
holds the private key.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from pathlib import Path

from app.io import signing
from app.services.keys import key_path

log = logging.getLogger("hzbz")
TABLE = "hzbz_installation_key"


def _installation(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT uuid FROM installation WHERE id = 1").fetchone()
    except sqlite3.OperationalError:  # a database from before signatures
        return None
    return str(row[0]) if row else None


def embed(copy: sqlite3.Connection) -> bool:
    """Put this installation's private key into a backup copy (its own connection); False if none."""
    uuid = _installation(copy)
    if uuid is None:
        return False
    try:
        pem = signing.read_private_key(key_path(uuid))
    except (OSError, ValueError) as exc:
        log.warning("backup without the signing key (%s): %s", key_path(uuid), exc)
        return False
    copy.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (uuid TEXT PRIMARY KEY, pem BLOB NOT NULL)")
    copy.execute(f"INSERT OR REPLACE INTO {TABLE} (uuid, pem) VALUES (?, ?)", (uuid, pem))
    copy.commit()
    return True


def extract(restored: Path) -> bool:
    """Write the key a restored copy carries to the data folder and drop it from the copy."""
    with contextlib.closing(sqlite3.connect(restored)) as conn:
        try:
            row = conn.execute(f"SELECT uuid, pem FROM {TABLE}").fetchone()
        except sqlite3.OperationalError:
            return False  # an older backup: the key file stays where it is
        if row is not None and _installation(conn) == row[0]:
            path = key_path(str(row[0]))
            if not path.exists():
                signing.write_private_key(path, bytes(row[1]))
            elif path.read_bytes() != bytes(row[1]):
                log.warning("restore kept the existing signing key %s (the backup's differs)", path)
        conn.execute(f"DROP TABLE {TABLE}")
        conn.commit()
        conn.execute("VACUUM")  # the dropped key's pages are freed, not left in the file
    return row is not None
