"""The audit log's secret: the HMAC key its chain is keyed with, kept outside the database.

The key is ``keys/audit-<key id>.key`` in the data folder (owner-only, like the signing key, and
carried in every backup). The database holds only a marker, ``audit.key`` in ``app_settings``:
the key's id and the first entry (``from_seq``) keyed with it. Entries before ``from_seq`` are an
older, unkeyed SHA-256 chain (a database from before keying): the first keyed entry's MAC covers
their last hash, so rewriting them breaks the keyed chain too. The key file repeats ``from_seq``,
so a changed marker cannot turn keyed entries back into unkeyed ones.

Someone with the database password but not the data folder cannot compute a valid MAC: they
cannot rewrite an entry and re-chain the log. Each PC writing to a shared (PostgreSQL) database
needs a copy of the key file in its data folder; without one it refuses to write, saying so.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from app.models import AppSetting
from app.models.base import now
from app.models.db import data_dir
from app.services.errors import ServiceError

MARKER = "audit.key"


@dataclass(frozen=True)
class ChainKey:
    key_id: str
    secret: bytes
    from_seq: int
    created: str = ""


class MissingKey(ServiceError):
    """The log is keyed but this PC has no copy of the key file."""


def key_path(key_id: str) -> Path:
    return data_dir() / "keys" / f"audit-{key_id}.key"


def parse_marker(value: str | None) -> tuple[str, int] | None:
    if not value or ":" not in value:
        return None
    key_id, _, seq = value.partition(":")
    return (key_id, int(seq)) if seq.isdigit() and key_id.isalnum() else None


def marker_of(conn: Session | Connection) -> tuple[str, int] | None:
    return parse_marker(conn.execute(select(AppSetting.value).where(AppSetting.key == MARKER)).scalar())


def read_key(key_id: str, path: Path | None = None) -> ChainKey | None:
    """The key file of ``key_id`` (or at ``path``); None when absent or unreadable."""
    path = path or key_path(key_id)
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        key = ChainKey(
            str(body["key_id"]), bytes.fromhex(body["key"]), int(body["from_seq"]), body.get("created", "")
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return key if key.key_id == key_id and len(key.secret) == 32 else None


def key_text(key: ChainKey) -> str:
    body = {"key_id": key.key_id, "key": key.secret.hex(), "from_seq": key.from_seq, "created": key.created}
    return json.dumps(body) + "\n"


def write_key(key: ChainKey) -> Path:
    """Write a key file owner-only (the folder too); an existing file of that id is kept."""
    path = key_path(key.key_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(path.parent, 0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        return path
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key_text(key))
        fh.flush()
        os.fsync(fh.fileno())
    return path


def key_for_append(s: Session, seq: int) -> ChainKey:
    """The key the entry numbered ``seq`` is keyed with, made (with the marker) on first use.

    Called with the append lock held, so two writers never make two keys.
    """
    marker = marker_of(s)
    if marker is None:
        key = ChainKey(secrets.token_hex(8), secrets.token_bytes(32), seq, now().isoformat())
        write_key(key)
        row = s.get(AppSetting, MARKER)
        if row is None:
            s.add(AppSetting(key=MARKER, value=f"{key.key_id}:{key.from_seq}"))
        else:
            row.value = f"{key.key_id}:{key.from_seq}"
        return key
    found = read_key(marker[0])
    if found is None:
        raise MissingKey(
            f"本机的数据文件夹中没有审计日志密钥（{key_path(marker[0]).name}），不能记录操作：请从首次使用"
            f"本数据库的电脑把该文件复制到本机的 {key_path(marker[0]).parent}，或从带有密钥的备份恢复"
        )
    return found
