"""First start: the office profile, the first administrator, and an offer of demo data."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.errors import ServiceError
from app.services.users import MIN_PASSWORD, OfficeInfo, UserService
from app.ui.forms import enter_submits, fill_office_levels


class FirstRunDialog(QDialog):
    def __init__(self, users: UserService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users = users
        self.actor = None
        self.setWindowTitle(self.tr("首次使用 — 设置办事处和管理员"))
        self.setMinimumWidth(460)
        intro = QLabel(self.tr("欢迎使用职工互助保障经办台。请填写本单位资料，并设置管理员密码。"))
        intro.setWordWrap(True)
        self.office = QLineEdit()
        self.level = QComboBox()
        fill_office_levels(self.level)
        self.region = QLineEdit()
        self.admin = QLineEdit("admin")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.demo = QCheckBox(self.tr("载入示例数据（5 个单位、300 名会员），先熟悉程序"))
        self.demo.setChecked(True)
        self.office.setToolTip(self.tr("必填：本单位（基层工会、代办处或办事处）的名称"))
        self.admin.setToolTip(self.tr("必填：管理员登录用的用户名"))
        self.password.setToolTip(
            self.tr("至少 {n} 个字符；不能是同一字符的重复、常见密码或用户名").format(n=MIN_PASSWORD)
        )
        self.password2.setToolTip(self.tr("与上面的密码相同"))
        form = QFormLayout()
        form.addRow(self.tr("单位名称："), self.office)
        form.addRow(self.tr("级别："), self.level)
        form.addRow(self.tr("地区："), self.region)
        form.addRow(self.tr("管理员用户名："), self.admin)
        form.addRow(self.tr("管理员密码："), self.password)
        form.addRow(self.tr("再次输入密码："), self.password2)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("开始使用"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.demo)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        enter_submits(self)

    def accept(self) -> None:
        if self.password.text() != self.password2.text():
            self.error.setText(self.tr("两次输入的密码不一致"))
            return
        office = OfficeInfo(self.office.text(), self.level.currentData(), self.region.text())
        try:
            self.actor = self._users.set_up(office, self.admin.text(), self.password.text())
        except ServiceError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
