"""The audit log holds (issue 13 item 5): the insider's attacks of the issue, each now detected.

With the database password (the README's one credential) a clerk changed a claim's status, made
themself admin, deleted audit rows (the newest, or all) and recomputed the chain — and ``audit
verify`` still said intact. Now the chain is keyed with a secret outside the database, its head
is witnessed outside the table, and the business tables are checked against the log.
Runs on SQLite and PostgreSQL (conftest: BOTH_BACKENDS).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import delete, event, select, text, update

from app.models import AppSetting, AuditEvent, Claim, User
from app.models.db import SessionFactory, data_dir
from app.services import audit, audit_key, audit_witness
from app.services.audit_queries import AuditQueries
from app.services.audit_verify import Report
from app.services.auth import Actor
from app.services.claims import ClaimService
from app.services.roster import RosterService
from tests import factories
from tests.factories_claims import enrolled_member, hospital_stay

OUTPUTS: list[str] = []  # the verify reports, for the closing note (printed with -s)


def _verify(sessions: SessionFactory, *witness: Path) -> Report:
    report = AuditQueries(sessions).verify_report(tuple(witness))
    OUTPUTS.append(f"{report.count} 条：" + ("通过" if report.ok else "；".join(report.problems)))
    print(OUTPUTS[-1])
    return report


def _units(sessions: SessionFactory, admin: Actor, n: int) -> None:
    roster = RosterService(sessions, admin)
    for i in range(n):
        factories.unit(roster, f"T{i:03d}", f"单位{i}")


def _rechain_unkeyed(sessions: SessionFactory) -> None:
    """What the issue's insider did: recompute every hash (SHA-256, as the old chain was)."""
    with sessions.begin() as s:
        prev, n = "", 0
        for ev in s.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all():
            n += 1
            digest = audit._digest(
                prev, ev.at.isoformat(), ev.username, ev.action, ev.entity, ev.entity_id, ev.detail
            )
            ev.seq, ev.prev_hash, ev.hash, prev = -n, prev, digest, digest
        s.flush()
        s.execute(update(AuditEvent).values(seq=-AuditEvent.seq))


def test_an_intact_log_verifies_and_is_witnessed(sessions: SessionFactory, admin: Actor) -> None:
    _units(sessions, admin, 3)
    report = _verify(sessions)
    assert report.ok and report.count == 5 and report.witnesses >= 1 and report.records >= 1
    marker = audit_key.marker_of(sessions().connection())
    assert marker is not None
    path = audit_key.key_path(marker[0])
    assert path.is_file() and path.stat().st_mode & 0o077 == 0  # owner-only, in the data folder
    with sessions() as s:  # the database holds no key
        values = " ".join(s.scalars(select(AppSetting.value)))
    assert path.read_text().split('"key": "')[1][:64] not in values


def test_deleting_the_newest_entries_is_detected(sessions: SessionFactory, admin: Actor) -> None:
    _units(sessions, admin, 4)
    with sessions.begin() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq >= 5))
    report = _verify(sessions)
    assert any("第 5 条起的日志缺失" in p and "最新的 2 条记录被删除" in p for p in report.problems)


def test_an_entry_written_with_sql_and_no_number_is_reported(sessions: SessionFactory, admin: Actor) -> None:
    """audit verify died with a TypeError on an entry without its number (the scale benchmark's
    builder wrote such entries; so could anyone with the table)."""
    _units(sessions, admin, 2)
    with sessions.begin() as s:
        last = s.scalar(select(AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1))
        forged = AuditEvent(seq=None, at=audit.now(), user_id=None, username="admin", action="update",
                            entity="member", entity_id="1", detail="", prev_hash=last,
                            hash="0" * 64)  # fmt: skip
        s.add(forged)
    report = _verify(sessions)
    assert "有 1 条日志没有编号：不是本程序记录的，是用 SQL 直接写入的" in report.problems


