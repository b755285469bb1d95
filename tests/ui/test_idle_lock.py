from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.users import UserService
from app.ui.users.idle_lock import SUSPEND_GAP, IdleLock
from tests.conftest import ADMIN_PASSWORD


def _window(qtbot) -> QMainWindow:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    window.setCentralWidget(QLabel("110105198506150012 张三"))
    qtbot.addWidget(window)
    window.show()
    return window


def _ticks(lock: IdleLock, t0: float, w0: float, start: int, end: int) -> list[bool]:
    """The timer's checks every 5 seconds from ``start`` to ``end`` seconds, PC awake."""
    return [lock.check(now=t0 + t, wall=w0 + t) for t in range(start, end + 1, 5)]


def test_window_locks_after_idle_minutes_and_only_the_password_unlocks(  # type: ignore[no-untyped-def]
    qtbot, sessions: SessionFactory, admin: Actor
) -> None:
    window = _window(qtbot)
    lock = IdleLock(window, UserService(sessions), admin, minutes=10)
    t0, w0 = lock.last_activity, lock.last_activity_wall
    assert not any(_ticks(lock, t0, w0, 5, 9 * 60 + 55))
    with qtbot.waitSignal(lock.sig_locked):
        assert lock.check(now=t0 + 10 * 60, wall=w0 + 10 * 60)
    assert not window.isEnabled() and lock.dialog is not None
    assert lock.content_hidden and not window.centralWidget().isVisible()  # no ID numbers on show
    lock.dialog.password.setText("wrong-one")
    assert not lock.dialog.try_unlock() and "密码错误" in lock.dialog.error.text()
    lock.dialog.reject()  # Esc does nothing
    assert lock.dialog is not None
    lock.dialog.password.setText(ADMIN_PASSWORD)
    assert lock.dialog.try_unlock()
    assert window.isEnabled() and lock.dialog is None and window.centralWidget().isVisible()


def test_the_lock_after_a_simulated_suspend(qtbot, sessions: SessionFactory, admin: Actor) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    lock = IdleLock(window, UserService(sessions), admin, minutes=10)
    t0, w0 = lock.last_activity, lock.last_activity_wall
    assert not lock.check(now=t0 + 5, wall=w0 + 5)
    # The PC slept for an hour: the monotonic clock stood still, the wall clock did not.
    with qtbot.waitSignal(lock.sig_locked):
        assert lock.check(now=t0 + 10, wall=w0 + 5 + SUSPEND_GAP + 3600)
    assert lock.content_hidden


def test_a_short_suspend_with_recent_activity_still_locks(
    qtbot, sessions: SessionFactory, admin: Actor
) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    lock = IdleLock(window, UserService(sessions), admin, minutes=10)
    t0, w0 = lock.last_activity, lock.last_activity_wall
    assert not lock.check(now=t0 + 5, wall=w0 + 5)
    with qtbot.waitSignal(lock.sig_locked):  # two minutes of sleep: below the idle limit, yet locked
        assert lock.check(now=t0 + 6, wall=w0 + 5 + 120)


def test_the_lock_applies_the_login_rules_and_offers_another_user(  # type: ignore[no-untyped-def]
    qtbot, sessions: SessionFactory, admin: Actor
) -> None:
    window = _window(qtbot)
    lock = IdleLock(window, UserService(sessions), admin, minutes=10)
    lock.lock()
    assert lock.dialog is not None
    for _ in range(3):
        lock.dialog.password.setText("wrong-one")
        lock.dialog.try_unlock()
    assert not lock.dialog.unlock.isEnabled() and "秒后再试" in lock.dialog.wait_label.text()
    lock.dialog.password.setText(ADMIN_PASSWORD)
    assert not lock.dialog.try_unlock()  # Enter inside the wait: not even asked
    assert UserService(sessions).failures("admin") == 3
    with qtbot.waitSignal(lock.sig_switch_user):
        lock.dialog.switch.click()
