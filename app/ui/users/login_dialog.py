"""Login: the service counts wrong passwords, makes the next try wait, and locks after ten.

While a wait runs the 登录 button is off and Enter does nothing (the service would refuse the
attempt unheard anyway). A temporary password leads straight to 修改密码 before the window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.errors import ServiceError
from app.services.server_logins import ServerConnector
from app.services.users import (
    LOCK_AFTER,
    AccountDisabled,
    AccountLocked,
    LoginDelayed,
    LoginRefused,
    UserService,
    WrongPassword,
)
from app.ui.forms import enter_submits, error_label
from app.ui.users.password_dialog import ChangePasswordDialog, password_edit
from app.ui.users.wait_gate import WaitGate


def refusal_text(exc: LoginRefused) -> str:
    """The service's refusal in the window's language (the service speaks Chinese)."""

    if isinstance(exc, WrongPassword):
        if exc.failures >= LOCK_AFTER:
            return QCoreApplication.translate(
                "login", "用户名或密码错误。已连续 {n} 次错误，该用户名已锁定，请管理员解锁"
            ).format(n=exc.failures)
        if exc.wait:  # the countdown under it says how long
            return QCoreApplication.translate("login", "用户名或密码错误（再错 {left} 次将锁定）").format(
                left=LOCK_AFTER - exc.failures
            )
        return QCoreApplication.translate("login", "用户名或密码错误")
    if isinstance(exc, LoginDelayed):
        return QCoreApplication.translate("login", "密码错误次数过多，请稍候")
    if isinstance(exc, AccountLocked):
        return QCoreApplication.translate(
            "login", "该用户名已锁定（连续 {n} 次密码错误），请管理员在“用户管理”中解锁"
        ).format(n=LOCK_AFTER)
    if isinstance(exc, AccountDisabled):
        return QCoreApplication.translate("login", "该用户已停用，请联系管理员")
    return str(exc)


class LoginDialog(QDialog):
    def __init__(
        self,
        users: UserService | ServerConnector,
        office_name: str,
        parent: QWidget | None = None,
        sessions: SessionFactory | None = None,
    ) -> None:
        super().__init__(parent)
        self._users = users
        self._sessions = sessions
        self.actor: Actor | None = None
        self.attempts = 0  # attempts passed to the service (the tests count them)
        title = self.tr("登录 — {office}").format(office=office_name)
        self.setWindowTitle(title)
        # A long office name is cut in a narrow title bar: the dialog is wide enough for it (within
        # a laptop's screen), and the name stands inside the dialog too, wrapped, never cut.
        self.setMinimumWidth(min(max(360, self.fontMetrics().horizontalAdvance(title) + 140), 640))
        self.office = QLabel(office_name)
        self.office.setWordWrap(True)
        self.office.setStyleSheet("font-weight: bold")
        self.username = QLineEdit()
        self.username.setMaxLength(30)
        self.password = password_edit()
        form = QFormLayout()
        form.addRow(self.tr("用户名(&U)："), self.username)
        form.addRow(self.tr("密码(&P)："), self.password)
        self.error = error_label()
        self.wait_label = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if office_name:
            layout.addWidget(self.office)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.wait_label)
        layout.addWidget(self.buttons)
        self.gate = WaitGate(
            self.wait_label, [self.ok], lambda s: self.tr("请 {seconds} 秒后再试").format(seconds=s), self
        )
        enter_submits(self)
        self.username.setFocus()

    def accept(self) -> None:
        if self.gate.closed:  # Enter during the wait: nothing happens
            return
        password = self.password.text()
        self.attempts += 1
        try:
            login = self._users.login(self.username.text(), password)
        except LoginRefused as exc:
            self.password.clear()
            self.error.setText(refusal_text(exc))
            self.gate.start(exc.wait)
            return
        except ServiceError as exc:
            self.error.setText(str(exc))
            return
        if login.must_change:
            # On a shared server the connection is made by the login itself (ServerConnector).
            self._sessions = self._sessions or getattr(self._users, "sessions", None)
            if self._sessions is None:
                self.error.setText(self.tr("须先修改密码"))
                return
            change = ChangePasswordDialog(self._sessions, login.actor, login, self)
            change.set_current_password(password)
            if change.exec() != QDialog.DialogCode.Accepted:
                self.password.clear()
                self.error.setText(self.tr("须先设置新密码才能登录"))
                return
        self.actor = login.actor
        super().accept()
