"""``audit verify``: the chain, its witnesses and the business tables, streamed without ORM objects.

1. The chain: entries in ``seq`` order, numbered 1, 2, 3 … without gaps, each naming the previous
   entry's hash and carrying its own MAC (the key from the data folder) — or, before the log was
   keyed, its SHA-256. Rows are read from a server-side cursor in batches (bounded memory).
2. The witnesses (``audit_witness``): for each, entry N must exist and have hash H. The first
   witnessed entry missing or changed is reported — that is how deleting the newest entries,
   all of them, or re-chaining shows. Witnesses from before the newest restore are set aside
   (the restore replaced the history they saw; its entry is in the chain).
3. The records: each claim's, user's and payment's state must be the one its last entry recorded
   (``audit_state``); a record with no entry at all, made after the log was keyed, is reported.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Row, Select, func, select

from app.io import signing
from app.models import AuditEvent, Installation
from app.services import audit_key, audit_state, audit_witness
from app.services.audit import ChainMac, _digest

BATCH = 2000  # rows per fetch from the server-side cursor
_RECORDS_CHUNK = 2000  # records compared per query (fewer round trips; below SQLite's 32,766 parameters)
MAX_LISTED = 50  # problems listed; the count says how many more


@dataclass
class Report:
    count: int = 0
    problems: list[str] = field(default_factory=list)
    witnesses: int = 0  # witnesses checked (and agreeing, when there are no problems)
    records: int = 0  # business records checked
    key_id: str = ""
    more: int = 0  # problems not listed

    def add(self, problem: str) -> None:
        if len(self.problems) < MAX_LISTED:
            self.problems.append(problem)
        else:
            self.more += 1

    @property
    def ok(self) -> bool:
        return not self.problems and not self.more


def _rows(conn: Connection, query: Select[Any]) -> Iterator[Row[Any]]:
    result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
    yield from result


def _driver_rows(conn: Connection, query: Select[Any]) -> Iterator[tuple[Any, ...]]:
    """The rows as the driver's cursor gives them, a batch at a time (server-side on PostgreSQL),
    without SQLAlchemy's per-row work (a million entries: a third of ``audit verify``); dates
    come as the database stores them. Runs in ``conn``'s transaction."""
    sql = str(query.compile(dialect=conn.dialect))
    raw: Any = conn.connection.dbapi_connection
    cursor = raw.cursor(name="hzbz_audit_verify") if conn.dialect.name == "postgresql" else raw.cursor()
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(BATCH):
            yield from rows
    finally:
        cursor.close()


def _public_key(conn: Connection) -> bytes | None:
    value = conn.execute(select(Installation.public_key).where(Installation.id == 1)).scalar()
    try:
        return signing.unb64(value, 32) if value else None
    except ValueError:
        return None


def gather_witnesses(conn: Connection, key: audit_key.ChainKey | None, key_id: str, report: Report,
                     backup_folders: Iterable[object] = ()) -> list[audit_witness.Witness]:  # fmt: skip
    found, problems = audit_witness.checkpoints(key, key_id, _public_key(conn))
    for p in problems:
        report.add(p)
    from pathlib import Path

    found += audit_witness.backups([Path(str(f)) for f in backup_folders])
    return [w for w in found if w.key_id == key_id]


def verify_connection(
    conn: Connection,
    *,
    witnesses: Iterable[audit_witness.Witness] | None = None,
    records: bool = True,
    backup_folders: Iterable[object] = (),
    key_file: audit_key.ChainKey | None = None,
    extra: Iterable[audit_witness.Witness] = (),
) -> Report:
    """Check the log on ``conn``; ``witnesses`` None: the data folder's and the backups' own."""
    report = Report()
    marker = audit_key.marker_of(conn)
    key = key_file
    if marker is not None:
        report.key_id = marker[0]
        key = key or audit_key.read_key(marker[0])
        if key is None:
            report.add(
                f"本机没有审计日志密钥文件 {audit_key.key_path(marker[0]).name}，无法校验带密钥的记录"
                "（请从首次使用本数据库的电脑复制该文件）"
            )
        elif key.from_seq != marker[1]:
            report.add(f"数据库中的密钥标记被改动（起始第 {marker[1]} 条，密钥文件记为第 {key.from_seq} 条）")
    given = list(witnesses) if witnesses is not None else []
    if witnesses is None and report.key_id:
        given = gather_witnesses(conn, key, report.key_id, report, backup_folders)
    for w in extra:
        if w.key_id == report.key_id:
            given.append(w)
        else:
            report.add(f"{w.source} 不是本数据库审计日志的见证（密钥编号 {w.key_id or '无'}）")
    by_seq: dict[int, list[audit_witness.Witness]] = {}
    for w in given:
        by_seq.setdefault(w.seq, []).append(w)
    from_seq = key.from_seq if key is not None else (marker[1] if marker else 10**12)
    last_restore: dt.datetime | None = None
    disagreeing: list[tuple[int, audit_witness.Witness, str]] = []
    prev, n, unnumbered = "", 0, 0
    keyed = ChainMac(key.secret) if key is not None else None
    cols = (AuditEvent.seq, AuditEvent.at, AuditEvent.username, AuditEvent.action, AuditEvent.entity,
            AuditEvent.entity_id, AuditEvent.detail, AuditEvent.prev_hash, AuditEvent.hash)  # fmt: skip
    for seq, at, username, action, entity, entity_id, detail, prev_hash, digest in _driver_rows(
        conn, select(*cols).order_by(AuditEvent.seq)
    ):
        if at.__class__ is str:  # SQLite's text, as SQLAlchemy wrote it ("2026-01-05 10:00:00.000000")
            at = dt.datetime.fromisoformat(at)
        if seq is None:  # every append numbers its entry: this one was written around the program
            unnumbered += 1
            continue
        n += 1
        if seq != n:
            report.add(f"第 {n} 条日志缺失（下一条为第 {seq} 条）：记录被删除")
            n = seq
        if prev_hash != prev:
            report.add(f"第 {seq} 条日志之前的记录被删除或改动")
        if seq >= from_seq:
            if keyed is not None:
                fields = (str(seq), prev_hash, at.isoformat(), username, action, entity, entity_id, detail)
                if digest != keyed.of_payload("\x1f".join(fields).encode()):
                    report.add(f"第 {seq} 条日志内容被改动")
        elif digest != _digest(prev_hash, at.isoformat(), username, action, entity, entity_id, detail):
            report.add(f"第 {seq} 条日志内容被改动")
        if seq in by_seq:
            for w in by_seq[seq]:
                if w.hash != digest:
                    disagreeing.append((seq, w, "changed"))
        if action == "restore" and entity == "database":
            last_restore = at
        prev = digest
    report.count = n
    if unnumbered:
        report.add(f"有 {unnumbered} 条日志没有编号：不是本程序记录的，是用 SQL 直接写入的")
    for w in given:
        if w.seq > n:
            disagreeing.append((w.seq, w, "missing"))
    live = [d for d in disagreeing if last_restore is None or d[1].at is None or d[1].at > last_restore]
    report.witnesses = sum(1 for w in given if last_restore is None or w.at is None or w.at > last_restore)
    if live:
        seq, w, kind = min(live, key=lambda d: d[0])
        if kind == "missing":
            report.add(
                f"第 {n + 1} 条起的日志缺失：{w.source} 见证日志曾有 {w.seq} 条，现只有 {n} 条"
                f"——最新的 {w.seq - n} 条记录被删除"
            )
        else:
            report.add(f"第 {seq} 条日志与{w.source}的见证不符：该条及其后的记录被改写或重新计算")
        if len(live) > 1:
            report.add(f"共 {len(live)} 处见证与日志不符")
    if records:
        check_records(conn, report, key)
    return report


