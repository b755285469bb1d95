"""Witnesses of the audit log's head (count + hash) kept outside its table.

Deleting the newest entries (or all of them) leaves a chain that is intact in itself; what shows
it is a record, made earlier and kept elsewhere, that the log once had N entries with entry N's
hash H. Such witnesses are:

- the checkpoint in the data folder, ``audit/<key id>/YYYY-MM-DD.json``: rewritten after every
  commit that appended (only ever to a longer head), one file a day, signed with the
  installation's Ed25519 key (or, before the installation has one, MACed with the audit key);
- every backup (a ``hzbz_audit_head`` table in the copy, and a checkpoint when it is taken);
- every exported batch's manifest (``audit_head``), which the partner keeps.

``audit verify`` reads the checkpoints and the backups in the backup folders by itself; a batch
manifest, a backup or a checkpoint kept elsewhere is given with ``--witness``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from app.io import signing
from app.models import AuditEvent, Installation
from app.models.db import SessionFactory, data_dir
from app.services import audit_key

log = logging.getLogger("hzbz")
FORMAT = "hzbz-audit-checkpoint"
HEAD_TABLE = "hzbz_audit_head"


@dataclass(frozen=True)
class Witness:
    seq: int
    hash: str
    key_id: str
    source: str  # Chinese: where the witness was found
    at: dt.datetime | None = None


def installation_of(s: Session) -> str | None:
    row = s.get(Installation, 1)
    return row.uuid if row is not None else None


def folder(key_id: str) -> Path:
    return data_dir() / "audit" / key_id


def head_of(conn: Session | Connection) -> dict[str, Any]:
    """The log's head as it goes into manifests and backups: key id, count, hash, time."""
    marker = audit_key.marker_of(conn)
    row = conn.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    return {
        "key_id": marker[0] if marker else "",
        "count": int(row[0]) if row else 0,
        "hash": str(row[1]) if row else "",
        "at": dt.datetime.now().isoformat(timespec="seconds"),
    }


def audit_head(sessions: SessionFactory) -> dict[str, Any]:
    """The head for an exported batch's manifest (also witnessed in today's checkpoint)."""
    with sessions() as s:
        checkpoint_now(s)
        return head_of(s)


# -- checkpoints -----------------------------------------------------------------------------
def _canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, ensure_ascii=False).encode()


def _signed(body: dict[str, Any], key: audit_key.ChainKey, installation: str | None) -> dict[str, Any]:
    from app.services.keys import key_path

    raw = _canonical(body)
    if installation:
        with contextlib.suppress(OSError, ValueError):
            pem = signing.read_private_key(key_path(installation))
            return {**body, "signature": signing.b64(signing.sign(pem, raw))}
    return {**body, "mac": hmac.new(key.secret, b"checkpoint\x00" + raw, hashlib.sha256).hexdigest()}


def _today(key_id: str, on: dt.date | None = None, new: bool = False) -> Path:
    """Today's newest checkpoint file (``DAY.json``, then ``DAY~2.json`` …), or with ``new`` the next."""
    day = (on or dt.date.today()).isoformat()
    path, n = folder(key_id) / f"{day}.json", 2
    while True:
        following = folder(key_id) / f"{day}~{n}.json"
        if not path.exists() or not following.exists():
            return following if new and path.exists() else path
        path, n = following, n + 1


