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

from app.models.office import OFFICE_LEVELS
from app.services.errors import ServiceError
from app.services.users import OfficeInfo, UserService
from app.ui.forms import enter_submits


class FirstRunDialog(QDialog):
    def __init__(self, users: UserService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users = users
        self.actor = None
        self.setWindowTitle("首次使用 — 设置办事处和管理员")
        self.setMinimumWidth(460)
        intro = QLabel("欢迎使用职工互助保障经办台。请填写本单位资料，并设置管理员密码。")
        intro.setWordWrap(True)
        self.office = QLineEdit()
        self.level = QComboBox()
        self.level.addItems(OFFICE_LEVELS)
        self.region = QLineEdit()
        self.admin = QLineEdit("admin")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.demo = QCheckBox("载入示例数据（5 个单位、300 名会员），先熟悉程序")
        self.demo.setChecked(True)
        form = QFormLayout()
        form.addRow("单位名称：", self.office)
        form.addRow("级别：", self.level)
        form.addRow("地区：", self.region)
        form.addRow("管理员用户名：", self.admin)
        form.addRow("管理员密码：", self.password)
        form.addRow("再次输入密码：", self.password2)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("开始使用")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("退出")
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
            self.error.setText("两次输入的密码不一致")
            return
        office = OfficeInfo(self.office.text(), self.level.currentText(), self.region.text())
        try:
            self.actor = self._users.set_up(office, self.admin.text(), self.password.text())
        except ServiceError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
