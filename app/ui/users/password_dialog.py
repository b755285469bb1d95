"""修改密码: one's own password — from 文件 → 修改密码, or forced after a temporary one."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.errors import ServiceError
from app.services.passwords import MIN_LENGTH
from app.services.user_admin import UserAdmin
from app.services.users import Login
from app.ui.forms import enter_submits, error_label


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


class ChangePasswordDialog(QDialog):
    """With ``login`` (a temporary password just given): only the new one is asked, and the
    dialog cannot be skipped — cancelling it cancels the login."""

    def __init__(
        self,
        sessions: SessionFactory,
        actor: Actor,
        login: Login | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._admin = UserAdmin(sessions, actor)
        self._login = login
        self._current_given: str | None = None
        self.setWindowTitle(self.tr("修改密码 — {user}").format(user=actor.username))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        if login is not None:
            intro = QLabel(
                self.tr("这是管理员设置的临时密码或初始密码。请设置只有您自己知道的新密码，才能开始工作。")
            )
            intro.setWordWrap(True)
            layout.addWidget(intro)
        self.current = password_edit()
        self.new = password_edit()
        self.repeat = password_edit()
        self.new.setToolTip(
            self.tr("至少 {n} 个字符；不能是同一字符的重复、常见密码或用户名").format(n=MIN_LENGTH)
        )
        form = QFormLayout()
        if login is None:
            form.addRow(self.tr("当前密码："), self.current)
        form.addRow(self.tr("新密码："), self.new)
        form.addRow(self.tr("再次输入新密码："), self.repeat)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("修改密码"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        enter_submits(self)
        (self.current if login is None else self.new).setFocus()

    def set_current_password(self, password: str) -> None:
        """The temporary password the login was made with (so the new one can differ from it)."""
        self._current_given = password

    def accept(self) -> None:
        if self.new.text() != self.repeat.text():
            self.error.setText(self.tr("两次输入的新密码不一致"))
            return
        try:
            if self._login is not None:
                self._admin.set_own_password(self._login, self.new.text(), self._current_given)
            else:
                self._admin.change_own_password(self.current.text(), self.new.text())
        except ServiceError as exc:
            self.error.setText(str(exc))
            self.current.clear()
            return
        super().accept()
