"""文件 → 用户管理 (administrators): add users, reset passwords, disable/enable, roles, unlock.

Every button calls the same UserAdmin service the ``user`` command does; the service checks
the administrator's right and keeps one active administrator, the dialog only shows the answer.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.errors import ServiceError
from app.services.passwords import MIN_LENGTH
from app.services.user_admin import UserAdmin, UserInfo
from app.ui.forms import enter_submits, error_label, save_cancel
from app.ui.users.password_dialog import password_edit


def role_names() -> dict[str, str]:
    return {
        "admin": QCoreApplication.translate("roles", "管理员"),
        "clerk": QCoreApplication.translate("roles", "经办员"),
        "auditor": QCoreApplication.translate("roles", "审核员"),
    }


def fill_roles(combo: QComboBox, current: str = "clerk") -> None:
    for code, label in role_names().items():
        combo.addItem(label, code)
    combo.setCurrentIndex(max(0, combo.findData(current)))


class NewUserDialog(QDialog):
    """A new login: name, role and a first password the user changes at the first login."""

    def __init__(self, admin: UserAdmin, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._admin = admin
        self.created: UserInfo | None = None
        self.setWindowTitle(self.tr("新建用户"))
        self.setMinimumWidth(420)
        self.username = QLineEdit()
        self.username.setMaxLength(30)
        self.username.setToolTip(self.tr("登录用的名称；不分大小写和全角半角，不能含空格"))
        self.display_name = QLineEdit()
        self.display_name.setMaxLength(50)
        self.role = QComboBox()
        fill_roles(self.role)
        self.password = password_edit()
        self.password.setToolTip(
            self.tr("临时密码：至少 {n} 个字符；该用户首次登录时须改为自己的密码").format(n=MIN_LENGTH)
        )
        self.repeat = password_edit()
        form = QFormLayout()
        form.addRow(self.tr("用户名："), self.username)
        form.addRow(self.tr("姓名："), self.display_name)
        form.addRow(self.tr("角色："), self.role)
        form.addRow(self.tr("临时密码："), self.password)
        form.addRow(self.tr("再次输入："), self.repeat)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(save_cancel(self))
        enter_submits(self)

    def accept(self) -> None:
        if self.password.text() != self.repeat.text():
            self.error.setText(self.tr("两次输入的密码不一致"))
            return
        try:
            self.created = self._admin.create_user(
                self.username.text(), self.password.text(), self.role.currentData(), self.display_name.text()
            )
        except ServiceError as exc:
            self.error.setText(str(exc))
            return
        super().accept()


class ResetPasswordDialog(QDialog):
    def __init__(self, admin: UserAdmin, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._admin, self._user = admin, user
        self.setWindowTitle(self.tr("重设密码 — {user}").format(user=user.username))
        self.setMinimumWidth(420)
        self.password = password_edit()
        self.repeat = password_edit()
        form = QFormLayout()
        form.addRow(self.tr("临时密码："), self.password)
        form.addRow(self.tr("再次输入："), self.repeat)
        self.error = error_label()
        hint = QLabel(self.tr("该用户下次登录时须改为自己的密码；如已锁定，同时解锁。"))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(save_cancel(self))
        enter_submits(self)

    def accept(self) -> None:
        if self.password.text() != self.repeat.text():
            self.error.setText(self.tr("两次输入的密码不一致"))
            return
        try:
            self._admin.reset_password(self._user.username, self.password.text())
        except ServiceError as exc:
            self.error.setText(str(exc))
            return
        super().accept()


class RoleDialog(QDialog):
    def __init__(self, admin: UserAdmin, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._admin, self._user = admin, user
        self.setWindowTitle(self.tr("修改角色 — {user}").format(user=user.username))
        self.role = QComboBox()
        fill_roles(self.role, user.role)
        form = QFormLayout()
        form.addRow(self.tr("角色："), self.role)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(save_cancel(self))

    def accept(self) -> None:
        try:
            self._admin.set_role(self._user.username, self.role.currentData())
        except ServiceError as exc:
            self.error.setText(str(exc))
            return
        super().accept()


class UserManagerDialog(QDialog):
    COLUMNS = 4

    def __init__(self, sessions: SessionFactory, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._admin = UserAdmin(sessions, actor)
        self.setWindowTitle(self.tr("用户管理"))
        self.resize(640, 400)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [self.tr("用户名"), self.tr("姓名"), self.tr("角色"), self.tr("状态")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(self.tr("新建用户…"))
        self.reset_button = QPushButton(self.tr("重设密码…"))
        self.role_button = QPushButton(self.tr("修改角色…"))
        self.active_button = QPushButton(self.tr("停用"))
        self.unlock_button = QPushButton(self.tr("解锁"))
        self.add_button.clicked.connect(self._on_add)
        self.reset_button.clicked.connect(self._on_reset)
        self.role_button.clicked.connect(self._on_role)
        self.active_button.clicked.connect(self._on_active)
        self.unlock_button.clicked.connect(self._on_unlock)
        self.error = error_label()
        buttons = QHBoxLayout()
        for b in (
            self.add_button,
            self.reset_button,
            self.role_button,
            self.active_button,
            self.unlock_button,
        ):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.users: list[UserInfo] = []
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.users = self._admin.list_users()
        roles = role_names()
        self.table.setRowCount(len(self.users))
        for row, u in enumerate(self.users):
            values = (u.username, u.display_name, roles.get(u.role, u.role), self._state(u))
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, u.username)
                self.table.setItem(row, col, item)
            if u.username == select:
                self.table.selectRow(row)
        self._update_buttons()

    def _state(self, u: UserInfo) -> str:
        if not u.active:
            return self.tr("已停用")
        if u.locked:
            return self.tr("已锁定（密码错误 {n} 次）").format(n=u.failures)
        if u.must_change:
            return self.tr("正常，须改密码")
        return self.tr("正常")

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows else None

    def select(self, username: str) -> None:
        for row, u in enumerate(self.users):
            if u.username == username:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        user = self.selected()
        for b in (self.reset_button, self.role_button, self.active_button):
            b.setEnabled(user is not None)
        self.unlock_button.setEnabled(user is not None and user.failures > 0)
        self.active_button.setText(
            self.tr("启用") if user is not None and not user.active else self.tr("停用")
        )

    def _run(self, call: object, username: str) -> None:
        try:
            call()  # type: ignore[operator]
        except ServiceError as exc:
            self.error.setText(str(exc))
            return
        self.error.setText("")
        self.refresh(username)

    def _on_add(self) -> None:
        dialog = NewUserDialog(self._admin, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created is not None:
            self.refresh(dialog.created.username)

    def _on_reset(self) -> None:
        user = self.selected()
        if (
            user is not None
            and ResetPasswordDialog(self._admin, user, self).exec() == QDialog.DialogCode.Accepted
        ):
            self.refresh(user.username)

    def _on_role(self) -> None:
        user = self.selected()
        if user is not None and RoleDialog(self._admin, user, self).exec() == QDialog.DialogCode.Accepted:
            self.refresh(user.username)

    def _on_active(self) -> None:
        user = self.selected()
        if user is not None:
            self._run(lambda: self._admin.set_active(user.username, not user.active), user.username)

    def _on_unlock(self) -> None:
        user = self.selected()
        if user is not None:
            self._run(lambda: self._admin.unlock(user.username), user.username)
