"""The audit log: every write records who, when, what; entries are chained by SHA-256.

Each entry's hash covers its own fields and the previous entry's hash, so editing or deleting
any entry breaks the chain from there on (``verify_chain`` finds where).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditEvent
from app.models.base import now
from app.services.auth import Actor


def _digest(
    prev_hash: str, at: str, username: str, action: str, entity: str, entity_id: str, detail: str
) -> str:
    payload = "\x1f".join((prev_hash, at, username, action, entity, entity_id, detail))
    return hashlib.sha256(payload.encode()).hexdigest()


def record(
    session: Session, actor: Actor, action: str, entity: str, entity_id: object = "", **detail: Any
) -> AuditEvent:
    """Append one entry in the caller's transaction (so it commits or rolls back with the write)."""
    last = session.execute(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).scalar()
    prev = last or ""
    at = now()
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str) if detail else ""
    eid = str(entity_id)
    event = AuditEvent(
        at=at,
        user_id=actor.user_id,
        username=actor.username,
        action=action,
        entity=entity,
        entity_id=eid,
        detail=text,
        prev_hash=prev,
        hash=_digest(prev, at.isoformat(), actor.username, action, entity, eid, text),
    )
    session.add(event)
    session.flush()
    return event


def verify_chain(session: Session) -> list[str]:
    """Problems found in the chain, in Chinese; empty when every entry is intact."""
    problems: list[str] = []
    prev = ""
    rows = session.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars()
    for ev in rows:
        if ev.prev_hash != prev:
            problems.append(f"第 {ev.id} 条日志之前的记录被删除或改动")
        expected = _digest(
            ev.prev_hash, ev.at.isoformat(), ev.username, ev.action, ev.entity, ev.entity_id, ev.detail
        )
        if ev.hash != expected:
            problems.append(f"第 {ev.id} 条日志内容被改动")
        prev = ev.hash
    return problems
