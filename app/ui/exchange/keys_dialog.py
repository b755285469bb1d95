"""文件 → 密钥管理: this installation's key fingerprint and key file, and the partners' keys.

A partner's key is registered from the key file it brings, once the clerk has typed the
fingerprint printed on the partner's stamped paper; the service refuses a mismatch.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.io import signing
from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.errors import ServiceError
from app.services.keys import KeyService


class KeysDialog(QDialog):
    def __init__(self, sessions: SessionFactory, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("密钥管理"))
        self.resize(820, 480)
        self._service = KeyService(sessions, actor)
        me = self._service.identity()
        self.fingerprint = QLabel(me.fingerprint)
        font = QFont(self.fingerprint.font())
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.fingerprint.setFont(font)
        explain = QLabel(
            self.tr(
                "本机密钥指纹印在本机打印的团体申请表上。对方登记本机的密钥文件时，须核对盖章纸质表上的"
                "这一指纹；本机导出的每个批次都用这把密钥签名。"
            )
        )
        explain.setWordWrap(True)
        export = QPushButton(self.tr("导出本机密钥文件(&E)…"))
        export.clicked.connect(self._on_export_clicked)
        register = QPushButton(self.tr("登记对方密钥(&R)…"))
        register.clicked.connect(self._on_register_clicked)
        register.setEnabled(actor.can("keys.manage"))
        self.partners = QTableWidget(0, 5)
        self.partners.setHorizontalHeaderLabels(
            [self.tr("指纹"), self.tr("身份"), self.tr("名称"), self.tr("可上报的单位"), self.tr("登记日期")]
        )
        self.partners.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.partners.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("本机密钥指纹：")))
        row.addWidget(self.fingerprint)
        row.addStretch()
        actions = QHBoxLayout()
        actions.addWidget(export)
        actions.addWidget(register)
        actions.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(explain)
        layout.addLayout(actions)
        layout.addWidget(QLabel(self.tr("已登记的密钥：")))
        layout.addWidget(self.partners)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        roles = {"office": self.tr("上级办事处"), "unit": self.tr("下级单位")}
        partners = self._service.partners()
        self.partners.setRowCount(len(partners))
        for i, p in enumerate(partners):
            values = (p.fingerprint, roles[p.role], p.name, "、".join(p.units), f"{p.registered_at:%Y-%m-%d}")
            for col, value in enumerate(values):
                self.partners.setItem(i, col, QTableWidgetItem(value))

    def export_to(self, path: Path) -> Path | None:
        try:
            return self._service.export_public(path)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("导出本机密钥文件"), str(exc))
            return None

    def _on_export_clicked(self) -> None:
        suggested = f"{self._service.identity().name or self.tr('本单位')}{signing.KEY_FILE_SUFFIX}"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出本机密钥文件"), suggested, self.tr("密钥文件 (*.hzbzkey)")
        )
        if path and (done := self.export_to(Path(path))) is not None:
            QMessageBox.information(
                self,
                self.tr("导出本机密钥文件"),
                self.tr("已导出：{path}\n请把此文件交给对方，并在盖章的纸质表上注明指纹 {fp}。").format(
                    path=done, fp=self._service.identity().fingerprint
                ),
            )

    def _on_register_clicked(self) -> None:
        dialog = RegisterKeyDialog(self._service, self)
        if dialog.exec():
            self.refresh()


class RegisterKeyDialog(QDialog):
    """Choose the partner's key file, type the fingerprint from its stamped paper, register."""

    def __init__(self, service: KeyService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("登记对方密钥"))
        self.resize(620, 300)
        self._service = service
        self.file = QLineEdit()
        self.file.setPlaceholderText(self.tr("对方导出的 .hzbzkey 密钥文件"))
        self.file.editingFinished.connect(self._on_file_edited)
        browse = QPushButton(self.tr("选择(&B)…"))
        browse.clicked.connect(self._on_browse_clicked)
        self.claimed = QLabel()
        self.claimed.setWordWrap(True)
        self.fingerprint = QLineEdit()
        self.fingerprint.setPlaceholderText(self.tr("照盖章纸质表上印的指纹输入，如 7K3M-Q9XD-2HFT-0C8R"))
        self.name = QLineEdit()
        self.role = QComboBox()
        self.role.addItem(self.tr("按双方级别判断"), None)
        self.role.addItem(self.tr("上级办事处（本机向它上报）"), "office")
        self.role.addItem(self.tr("下级单位（向本机上报）"), "unit")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("密钥文件："), file_row)
        form.addRow("", self.claimed)
        form.addRow(self.tr("纸质表上的指纹："), self.fingerprint)
        form.addRow(self.tr("对方名称："), self.name)
        form.addRow(self.tr("对方身份："), self.role)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("核对并登记"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        ok.clicked.connect(self.register)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择对方的密钥文件"), "", self.tr("密钥文件 (*.hzbzkey);;所有文件 (*)")
        )
        if path:
            self.file.setText(path)
            self._on_file_edited()

    def _on_file_edited(self) -> None:
        """Show who the file says it is (the fingerprint is never shown: it must come from paper)."""
        try:
            info = signing.read_key_file(Path(self.file.text().strip()))
        except ValueError as exc:
            self.claimed.setText(str(exc))
            return
        units = "、".join(code for code, _ in info.units) or self.tr("无")
        self.claimed.setText(
            self.tr("文件自称：{name}（{level}），单位：{units}").format(
                name=info.name, level=info.level, units=units
            )
        )
        if not self.name.text():
            self.name.setText(info.name)

    def register(self) -> bool:
        try:
            done = self._service.register(
                Path(self.file.text().strip()),
                self.fingerprint.text(),
                self.name.text().strip() or None,
                self.role.currentData(),
            )
        except (ServiceError, OSError) as exc:
            self.error.setText(str(exc))
            return False
        if done.moved_units:
            QMessageBox.information(
                self,
                self.tr("登记对方密钥"),
                self.tr("单位 {units} 原登记的是另一把密钥，今后只接受这把密钥签名的批次。").format(
                    units="、".join(done.moved_units)
                ),
            )
        self.accept()
        return True


def open_keys_dialog(parent: QWidget, sessions: SessionFactory, actor: Actor) -> None:
    KeysDialog(sessions, actor, parent).exec()