def _chunks(conn: Connection, entity: str) -> Iterator[list[tuple[str, dt.datetime]]]:
    key_col = audit_state.TRACKED[entity][0]
    chunk: list[tuple[str, dt.datetime]] = []
    for key, created in _rows(conn, select(key_col, audit_state.CREATED_AT[entity]).order_by(key_col)):
        chunk.append((str(key), created))
        if len(chunk) >= _RECORDS_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _last_states(
    conn: Connection, entity: str, keys: list[str]
) -> dict[str, tuple[int, dict[str, Any] | None]]:
    """Per record, (its newest entry's number, the newest recorded state or None)."""
    newest = dict(
        conn.execute(
            select(AuditEvent.entity_id, func.max(AuditEvent.seq))
            .where(AuditEvent.entity == entity, audit_state.among(conn, AuditEvent.entity_id, keys))
            .group_by(AuditEvent.entity_id)
        )
        .tuples()
        .all()
    )
    with_state = dict(
        conn.execute(
            select(AuditEvent.entity_id, func.max(AuditEvent.seq))
            .where(
                AuditEvent.entity == entity,
                audit_state.among(conn, AuditEvent.entity_id, keys),
                AuditEvent.detail.like('%"state": {%'),
            )
            .group_by(AuditEvent.entity_id)
        )
        .tuples()
        .all()
    )
    seqs = list(with_state.values())
    query = select(AuditEvent.seq, AuditEvent.detail).where(audit_state.among(conn, AuditEvent.seq, seqs))
    details = dict(conn.execute(query).tuples().all()) if seqs else {}
    out: dict[str, tuple[int, dict[str, Any] | None]] = {}
    for k, seq in newest.items():
        if seq is None:  # only unnumbered entries (the chain check names them): no record of it
            continue
        state = None
        if k in with_state:
            try:
                state = json.loads(details[with_state[k]]).get("state")
            except (ValueError, KeyError, AttributeError):
                state = None
        out[k] = (int(seq), state)
    return out


def check_records(conn: Connection, report: Report, key: audit_key.ChainKey | None) -> None:
    keyed_since = None
    if key is not None and key.created:
        try:
            keyed_since = dt.datetime.fromisoformat(key.created)
        except ValueError:
            keyed_since = None
    for entity, (_col, _cols, label) in audit_state.TRACKED.items():
        for chunk in _chunks(conn, entity):
            keys = [k for k, _c in chunk]
            logged = _last_states(conn, entity, keys)
            current = audit_state.states(conn, entity, keys)
            for k, created in chunk:
                report.records += 1
                name = _name(entity, k, current.get(k, {}))
                if k not in logged:
                    if keyed_since is not None and created >= keyed_since:
                        report.add(f"{label} {name} 在审计日志中没有任何记录：可能是用 SQL 直接写入的")
                        continue
                    continue
                seq, state = logged[k]
                if state is None:
                    continue  # an entry from before states were recorded
                diff = audit_state.differences(entity, state, current.get(k, {}))
                if diff:
                    report.add(
                        f"{label} {name} 与审计日志最后的记录（第 {seq} 条）不符：{'；'.join(diff)}"
                        "——有未记入日志的修改"
                    )


def _name(entity: str, key: str, state: dict[str, object]) -> str:
    if entity == "user" and state.get("username"):
        return f"{state['username']}（编号 {key}）"
    if entity == "contribution":
        return f"第 {key} 号"
    return key
