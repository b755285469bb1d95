"""Backups and restores on real SQLite files: taken while writing, checked, encrypted, pruned."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import AuditEvent
from app.models.db import SessionFactory, data_dir, open_database
from app.models.roster import Unit
from app.services import backup
from app.services.audit import verify_chain
from app.services.auth import Actor
from app.services.errors import PermissionDenied, ServiceError
from tests import factories

PASSWORD = "U盘密码-2026"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """SQLite only: backups of a PostgreSQL database are pg_dump's (a test below checks the refusal)."""
    return f"sqlite:///{tmp_path / 'live.db'}"


@pytest.fixture
def live(tmp_path: Path) -> Path:
    return tmp_path / "live.db"


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("units", "members")}
    finally:
        conn.close()


def seed(sessions: SessionFactory, actor: Actor, members: int = 5, code: str = "U001") -> None:
    roster = factories.roster(sessions, actor)
    unit_id = factories.unit(roster, code, f"单位{code}")
    for i in range(members):
        factories.member(roster, unit_id, f"会员{i}")


def close(sessions: SessionFactory) -> None:
    """What the window and the command do before a restore: no pooled connection holds the file."""
    sessions.kw["bind"].dispose()


def test_backup_while_a_session_is_open_and_writing(
    sessions: SessionFactory, admin: Actor, live: Path, tmp_path: Path
) -> None:
    seed(sessions, admin, 5)
    out = tmp_path / "usb"
    stop = threading.Event()

    def keep_writing() -> None:
        roster = factories.roster(sessions, admin)
        unit_id = factories.unit(roster, "W001", "写入中的单位")
        while not stop.is_set():
            factories.member(roster, unit_id, "并发")

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:  # another connection commits members all the while
        taken = [backup.backup_now(sessions.kw["bind"], out) for _ in range(3)]
    finally:
        stop.set()
        writer.join()
    with sessions() as session, session.begin():
        session.add(Unit(code="X999", name="未提交的单位"))
        session.flush()  # a write transaction is open (and holds the write lock) during this one
        taken.append(backup.backup_now(sessions.kw["bind"], out))
    for path in taken:
        assert backup.check_backup(path) == []
        conn = sqlite3.connect(path)
        assert conn.execute("SELECT count(*) FROM units WHERE code = 'X999'").fetchone()[0] == 0
        conn.close()
        assert counts(path)["members"] >= 5
    assert counts(taken[-1])["members"] == counts(live)["members"] > 5  # the writer did write
    assert counts(live)["units"] == 3  # U001, W001 and the committed X999


def test_backup_has_the_same_rows_and_is_owner_only(
    sessions: SessionFactory, admin: Actor, live: Path, db_url: str, tmp_path: Path
) -> None:
    seed(sessions, admin, 7)
    path = backup.backup_now(db_url, tmp_path / "usb")
    assert counts(path) == counts(live) == {"units": 1, "members": 7}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.name.startswith("hzbz-") and path.name.endswith("-manual.db")
    assert not Path(f"{path}-wal").exists()  # one self-contained file
    [info] = backup.list_backups(tmp_path / "usb")
    assert (info.path, info.label, info.encrypted, info.size) == (path, "manual", False, path.stat().st_size)
    assert [p.name for p in (tmp_path / "usb").iterdir()] == [path.name]  # no temp file left


