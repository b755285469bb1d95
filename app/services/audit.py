"""The audit log: every write records who, when, what; entries form one keyed hash chain.

Entry ``seq`` (1, 2, 3 … with no gaps, unique) stores the previous entry's hash and its own: an
HMAC-SHA256 with the key kept outside the database (``audit_key``) over its number, the previous
hash and its fields. Entries from before the log was keyed are plain SHA-256 (``_digest``).

Appends are serialised: on PostgreSQL a transaction-scoped advisory lock is taken before the head
is read, so two clerks saving at the same moment queue instead of forking the chain; on SQLite
the database's single writer does the same, and the unique ``seq`` refuses a fork on any backend.
After the commit the new head is written to the data folder's signed checkpoint (``audit_witness``).
Entries about claims, users and payments carry the record's state (``audit_state``), which
``audit verify`` checks the business tables against (``audit_verify``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session

from app.models import AuditEvent
from app.models.base import now
from app.services import audit_key, audit_state, changes
from app.services.auth import Actor

APPEND_LOCK = 0x687A627A  # "hzbz": the advisory lock that serialises appends on PostgreSQL


def _payload(*fields: str) -> bytes:
    return "\x1f".join(fields).encode()


def _digest(
    prev_hash: str, at: str, username: str, action: str, entity: str, entity_id: str, detail: str
) -> str:
    """An unkeyed entry's hash (entries from before the log was keyed)."""
    return hashlib.sha256(_payload(prev_hash, at, username, action, entity, entity_id, detail)).hexdigest()


def mac(
    secret: bytes,
    seq: int,
    prev_hash: str,
    at: str,
    username: str,
    action: str,
    entity: str,
    entity_id: str,
    detail: str,
) -> str:
    """A keyed entry's hash: HMAC-SHA256 over its number, the previous hash and its fields."""
    data = _payload(str(seq), prev_hash, at, username, action, entity, entity_id, detail)
    return hmac.new(secret, data, hashlib.sha256).hexdigest()


class ChainMac:
    """``mac`` for one secret over many entries (``audit verify``): HMAC-SHA256 per RFC 2104 with
    the key's inner and outer pad states hashed once and copied per entry, which halves the cost
    of ``hmac.new`` (that redoes them for every one of a city's million entries)."""

    BLOCK = 64  # SHA-256's block size

    def __init__(self, secret: bytes) -> None:
        key = hashlib.sha256(secret).digest() if len(secret) > self.BLOCK else secret
        key = key.ljust(self.BLOCK, b"\0")
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))

    def __call__(self, seq: int, prev_hash: str, *fields: str) -> str:
        return self.of_payload(_payload(str(seq), prev_hash, *fields))

    def of_payload(self, data: bytes) -> str:
        """The MAC of an entry's joined fields (``_payload`` of its number, previous hash, fields)."""
        inner = self._inner.copy()
        inner.update(data)
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()


def lock_appends(s: Session) -> None:
    """Hold the append lock until the transaction ends (PostgreSQL; SQLite has one writer)."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": APPEND_LOCK})


def head(s: Session) -> tuple[int, str]:
    """(number of the newest entry, its hash); (0, "") for an empty log."""
    row = s.execute(select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)).first()
    return (int(row[0]), str(row[1])) if row and row[0] is not None else (0, "")


def record(
    session: Session, actor: Actor, action: str, entity: str, entity_id: object = "", **detail: Any
) -> AuditEvent:
    """Append one entry in the caller's transaction (so it commits or rolls back with the write)."""
    eid = str(entity_id)
    state = audit_state.snapshot(session, entity, eid)  # flushes the caller's changes first
    if state is not None:
        detail["state"] = state
    lock_appends(session)
    last_seq, prev = head(session)
    seq = last_seq + 1
    key = audit_key.key_for_append(session, seq)
    at = now()
    body = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str) if detail else ""
    digest = mac(key.secret, seq, prev, at.isoformat(), actor.username, action, entity, eid, body)
    event_row = AuditEvent(
        seq=seq,
        at=at,
        user_id=actor.user_id,
        username=actor.username,
        action=action,
        entity=entity,
        entity_id=eid,
        detail=body,
        prev_hash=prev,
        hash=digest,
    )
    session.add(event_row)
    session.flush()
    _witness_after_commit(session, key, seq, digest)
    changes.note(session, action, entity)
    return event_row


def _witness_after_commit(session: Session, key: audit_key.ChainKey, seq: int, digest: str) -> None:
    from app.services import audit_witness

    pending = session.info.get("audit_head")
    # Once per transaction: does the chain still hold today's checkpoint's head? If not, keep it.
    keep = pending[4] if pending else audit_witness.contradicted(session, key.key_id, seq - 1)
    session.info["audit_head"] = (key, seq, digest, audit_witness.installation_of(session), keep)
    if not event.contains(session, "after_commit", _after_commit):
        event.listen(session, "after_commit", _after_commit)
        event.listen(session, "after_rollback", _after_rollback)


def _after_commit(session: Session) -> None:
    pending = session.info.pop("audit_head", None)
    if pending is not None:
        from app.services import audit_witness

        audit_witness.checkpoint_after_commit(*pending)


def _after_rollback(session: Session) -> None:
    session.info.pop("audit_head", None)


def verify_chain(session: Session) -> list[str]:
    """Problems found in the chain, in Chinese; empty when every entry is intact."""
    from app.services.audit_verify import verify_connection

    return verify_connection(session.connection(), witnesses=(), records=False).problems
