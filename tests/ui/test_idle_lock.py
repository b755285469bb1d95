from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.users import UserService
from app.ui.idle_lock import IdleLock
from tests.conftest import ADMIN_PASSWORD


def test_window_locks_after_idle_minutes_and_only_the_password_unlocks(  # type: ignore[no-untyped-def]
    qtbot, sessions: SessionFactory, admin: Actor
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    lock = IdleLock(window, UserService(sessions), admin, minutes=10)
    assert not lock.check(now=lock.last_activity + 9 * 60)
    with qtbot.waitSignal(lock.sig_locked):
        assert lock.check(now=lock.last_activity + 10 * 60)
    assert not window.isEnabled() and lock.dialog is not None
    lock.dialog.password.setText("wrong-one")
    assert not lock.dialog.try_unlock() and "密码错误" in lock.dialog.error.text()
    lock.dialog.reject()  # Esc does nothing
    assert lock.dialog is not None
    lock.dialog.password.setText(ADMIN_PASSWORD)
    assert lock.dialog.try_unlock()
    assert window.isEnabled() and lock.dialog is None