def test_encrypted_backup_restores_with_the_password_only(
    sessions: SessionFactory, admin: Actor, live: Path, db_url: str, tmp_path: Path
) -> None:
    seed(sessions, admin, 4)
    path = backup.backup_now(db_url, tmp_path / "usb", password=PASSWORD)
    assert path.name.endswith(".db.enc") and backup.is_encrypted(path)
    assert b"SQLite format 3" not in path.read_bytes()
    seed(sessions, admin, 2, code="U002")  # after the backup
    assert backup.check_backup(path) == ["备份文件已加密，请输入密码"]
    assert backup.check_backup(path, "wrong") == ["密码错误，无法解密备份文件"]
    assert backup.check_backup(path, PASSWORD) == []

    close(sessions)
    with pytest.raises(backup.BackupRefused, match="密码错误"):
        backup.restore(admin, path, db_url, "wrong")
    assert counts(live) == {"units": 2, "members": 6}
    assert backup.list_backups(data_dir() / "backups") == []  # refused before the safety backup

    safety = backup.restore(admin, path, db_url, PASSWORD)
    assert counts(live) == {"units": 1, "members": 4}
    assert counts(safety) == {"units": 2, "members": 6} and safety.name.endswith("-before-restore.db")
    assert stat.S_IMODE(live.stat().st_mode) == 0o600
    engine, restored = open_database(db_url)
    with restored() as session:
        assert verify_chain(session) == []
        last = session.execute(select(AuditEvent).order_by(AuditEvent.id.desc())).scalars().first()
    engine.dispose()
    assert (last.action, last.username, last.entity_id) == ("restore", "admin", path.name)


def test_a_cut_off_encrypted_backup_is_refused(sessions: SessionFactory, db_url: str, tmp_path: Path) -> None:
    path = backup.backup_now(db_url, tmp_path, password=PASSWORD)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 100])
    assert backup.check_backup(path, PASSWORD) == ["加密的备份文件已损坏或不完整，无法解密"]
    flipped = bytearray(data)
    flipped[200] ^= 1
    path.write_bytes(bytes(flipped))
    assert backup.check_backup(path, PASSWORD) == ["加密的备份文件已损坏或不完整，无法解密"]


