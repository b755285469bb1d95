"""Lock the window after idle minutes: the clerk's password opens it again.

Any key or mouse event anywhere in the program counts as activity (an application-wide event
filter); a timer checks every few seconds. While locked, the window's content is hidden behind a
modal dialog, so an unattended desk shows no ID numbers.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.services.auth import Actor
from app.services.errors import ServiceError
from app.services.users import UserService

ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel}


class LockDialog(QDialog):
    def __init__(self, users: UserService, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users, self._actor = users, actor
        self.setWindowTitle(self.tr("已锁定"))
        self.setModal(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        unlock = QPushButton(self.tr("解锁"))
        unlock.setDefault(True)
        unlock.clicked.connect(self.try_unlock)
        self.password.returnPressed.connect(self.try_unlock)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("长时间未操作，已锁定。请输入 {user} 的密码：").format(user=actor.username))
        )
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addWidget(unlock)

    def try_unlock(self) -> bool:
        try:
            self._users.authenticate(self._actor.username, self.password.text())
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
    """The window was locked after the idle limit."""

    def __init__(self, window: QWidget, users: UserService, actor: Actor, minutes: float = 10.0) -> None:
        super().__init__(window)
        self._window, self._users, self._actor = window, users, actor
        self.limit = minutes * 60
        self.last_activity = time.monotonic()
        self.dialog: LockDialog | None = None
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setInterval(5000)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in ACTIVITY and self.dialog is None:
            self.last_activity = time.monotonic()
        return False

    def check(self, now: float | None = None) -> bool:
        """Lock if idle too long; returns True when locked (now or already)."""
        if self.dialog is not None:
            return True
        if (now if now is not None else time.monotonic()) - self.last_activity < self.limit:
            return False
        self.dialog = LockDialog(self._users, self._actor, self._window)
        self.dialog.accepted.connect(self._on_dialog_accepted)
        self._window.setEnabled(False)
        self.dialog.setEnabled(True)
        self.dialog.show()
        self.sig_locked.emit()
        return True

    def _on_dialog_accepted(self) -> None:
        self._window.setEnabled(True)
        self.dialog = None
        self.last_activity = time.monotonic()
