"""The 备份与恢复 dialog: a backup now and to a folder, a restore by an administrator only."""

from __future__ import annotations

from pathlib import Path

from app.models.db import SessionFactory
from app.services import backup
from app.services.auth import Actor
from app.ui.backup_dialog import BackupDialog


def test_backup_then_restore_from_the_dialog(  # type: ignore[no-untyped-def]
    qtbot, sessions: SessionFactory, admin: Actor, db_url: str, tmp_path: Path
) -> None:
    dialog = BackupDialog(sessions, admin, db_url)
    dialog.quiet = True
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and dialog.restore_button.isEnabled()
    with qtbot.waitSignal(dialog.sig_backup_finished, timeout=10000) as done:
        assert dialog.backup_to() is None
    assert isinstance(done.args[0], Path) and dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "手动"
    with qtbot.waitSignal(dialog.sig_backup_finished, timeout=10000) as done:
        assert dialog.backup_to(tmp_path / "usb", "pw-1") is None
    usb = done.args[0]
    assert usb.name.endswith(".db.enc")
    with qtbot.waitSignal(dialog.sig_restore_finished, timeout=10000) as done:
        assert dialog.restore_from(usb, "wrong") is None
    assert isinstance(done.args[0], backup.BackupRefused) and "密码错误" in str(done.args[0])
    with qtbot.waitSignals([dialog.sig_restore_finished, dialog.sig_restored], timeout=10000):
        assert dialog.restore_from(usb, "pw-1") is None
    assert dialog.table.item(0, 1).text() == "恢复前自动"


def test_a_clerk_cannot_restore_from_the_dialog(  # type: ignore[no-untyped-def]
    qtbot, sessions: SessionFactory, clerk: Actor, db_url: str, tmp_path: Path
) -> None:
    dialog = BackupDialog(sessions, clerk, db_url)
    dialog.quiet = True
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled() and dialog.now_button.isEnabled()
    assert "无权" in (dialog.restore_from(tmp_path / "x.db") or "")


def test_postgresql_shows_the_server_tools(qtbot, sessions: SessionFactory, admin: Actor) -> None:  # type: ignore[no-untyped-def]
    dialog = BackupDialog(sessions, admin, "postgresql+psycopg://hzbz@server/hzbz")
    qtbot.addWidget(dialog)
    assert "pg_dump" in dialog.note.text() and not dialog.now_button.isEnabled()
    assert "pg_dump" in (dialog.backup_to() or "")


def test_a_backup_with_a_broken_audit_log_is_restored_only_when_the_admin_confirms(  # type: ignore[no-untyped-def]
    qtbot, sessions: SessionFactory, admin: Actor, db_url: str, tmp_path: Path
) -> None:
    import sqlite3

    dialog = BackupDialog(sessions, admin, db_url)
    dialog.quiet = True
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_backup_finished, timeout=10000) as done:
        assert dialog.backup_to(tmp_path / "usb") is None
    doctored = done.args[0]
    with sqlite3.connect(doctored) as conn:
        conn.execute("UPDATE audit_events SET detail = '' WHERE seq = 1")
    asked: list[str] = []
    dialog.confirm_broken_log = lambda problems: asked.append(problems) or False
    with qtbot.waitSignal(dialog.sig_restore_finished, timeout=10000) as done:
        assert dialog.restore_from(doctored) is None
    assert isinstance(done.args[0], backup.AuditLogBroken) and "第 1 条日志内容被改动" in asked[0]
    dialog.confirm_broken_log = lambda problems: True
    with qtbot.waitSignals([dialog.sig_restored], timeout=20000):
        assert dialog.restore_from(doctored) is None
