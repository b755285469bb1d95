"""导入上报批次: open a unit's batch folder, see what it adds and where it conflicts, choose for each
conflict, then import in one transaction. Also the results batches between office and unit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.batch_import import CHOICE_LABELS, BatchImporter, BatchPreview
from app.services.batch_results import BatchResults
from app.services.batch_seal import CLEAR_WARNING
from app.services.errors import ServiceError


class BatchImportDialog(QDialog):
    def __init__(
        self,
        sessions: SessionFactory,
        actor: Actor,
        folder: Path,
        password: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入上报批次 — {folder}").format(folder=folder.name))
        self.resize(900, 560)
        self._importer = BatchImporter(sessions, actor)
        self._folder, self._password = folder, password
        self.preview: BatchPreview = self._importer.preview_batch(folder, password)
        self.summary = QLabel("\n".join(self.preview.lines()[:12]))
        self.summary.setWordWrap(True)
        self.conflicts = QTableWidget(len(self.preview.conflicts), 2)
        self.conflicts.setHorizontalHeaderLabels([self.tr("冲突"), self.tr("处理方式")])
        self.conflicts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._choices: dict[str, QComboBox] = {}
        choice_labels = {
            "skip": self.tr("跳过（不予办理）"),
            "move_member": self.tr("转入本单位后办理"),
            "update": self.tr("按本批次更新已有记录"),
        }
        for i, c in enumerate(self.preview.conflicts):
            self.conflicts.setItem(i, 0, QTableWidgetItem(c.message))
            combo = QComboBox()
            combo.addItem(self.tr("请选择…"), "")
            for choice in c.choices:
                combo.addItem(choice_labels.get(choice) or CHOICE_LABELS[choice], choice)
            self._choices[c.id] = combo
            self.conflicts.setCellWidget(i, 1, combo)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(self.tr("导入(&I)"), QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(self.run_import)
        close.clicked.connect(self.reject)
        self.import_button.setEnabled(self.preview.ok and not self.preview.already_imported)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        if self.preview.conflicts:
            layout.addWidget(QLabel(self.tr("请逐条选择冲突的处理方式：")))
            layout.addWidget(self.conflicts)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def choose(self, conflict_id: str, choice: str) -> None:
        combo = self._choices[conflict_id]
        combo.setCurrentIndex(combo.findData(choice))

    def resolutions(self) -> dict[str, str]:
        return {cid: combo.currentData() for cid, combo in self._choices.items() if combo.currentData()}

    def run_import(self) -> bool:
        try:
            result = self._importer.import_batch(self._folder, self._password, self.resolutions())
        except ServiceError as exc:
            self.error.setText(str(exc))
            return False
        self.summary.setText(
            self.tr("已导入：") + "；".join(f"{k} {v}" for k, v in result.preview.counts.items() if v)
        )
        self.accept()
        return True


def _password_for(parent: QWidget) -> str | None:
    text, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("batch", "批次密码"),
        QCoreApplication.translate("batch", "Excel 文件已加密时输入密码（未加密留空）："),
        QLineEdit.EchoMode.Password,
    )
    return (text or None) if ok else None


def open_batch_import(parent: QWidget, sessions: SessionFactory, actor: Actor) -> None:
    folder = QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("batch", "选择单位上报的批次文件夹")
    )
    if folder:
        BatchImportDialog(sessions, actor, Path(folder), _password_for(parent), parent).exec()


def export_results_interactive(parent: QWidget, sessions: SessionFactory, actor: Actor) -> None:
    title = QCoreApplication.translate("batch", "导出处理结果")
    code, ok = QInputDialog.getText(parent, title, QCoreApplication.translate("batch", "单位编码："))
    if not ok or not code.strip():
        return
    out = QFileDialog.getExistingDirectory(parent, QCoreApplication.translate("batch", "选择 U 盘或文件夹"))
    if out:
        password, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("batch", "批次密码"),
            QCoreApplication.translate("batch", "设置批次密码（加密清单、Excel 和 PDF；留空则不加密）："),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        try:
            path = BatchResults(sessions, actor).export_results(code.strip(), Path(out), password or None)
        except ServiceError as exc:
            QMessageBox.warning(parent, title, str(exc))
            return
        done = QCoreApplication.translate("batch", "已生成处理结果批次：\n{path}").format(path=path)
        if not password:
            done += "\n\n" + CLEAR_WARNING
        QMessageBox.information(parent, title, done)


def import_results_interactive(parent: QWidget, sessions: SessionFactory, actor: Actor) -> None:
    title = QCoreApplication.translate("batch", "导入处理结果")
    folder = QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("batch", "选择办事处的处理结果文件夹")
    )
    if folder:
        service, password = BatchResults(sessions, actor), _password_for(parent)
        preview = service.preview_results(Path(folder), password)
        text = "\n".join(preview.lines())
        if preview.refusals:
            QMessageBox.warning(parent, title, text)
            return
        if not preview.already_imported:
            ask = QCoreApplication.translate("batch", "按以上内容更新本单位的理赔和参保？")
            yes = QMessageBox.StandardButton.Yes
            if QMessageBox.question(parent, title, f"{text}\n\n{ask}") != yes:
                return
        try:
            report = service.import_results(Path(folder), password)
        except ServiceError as exc:
            QMessageBox.warning(parent, title, str(exc))
            return
        QMessageBox.information(
            parent,
            title,
            QCoreApplication.translate("batch", "该批次已导入过，没有改动")
            if report.already_imported
            else QCoreApplication.translate("batch", "已更新理赔 {claims} 件、参保 {enrollments} 人").format(
                claims=report.claims_changed, enrollments=report.enrollments_changed
            ),
        )