def contradicted(s: Session, key_id: str, last_seq: int) -> bool:
    """Does the chain (up to ``last_seq``) contradict today's checkpoint? Then it is kept as evidence."""
    try:
        existing = json.loads(_today(key_id).read_text(encoding="utf-8"))
        count, digest = int(existing["count"]), str(existing["hash"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
    if count > last_seq:
        return True
    return s.execute(select(AuditEvent.hash).where(AuditEvent.seq == count)).scalar() != digest


def write_checkpoint(
    key: audit_key.ChainKey,
    seq: int,
    digest: str,
    installation: str | None,
    on: dt.date | None = None,
    keep_existing: bool = False,
) -> Path | None:
    """Today's checkpoint, unless it already witnesses this head or a longer one; its path.

    ``keep_existing``: today's file no longer matches the chain (entries were deleted or changed
    since): it stays as it is, as evidence, and the new head goes into a file of its own."""
    path = _today(key.key_id, on, new=keep_existing)
    try:
        existing = json.loads(path.read_text(encoding="utf-8"))
        if int(existing.get("count", 0)) >= seq:
            return None
    except (OSError, ValueError, AttributeError):
        pass
    body = {
        "format": FORMAT,
        "key_id": key.key_id,
        "count": seq,
        "hash": digest,
        "at": dt.datetime.now().isoformat(),
        "installation": installation or "",
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(path.parent.parent, 0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(
        json.dumps(_signed(body, key, installation), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    os.replace(tmp, path)
    return path


def checkpoint_after_commit(
    key: audit_key.ChainKey, seq: int, digest: str, installation: str | None, keep_existing: bool = False
) -> None:
    """After a commit that appended: never raises (the write is done; a failed witness is logged)."""
    try:
        write_checkpoint(key, seq, digest, installation, keep_existing=keep_existing)
    except Exception as exc:  # a full disk must not turn a committed write into an error
        log.warning("audit checkpoint not written: %s", exc)


def checkpoint_now(s: Session) -> Path | None:
    """Witness the current head now (at a backup, an export, a passed verify)."""
    marker = audit_key.marker_of(s)
    key = audit_key.read_key(marker[0]) if marker else None
    if key is None:
        return None
    h = head_of(s)
    if not h["count"]:
        return None
    return write_checkpoint(
        key, h["count"], h["hash"], installation_of(s), keep_existing=contradicted(s, key.key_id, h["count"])
    )


def _checkpoint_problem(body: dict[str, Any], key: audit_key.ChainKey | None, public: bytes | None) -> str:
    core = {k: v for k, v in body.items() if k not in ("signature", "mac")}
    raw = _canonical(core)
    if "signature" in body:
        if public is None:
            return "无法核对签名（本库没有安装密钥）"
        try:
            ok = signing.verify(public, signing.unb64(body["signature"], 64), raw)
        except ValueError:
            ok = False
        return "" if ok else "签名不符，文件被改动"
    if "mac" in body and key is not None:
        good = hmac.new(key.secret, b"checkpoint\x00" + raw, hashlib.sha256).hexdigest()
        return "" if hmac.compare_digest(good, str(body["mac"])) else "校验码不符，文件被改动"
    return "没有签名"


def checkpoints(
    key: audit_key.ChainKey | None, key_id: str, public: bytes | None
) -> tuple[list[Witness], list[str]]:
    """The data folder's checkpoints of ``key_id``, and problems with the files themselves."""
    found: list[Witness] = []
    problems: list[str] = []
    where = folder(key_id)
    for path in sorted(where.glob("*.json")) if where.is_dir() else ():
        try:
            body = json.loads(path.read_text(encoding="utf-8"))
            witness = _witness(body, f"检查点 {path.name}")
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            problems.append(f"检查点文件 {path.name} 无法读取或已损坏")
            continue
        why = _checkpoint_problem(body, key, public)
        if why:
            problems.append(f"检查点文件 {path.name}：{why}")
            continue
        found.append(witness)
    return found, problems


def _witness(body: dict[str, Any], source: str) -> Witness:
    at = dt.datetime.fromisoformat(body["at"]) if body.get("at") else None
    return Witness(int(body["count"]), str(body["hash"]), str(body.get("key_id", "")), source, at)


# -- backups ---------------------------------------------------------------------------------
def embed_head(copy: sqlite3.Connection) -> dict[str, Any] | None:
    """Put the copy's own head into a backup copy (its own connection); the head, or None."""
    try:
        marker = copy.execute("SELECT value FROM app_settings WHERE key = ?", (audit_key.MARKER,)).fetchone()
        row = copy.execute("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone()
    except sqlite3.OperationalError:  # a database from before the keyed log
        return None
    parsed = audit_key.parse_marker(marker[0] if marker else None)
    head = {
        "key_id": parsed[0] if parsed else "",
        "count": int(row[0]) if row and row[0] is not None else 0,
        "hash": str(row[1]) if row else "",
        "at": dt.datetime.now().isoformat(timespec="seconds"),
    }
    copy.execute(f"CREATE TABLE IF NOT EXISTS {HEAD_TABLE} (key_id TEXT, count INTEGER, hash TEXT, at TEXT)")
    copy.execute(f"DELETE FROM {HEAD_TABLE}")
    copy.execute(
        f"INSERT INTO {HEAD_TABLE} VALUES (?, ?, ?, ?)",
        (head["key_id"], head["count"], head["hash"], head["at"]),
    )
    copy.commit()
    return head


def backup_head(path: Path) -> Witness | None:
    """The head a plain backup file carries; None for encrypted or older backups."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            row = conn.execute(f"SELECT key_id, count, hash, at FROM {HEAD_TABLE}").fetchone()
    except sqlite3.DatabaseError:
        return None
    if row is None:
        return None
    at = dt.datetime.fromisoformat(row[3]) if row[3] else None
    return Witness(int(row[1]), str(row[2]), str(row[0]), f"备份 {path.name}", at)


def backups(folders: list[Path]) -> list[Witness]:
    from app.services.backup import list_backups

    found = []
    for where in folders:
        for info in list_backups(where):
            if not info.encrypted:
                witness = backup_head(info.path)
                if witness is not None:
                    found.append(witness)
    return found


# -- a witness given by hand -----------------------------------------------------------------
def from_file(path: Path) -> Witness:
    """A batch folder or its manifest.json, a backup .db or a checkpoint .json; ValueError if none."""
    if path.is_dir():
        path = path / "manifest.json"
    try:
        if path.suffix == ".db":
            witness = backup_head(path)
            if witness is None:
                raise ValueError(f"备份文件“{path.name}”没有记录审计日志的末条（旧版程序的备份）")
            return witness
        body = json.loads(path.read_text(encoding="utf-8"))
        if body.get("format") == FORMAT:
            return _witness(body, f"检查点 {path.name}")
        head = body.get("audit_head")
        if not isinstance(head, dict):
            raise ValueError(f"“{path.name}”中没有审计日志的末条记录")
        return _witness(head, f"批次 {path.parent.name}")
    except (OSError, KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
        raise ValueError(f"无法读取见证文件“{path.name}”（{type(exc).__name__}）") from exc