def test_deleting_every_entry_is_detected(sessions: SessionFactory, admin: Actor) -> None:
    _units(sessions, admin, 2)
    with sessions.begin() as s:
        s.execute(delete(AuditEvent))
    report = _verify(sessions)
    assert report.count == 0 and any("第 1 条起的日志缺失" in p for p in report.problems)


def test_rewriting_and_rechaining_is_detected(sessions: SessionFactory, admin: Actor) -> None:
    _units(sessions, admin, 3)
    with sessions.begin() as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(detail='{"name": "改过"}'))
    _rechain_unkeyed(sessions)
    report = _verify(sessions)
    assert "第 1 条日志内容被改动" in report.problems  # no key: no valid MAC for any rewritten entry
    assert any("与检查点" in p and "见证不符" in p for p in report.problems)


def test_deleting_the_marker_and_rechaining_is_still_detected(sessions: SessionFactory, admin: Actor) -> None:
    _units(sessions, admin, 3)
    with sessions.begin() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq >= 4))
        s.execute(delete(AppSetting).where(AppSetting.key == audit_key.MARKER))
    _rechain_unkeyed(sessions)
    # The next write makes a new key; the old chain's witnesses still name the missing entries.
    _units_after = RosterService(sessions, admin)
    factories.unit(_units_after, "Z001", "后来的单位")
    old = [p for p in (data_dir() / "audit").iterdir()]
    assert len(old) == 2  # the old chain's checkpoints and the new one's
    with sessions() as s:
        report = audit_verify_all(s, old)
    assert any("缺失" in p or "不符" in p for p in report)


def audit_verify_all(s, folders: list[Path]) -> list[str]:  # type: ignore[no-untyped-def]
    """Verify against every checkpoint in the data folder, whatever chain it names."""
    from app.services.audit_verify import verify_connection

    witnesses = []
    for f in folders:
        for path in f.glob("*.json"):
            body = json.loads(path.read_text())
            witnesses.append(audit_witness.Witness(body["count"], body["hash"], "", f"检查点 {path.name}"))
    return verify_connection(s.connection(), witnesses=witnesses).problems


def test_sql_changes_to_claims_and_roles_are_reported_by_record(
    sessions: SessionFactory, admin: Actor, clerk: Actor
) -> None:
    _uid, mid = enrolled_member(sessions, clerk)
    desk = ClaimService(sessions, clerk)
    no = desk.create(hospital_stay(mid))
    desk.act(no, "submit")
    assert _verify(sessions).ok
    with sessions.begin() as s:  # psql with the shared password
        s.execute(update(Claim).where(Claim.claim_no == no).values(status="approved", approved_fen=50000))
        s.execute(update(User).where(User.username == "clerk1").values(role="admin"))
        s.execute(
            text(
                "INSERT INTO users (username, name_key, display_name, role, password_hash, active, "
                "must_change_password, created_at) VALUES ('mole', 'mole', '', 'admin', 'x', :t, :f, :now)"
            ),
            {"t": True, "f": False, "now": "2999-01-01 00:00:00"},
        )
    problems = _verify(sessions).problems
    claim = [p for p in problems if p.startswith(f"理赔 {no} 与审计日志最后的记录")]
    assert (
        claim and "状态现为 approved，日志记为 submitted" in claim[0] and "批准金额现为 500.00 元" in claim[0]
    )
    assert any(p.startswith("用户 clerk1") and "角色现为 admin，日志记为 clerk" in p for p in problems)
    assert any(p.startswith("用户 mole") and "没有任何记录" in p for p in problems)


def test_a_pc_without_the_key_refuses_to_write(sessions: SessionFactory, admin: Actor) -> None:
    _units(sessions, admin, 1)
    shutil.rmtree(data_dir() / "keys")
    with pytest.raises(audit_key.MissingKey, match="没有审计日志密钥"):
        factories.unit(RosterService(sessions, admin), "X001", "无钥单位")
    with sessions() as s:
        assert s.scalar(select(AuditEvent.seq).order_by(AuditEvent.seq.desc()).limit(1)) == 3


