from __future__ import annotations

from sqlalchemy import select, update

from app.models import AuditEvent
from app.models.db import SessionFactory
from app.services import audit
from app.services.auth import Actor
from app.services.roster import RosterService
from tests import factories


def test_every_write_is_logged_and_chained(sessions: SessionFactory, admin: Actor) -> None:
    roster = RosterService(sessions, admin)
    uid = factories.unit(roster)
    factories.member(roster, uid, "李四")
    with sessions() as s:
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        assert [(e.action, e.entity) for e in events] == [
            ("setup", "office"),
            ("create", "user"),
            ("create", "unit"),
            ("create", "member"),
        ]
        assert all(e.username == "admin" for e in events)
        assert events[1].prev_hash == events[0].hash
        assert audit.verify_chain(s) == []


def test_verify_finds_edited_and_deleted_entries(sessions: SessionFactory, admin: Actor) -> None:
    roster = RosterService(sessions, admin)
    for i in range(3):
        factories.unit(roster, f"U{i}", f"单位{i}")
    with sessions.begin() as s:
        s.execute(update(AuditEvent).where(AuditEvent.id == 2).values(detail="改过"))
    with sessions() as s:
        assert "第 2 条日志内容被改动" in audit.verify_chain(s)
    with sessions.begin() as s:
        s.delete(s.get(AuditEvent, 3))
    with sessions() as s:
        assert any("第 4 条日志之前" in p for p in audit.verify_chain(s))


def test_the_verifiers_precomputed_hmac_is_the_appenders_hmac() -> None:
    """ChainMac (audit verify) and mac (every append) agree for short, block-sized and long keys."""
    from app.services.audit import ChainMac, mac

    fields = ("2026-12-04T16:00:00", "clerk1", "enroll", "unit", "7", '{"members": 3}')
    for secret in (b"k", b"s" * 64, bytes(range(200))):
        assert ChainMac(secret)(42, "ab" * 32, *fields) == mac(secret, 42, "ab" * 32, *fields)
    assert ChainMac(b"k")(42, "", *fields) != ChainMac(b"l")(42, "", *fields)
