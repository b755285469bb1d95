"""Login: repeated failures slow down (a growing pause before the next try is allowed)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.services.auth import Actor
from app.services.errors import ServiceError
from app.services.users import UserService, WrongPassword
from app.ui.forms import enter_submits


class LoginDialog(QDialog):
    def __init__(self, users: UserService, office_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users = users
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("登录 — {office}").format(office=office_name))
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("用户名(&U)："), self.username)
        form.addRow(self.tr("密码(&P)："), self.password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        enter_submits(self)
        self.username.setFocus()

    def accept(self) -> None:
        try:
            self.actor = self._users.authenticate(self.username.text(), self.password.text())
        except WrongPassword as exc:
            self.password.clear()
            delay = min(2 ** max(exc.failures - 2, 0), 30) if exc.failures >= 3 else 0
            self.error.setText(
                self.tr("用户名或密码错误，请 {seconds} 秒后再试").format(seconds=delay)
                if delay
                else self.tr("用户名或密码错误")
            )
            if delay:
                ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
                ok.setEnabled(False)
                QTimer.singleShot(delay * 1000, lambda: ok.setEnabled(True))
            return
        except ServiceError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