def test_an_unkeyed_chain_migrates_and_stays_protected(sessions: SessionFactory, admin: Actor) -> None:
    """A database from before keying: its SHA-256 entries are covered by the first keyed MAC."""
    _units(sessions, admin, 2)
    with sessions.begin() as s:  # make it look like a database migrated from 0008
        s.execute(delete(AppSetting).where(AppSetting.key == audit_key.MARKER))
    _rechain_unkeyed(sessions)
    shutil.rmtree(data_dir() / "audit")
    assert _verify(sessions).ok
    factories.unit(RosterService(sessions, admin), "N001", "新单位")  # keyed from here on
    marker = audit_key.marker_of(sessions().connection())
    assert marker is not None and marker[1] == 5
    assert _verify(sessions).ok
    with sessions.begin() as s:  # rewrite an old entry and re-chain the old part
        s.execute(update(AuditEvent).where(AuditEvent.seq == 2).values(username="someone"))
        prev = ""
        for ev in s.scalars(select(AuditEvent).where(AuditEvent.seq < 5).order_by(AuditEvent.seq)).all():
            ev.prev_hash = prev
            ev.hash = prev = audit._digest(
                prev, ev.at.isoformat(), ev.username, ev.action, ev.entity, ev.entity_id, ev.detail
            )
    problems = _verify(sessions).problems
    assert "第 5 条日志之前的记录被删除或改动" in problems


def test_a_partners_copy_of_the_head_catches_what_the_data_folder_lost(
    sessions: SessionFactory, admin: Actor, tmp_path: Path
) -> None:
    _units(sessions, admin, 3)
    manifest = tmp_path / "batch" / "manifest.json"
    manifest.parent.mkdir()
    manifest.write_text(json.dumps({"kind": "claims", "audit_head": audit_witness.audit_head(sessions)}))
    with sessions.begin() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq >= 4))
    shutil.rmtree(data_dir() / "audit")  # the insider also removed the checkpoints
    assert _verify(sessions).ok  # nothing left here to tell …
    problems = _verify(sessions, manifest.parent).problems  # … but the exported batch does
    assert any("第 4 条起的日志缺失：批次 batch 见证" in p for p in problems)


def test_verify_streams_rows_without_orm_objects(sessions: SessionFactory, admin: Actor) -> None:
    _units(sessions, admin, 3)
    loaded: list[object] = []

    def on_load(target: object, _context: object) -> None:
        loaded.append(target)

    event.listen(AuditEvent, "load", on_load)
    try:
        assert _verify(sessions).ok
    finally:
        event.remove(AuditEvent, "load", on_load)
    assert loaded == []


def test_checkpoints_are_signed(sessions: SessionFactory, admin: Actor) -> None:
    from app.services.keys import KeyService

    KeyService(sessions, admin).identity()  # the installation's Ed25519 key
    _units(sessions, admin, 1)
    files = list((data_dir() / "audit").glob("*/*.json"))
    assert len(files) == 1 and "signature" in json.loads(files[0].read_text())
    body = json.loads(files[0].read_text())
    body["count"] = 99
    files[0].write_text(json.dumps(body))
    assert any("签名不符" in p for p in _verify(sessions).problems)


def test_unkeyed_digest_is_plain_sha256() -> None:
    assert (
        audit._digest("", "t", "u", "a", "e", "1", "")
        == hashlib.sha256(b"\x1ft\x1fu\x1fa\x1fe\x1f1\x1f").hexdigest()
    )


def test_later_writes_do_not_overwrite_the_evidence(sessions: SessionFactory, admin: Actor) -> None:
    """Delete the newest entry, then let the program append two more: today's checkpoint that
    saw the deleted entry is kept (the new head goes into a file of its own)."""
    _units(sessions, admin, 3)
    with sessions.begin() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq == 5))
    factories.unit(RosterService(sessions, admin), "L001", "后来一")
    factories.unit(RosterService(sessions, admin), "L002", "后来二")
    assert len(list((data_dir() / "audit").glob("*/*.json"))) == 2
    problems = _verify(sessions).problems
    assert any("第 5 条日志与检查点" in p and "见证不符" in p for p in problems)