@pytest.mark.parametrize("size", [0, 5, backup._CHUNK, 2 * backup._CHUNK + 1])
def test_encryption_round_trip_across_chunks(tmp_path: Path, size: int) -> None:
    plain, sealed, opened = tmp_path / "plain", tmp_path / "sealed", tmp_path / "opened"
    plain.write_bytes(bytes(range(256)) * (size // 256) + b"z" * (size % 256))
    backup._encrypt(plain, sealed, PASSWORD)
    backup._decrypt(sealed, opened, PASSWORD)
    assert opened.read_bytes() == plain.read_bytes()
    if size >= backup._CHUNK:  # cut off at a chunk boundary: the missing last chunk is noticed
        sealed.write_bytes(sealed.read_bytes()[: backup._HEADER_LEN + backup._CHUNK + 16])
        with pytest.raises(backup._Unreadable):
            backup._decrypt(sealed, opened, PASSWORD)


def _text(p: Path) -> Path:
    p.write_text("姓名,身份证号\n张三,110105198506150011\n", encoding="utf-8")
    return p


def _corrupt(p: Path, good: Path) -> Path:
    data = bytearray(good.read_bytes())
    for i in range(4096 * 2, min(len(data), 4096 * 6)):  # pages 3-6: tables' b-trees
        data[i] = 0x55
    p.write_bytes(bytes(data))
    return p


def _other_schema(p: Path) -> Path:
    conn = sqlite3.connect(p)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()
    return p


def _newer(p: Path, good: Path) -> Path:
    p.write_bytes(good.read_bytes())
    conn = sqlite3.connect(p)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    return p


def _without_table(p: Path, good: Path) -> Path:
    p.write_bytes(good.read_bytes())
    conn = sqlite3.connect(p)
    conn.execute("DROP TABLE claim_steps")
    conn.commit()
    conn.close()
    return p


def _extra_table(p: Path, good: Path) -> Path:
    p.write_bytes(good.read_bytes())
    conn = sqlite3.connect(p)
    conn.execute("CREATE TABLE payroll_export (id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()
    return p


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("missing_table", "备份缺少数据表：claim_steps"),
        ("extra_table", "不认识的数据表：payroll_export"),
        ("text", "不是数据库文件"),
        ("corrupt", "损坏"),
        ("other", "不是本程序的数据库：缺少数据表"),
        ("newer", "更新版本的程序"),
        ("missing", "找不到备份文件"),
    ],
)
def test_bad_files_are_refused_and_nothing_changes(
    sessions: SessionFactory, admin: Actor, live: Path, db_url: str, tmp_path: Path, kind: str, expected: str
) -> None:
    seed(sessions, admin, 3)
    good = backup.backup_now(db_url, tmp_path / "good")
    bad = tmp_path / "bad.db"
    {
        "text": lambda: _text(bad),
        "corrupt": lambda: _corrupt(bad, good),
        "other": lambda: _other_schema(bad),
        "newer": lambda: _newer(bad, good),
        "missing_table": lambda: _without_table(bad, good),
        "extra_table": lambda: _extra_table(bad, good),
        "missing": lambda: bad,
    }[kind]()
    [problem] = backup.check_backup(bad)
    assert expected in problem
    close(sessions)  # (it checkpoints the WAL into the file: compare from here)
    before = counts(live), live.read_bytes()
    with pytest.raises(backup.BackupRefused) as refused:
        backup.restore(admin, bad, db_url)
    assert refused.value.problems == [problem] and "未做任何修改" in str(refused.value)
    assert (counts(live), live.read_bytes()) == before
    assert not (data_dir() / "backups").exists()  # not even a safety backup
    assert sorted(p.name for p in live.parent.iterdir() if p.name.startswith(".hzbz")) == []


def test_a_clerk_cannot_restore(
    sessions: SessionFactory, clerk: Actor, live: Path, db_url: str, tmp_path: Path
) -> None:
    path = backup.backup_now(db_url, tmp_path / "usb")
    before = live.read_bytes()
    with pytest.raises(PermissionDenied, match="无权"):
        backup.restore(clerk, path, db_url)
    assert live.read_bytes() == before


def test_postgresql_points_to_pg_dump_and_pg_restore(admin: Actor, tmp_path: Path) -> None:
    url = "postgresql+psycopg://hzbz@server/hzbz"
    with pytest.raises(ServiceError, match="pg_dump"):
        backup.backup_now(url, tmp_path)
    with pytest.raises(ServiceError, match="pg_restore"):
        backup.restore(admin, tmp_path / "x.dump", url)
    assert backup.automatic_backup(url, "start") is None


def test_automatic_backup_skips_an_unchanged_database(
    sessions: SessionFactory, admin: Actor, db_url: str
) -> None:
    first = backup.automatic_backup(db_url, "start")
    assert first is not None and first.parent == data_dir() / "backups"
    assert backup.automatic_backup(db_url, "exit") == first  # nothing written since
    seed(sessions, admin, 1)
    second = backup.automatic_backup(db_url, "exit")
    assert second not in (None, first) and second.name.endswith("-exit.db")
    assert [b.label for b in backup.list_backups(data_dir() / "backups")] == ["exit", "start"]


def test_pruning_keeps_the_newest_ten_and_one_a_day(tmp_path: Path) -> None:
    now = dt.datetime(2026, 11, 22, 19, 30, 15)
    names = {}
    for day in range(45):  # three automatic backups a day for 45 days
        for hour, label in ((8, "start"), (12, "exit"), (18, "exit")):
            at = (now - dt.timedelta(days=day)).replace(hour=hour)
            names[at] = f"hzbz-{at:%Y%m%d-%H%M%S}-{label}.db"
    manual = "hzbz-20250101-090000-manual.db"
    for name in [*names.values(), manual, "notes.txt"]:
        (tmp_path / name).write_bytes(b"x")
    removed = backup.prune(tmp_path, keep_last=10, now=now)
    left = {p.name for p in tmp_path.iterdir()}
    newest = sorted(names, reverse=True)
    expected = {names[at] for at in newest[:10]}
    expected |= {names[at] for at in newest if at.hour == 18 and (now - at).days < 30}
    assert left == expected | {manual, "notes.txt"}
    assert len(left) == 10 + (30 - 4) + 2  # the newest ten span four days
    assert len(removed) == len(names) - len(expected)


def test_a_damaged_database_is_replaced_and_its_bytes_kept(
    sessions: SessionFactory, admin: Actor, live: Path, db_url: str, tmp_path: Path
) -> None:
    seed(sessions, admin, 2)
    good = backup.backup_now(db_url, tmp_path / "usb")
    close(sessions)
    _corrupt(live, live)
    damaged = live.read_bytes()
    safety = backup.restore(admin, good, db_url)
    assert safety.read_bytes() == damaged and counts(live)["members"] == 2
    assert backup.check_backup(live) == []


def test_copies_a_killed_backup_left_are_removed_at_the_next_one(
    sessions: SessionFactory, admin: Actor, live: Path, db_url: str, tmp_path: Path
) -> None:
    import subprocess
    import sys

    usb = tmp_path / "usb"
    usb.mkdir()
    argv = [sys.executable, "-c", "import os; print(os.getpid())"]
    dead = subprocess.run(argv, capture_output=True, text=True)
    pid = int(dead.stdout)  # a process that has ended
    leftovers = [live.parent / f".hzbz-backup-{pid}-abc.part", usb / f".hzbz-backup-{pid}-def.part",
                 usb / f".hzbz-backup-{pid}-def.part-journal"]  # fmt: skip
    for path in leftovers:
        path.write_bytes(b"SQLite format 3\x00" + b"plaintext" * 100)
    running = usb / f".hzbz-backup-{os.getpid()}-ghi.part"  # this process: still being written
    running.write_bytes(b"x")
    other = usb / "notes.part"
    other.write_bytes(b"x")
    backup.backup_now(db_url, usb, password=PASSWORD)
    assert [p for p in leftovers if p.exists()] == []
    assert running.exists() and other.exists()


def test_a_backup_whose_audit_log_does_not_verify_is_refused_or_restored_with_a_warning(
    sessions: SessionFactory, admin: Actor, db_url: str, live: Path, tmp_path: Path
) -> None:
    """Issue 13 item 5: the restore checks the backup's own chain (and its head and tables)."""
    from sqlalchemy import delete, update

    seed(sessions, admin)
    good = backup.backup_now(db_url, tmp_path / "bk")
    # Someone edits the log inside a copy of the backup (a doctored backup brought back in).
    doctored = tmp_path / "bk" / "hzbz-20200101-000000-manual.db"
    doctored.write_bytes(good.read_bytes())
    conn = sqlite3.connect(doctored)
    conn.execute("UPDATE audit_events SET username = 'nobody' WHERE seq = 2")
    conn.commit()
    conn.close()
    close(sessions)
    with pytest.raises(backup.AuditLogBroken, match="第 2 条日志内容被改动") as refused:
        backup.restore(admin, doctored, db_url)
    assert "审计日志未通过校验" in str(refused.value)
    assert counts(live)["members"] == 5  # nothing changed
    backup.restore(admin, doctored, db_url, accept_broken_log=True)
    engine, restored = open_database(db_url)
    with restored() as s:
        entry = s.scalars(select(AuditEvent).where(AuditEvent.action == "restore")).one()
        assert "第 2 条日志内容被改动" in entry.detail and "audit_log_problems" in entry.detail
    engine.dispose()
    # The good backup's log verifies, and restoring it keeps a log that verifies with its witnesses.
    backup.restore(admin, good, db_url)
    engine, restored = open_database(db_url)
    from app.services.audit_queries import AuditQueries

    report = AuditQueries(restored).verify_report()
    assert report.ok, report.problems
    with restored.begin() as s:  # deleting the newest entries of the restored log still shows
        s.execute(delete(AuditEvent).where(AuditEvent.action == "restore"))
        s.execute(update(AuditEvent).where(AuditEvent.seq == 1).values(detail=""))
    assert not AuditQueries(restored).verify_report().ok
    engine.dispose()
