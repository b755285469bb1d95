"""The audit log in backups: each copy carries the log's key and its head; a restore checks both.

A backup copy gets two extra tables: ``hzbz_audit_key`` (the log's HMAC key, as the signing key
travels in ``key_backup``) and ``hzbz_audit_head`` (count and hash of its newest entry: a witness
that outlives the live database). Taking a backup also writes the head to today's checkpoint.

Before a restore, the copy's own log is verified — its chain with its key, its head, its business
tables against the log. A copy whose log does not verify is refused, or restored for an
administrator who confirms, with the problems written into the restore's audit entry.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from app.models.db import data_dir, open_database
from app.services import audit_key, audit_witness
from app.services.audit_verify import verify_connection

KEY_TABLE = "hzbz_audit_key"
TABLES = (KEY_TABLE, audit_witness.HEAD_TABLE)  # a backup's own tables, dropped on restore


def embed(copy: sqlite3.Connection) -> None:
    """Put the log's key and head into a backup copy, and witness the head in the data folder."""
    head = audit_witness.embed_head(copy)
    if head is None or not head["key_id"]:
        return
    key = audit_key.read_key(head["key_id"])
    if key is None:
        return
    copy.execute(f"CREATE TABLE IF NOT EXISTS {KEY_TABLE} (key_id TEXT PRIMARY KEY, body TEXT NOT NULL)")
    copy.execute(f"INSERT OR REPLACE INTO {KEY_TABLE} VALUES (?, ?)", (key.key_id, audit_key.key_text(key)))
    copy.commit()
    if head["count"]:
        try:
            row = copy.execute("SELECT uuid FROM installation WHERE id = 1").fetchone()
        except sqlite3.OperationalError:
            row = None
        audit_witness.checkpoint_after_commit(key, head["count"], head["hash"], row[0] if row else None)


def take_out(copy: Path) -> tuple[audit_key.ChainKey | None, audit_witness.Witness | None]:
    """Read (and drop) the key and head a restored copy carries; the key is saved if new here."""
    key = head = None
    with closing(sqlite3.connect(copy)) as conn:
        with contextlib.suppress(sqlite3.OperationalError):
            row = conn.execute(f"SELECT key_id, body FROM {KEY_TABLE}").fetchone()
            if row is not None:
                tmp = copy.with_name(copy.name + ".key")
                tmp.write_text(row[1], encoding="utf-8")
                key = audit_key.read_key(str(row[0]), tmp)
                tmp.unlink()
                if key is not None and audit_key.read_key(key.key_id) is None:
                    audit_key.write_key(key)
        conn.commit()
    head = audit_witness.backup_head(copy)
    with closing(sqlite3.connect(copy)) as conn:
        conn.execute(f"DROP TABLE IF EXISTS {KEY_TABLE}")
        conn.execute(f"DROP TABLE IF EXISTS {audit_witness.HEAD_TABLE}")
        conn.commit()
    return key, head


def check_copy(copy: Path, key: audit_key.ChainKey | None, head: audit_witness.Witness | None) -> list[str]:
    """Why the audit log in a restored copy (plain, migrated, not yet in place) does not verify;
    ``key`` and ``head`` are what the copy carried (``take_out``)."""
    engine, _sessions = open_database(f"sqlite:///{copy}")
    try:
        with engine.connect() as conn:
            report = verify_connection(conn, witnesses=[head] if head else [], key_file=key)
    finally:
        engine.dispose()
    return report.problems + ([f"……另有 {report.more} 处问题"] if report.more else [])


def set_aside_checkpoints(key_id: str, stamp: str) -> None:
    """After a restore, the replaced history's checkpoints move to ``audit/superseded``."""
    where = audit_witness.folder(key_id)
    if where.is_dir():
        target = data_dir() / "audit" / "superseded" / f"{stamp}-{key_id}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(where), str(target))
