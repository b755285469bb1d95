"""The signing key is kept in backups: a restore on a PC that lost its data folder signs again with
the same key, and the live database never holds the private key."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from app.models.db import SessionFactory, open_database
from app.services import backup
from app.services.auth import Actor
from app.services.key_backup import TABLE
from app.services.keys import KeyService, key_path

PASSWORD = "U盘密码-2026"


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_an_encrypted_backup_brings_the_key_back(tmp_path: Path) -> None:
    live = tmp_path / "live.db"
    url = f"sqlite:///{live}"
    engine, sessions = open_database(url)
    from app.services.users import OfficeInfo, UserService

    admin = UserService(sessions).set_up(OfficeInfo("第一机械厂工会", "基层工会", ""), "admin", "admin-pass")
    me = KeyService(sessions, admin).identity()
    pem = key_path(me.installation).read_bytes()
    saved = backup.backup_now(url, tmp_path / "usb", password=PASSWORD)
    assert pem not in saved.read_bytes()  # encrypted, key included
    engine.dispose()
    assert TABLE not in tables(live)

    shutil.rmtree(key_path(me.installation).parent)  # the PC's data folder is lost
    live.unlink()
    backup.restore(admin, saved, url, PASSWORD)
    assert key_path(me.installation).read_bytes() == pem
    assert TABLE not in tables(live) and pem not in live.read_bytes()
    engine, sessions = open_database(url)
    keys = KeyService(sessions, admin)
    assert keys.identity() == me and keys.private_key() == pem
    engine.dispose()


def test_a_plain_backup_carries_the_key_owner_only(
    sessions: SessionFactory, admin: Actor, tmp_path: Path, db_url: str, backend: str
) -> None:
    if backend != "sqlite":
        return  # PostgreSQL backups are pg_dump's (README)
    me = KeyService(sessions, admin).identity()
    saved = backup.backup_now(db_url, tmp_path / "backups")
    with sqlite3.connect(saved) as conn:
        uuid, pem = conn.execute(f"SELECT uuid, pem FROM {TABLE}").fetchone()
    assert uuid == me.installation and pem == key_path(me.installation).read_bytes()
    assert saved.stat().st_mode & 0o077 == 0
