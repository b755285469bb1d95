"""Lock the window after idle minutes, and after a suspend: the clerk's password opens it again.

Any key or mouse event anywhere in the program counts as activity (an application-wide event
filter); a timer checks every few seconds. Idle time is measured on both clocks: the monotonic
one does not run while the PC sleeps, the wall clock does, so waking a laptop after lunch finds
the desk locked; a timer tick that arrives long after the previous one means the PC was
suspended, which locks at once. While locked the window's content is hidden (no ID numbers on
an unattended desk) and the lock dialog takes the locked user's password — under the same
guessing rules as the login — or lets another user log in instead (切换用户).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.auth import Actor
from app.services.errors import ServiceError
from app.services.users import LoginRefused, UserService
from app.ui.forms import error_label
from app.ui.users.login_dialog import refusal_text
from app.ui.users.password_dialog import password_edit
from app.ui.users.wait_gate import WaitGate

ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel}
TICK_SECONDS = 5
SUSPEND_GAP = 60  # a tick this late (wall clock) means the PC slept


class LockDialog(QDialog):
    sig_switch_user = Signal()
    """The clerk at the desk is someone else: log out and show the login."""

    def __init__(self, users: UserService, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users, self._actor = users, actor
        self.setWindowTitle(self.tr("已锁定"))
        self.setModal(True)
        self.setMinimumWidth(340)
        self.password = password_edit()
        self.error = error_label()
        self.wait_label = QLabel()
        self.unlock = QPushButton(self.tr("解锁"))
        self.unlock.setAutoDefault(False)
        self.unlock.setDefault(True)  # Enter anywhere presses it, once; nothing while it is off
        self.unlock.clicked.connect(self.try_unlock)
        self.switch = QPushButton(self.tr("切换用户…"))
        self.switch.setAutoDefault(False)
        self.switch.clicked.connect(self.sig_switch_user.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("已锁定。请输入 {user} 的密码解锁：").format(user=actor.username)))
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addWidget(self.wait_label)
        row = QHBoxLayout()
        row.addWidget(self.switch)
        row.addStretch(1)
        row.addWidget(self.unlock)
        layout.addLayout(row)
        self.gate = WaitGate(
            self.wait_label,
            [self.unlock],
            lambda s: self.tr("请 {seconds} 秒后再试").format(seconds=s),
            self,
        )

    def try_unlock(self) -> bool:
        if self.gate.closed:
            return False
        try:
            self._users.login(self._actor.username, self.password.text())
        except LoginRefused as exc:
            self.password.clear()
            self.error.setText(refusal_text(exc))
            self.gate.start(exc.wait)
            return False
        except ServiceError as exc:
            self.password.clear()
            self.error.setText(str(exc))
            return False
        self.accept()
        return True

    def reject(self) -> None:  # Esc does not unlock
        return


class IdleLock(QObject):
    sig_locked = Signal()
    """The window was locked (idle limit reached, or the PC woke from a suspend)."""
    sig_switch_user = Signal()
    """The lock dialog's 切换用户 was pressed."""

    def __init__(self, window: QWidget, users: UserService, actor: Actor, minutes: float = 10.0) -> None:
        super().__init__(window)
        self._window, self._users, self._actor = window, users, actor
        self.limit = minutes * 60
        self.last_activity = time.monotonic()
        self.last_activity_wall = time.time()
        self.last_tick_wall = self.last_activity_wall
        self.dialog: LockDialog | None = None
        self._hidden: list[QWidget] = []
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_SECONDS * 1000)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in ACTIVITY and self.dialog is None:
            self.last_activity = time.monotonic()
            self.last_activity_wall = time.time()
        return False

    def check(self, now: float | None = None, wall: float | None = None) -> bool:
        """Lock if idle too long or just back from a suspend; True when locked (now or before).

        ``now`` (monotonic) and ``wall`` (time.time) stand in for the clocks in tests.
        """
        if self.dialog is not None:
            return True
        mono = now if now is not None else time.monotonic()
        wall = wall if wall is not None else time.time()
        idle = max(mono - self.last_activity, wall - self.last_activity_wall)
        slept = wall - self.last_tick_wall > SUSPEND_GAP
        self.last_tick_wall = wall
        if idle < self.limit and not slept:
            return False
        self.lock()
        return True

    def lock(self) -> None:
        if self.dialog is not None:
            return
        self.dialog = LockDialog(self._users, self._actor, self._window)
        self.dialog.accepted.connect(self._on_dialog_accepted)
        self.dialog.sig_switch_user.connect(self.sig_switch_user.emit)
        content = self._window.centralWidget() if isinstance(self._window, QMainWindow) else None
        self._hidden = [w for w in (content,) if w is not None and w.isVisible()]
        for w in self._hidden:
            w.hide()
        self._window.setEnabled(False)
        self.dialog.setEnabled(True)
        self.dialog.show()
        self.sig_locked.emit()

    @property
    def content_hidden(self) -> bool:
        return bool(self._hidden)

    def stop(self) -> None:
        """The window is going away (logout): no more checks, no dialog left behind."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None

    def _on_dialog_accepted(self) -> None:
        self._window.setEnabled(True)
        for w in self._hidden:
            w.show()
        self._hidden = []
        self.dialog = None
        self.last_activity = time.monotonic()
        self.last_activity_wall = self.last_tick_wall = time.time()
