"""文件 → 核对纸质表: type the code printed on a stamped form, or scan its QR code (a USB scanner
types it and presses Enter), and see whether the paper agrees with the batch taken in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.paper_verify import PaperCheck, PaperVerifier

_GOOD, _BAD = "#1b5e20", "#b71c1c"


class PaperDialog(QDialog):
    def __init__(self, sessions: SessionFactory, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("核对纸质表"))
        self._verifier = PaperVerifier(sessions, actor)
        self.check: PaperCheck | None = None
        intro = QLabel(
            self.tr(
                "输入团体申请表、人员手册或申请审核表右下角的核验码，或用扫码枪扫描旁边的二维码，"
                "核对纸质表与导入的批次是否一致。"
            )
        )
        intro.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("核验码，如 7K3M-Q9XA-2BCD"))
        self.code.setFont(QFont("monospace", 12))
        self.code.returnPressed.connect(self.verify)
        button = QPushButton(self.tr("核对(&V)"))
        button.clicked.connect(self.verify)
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(button)
        self.verdict = QLabel()
        self.verdict.setFont(QFont(self.font().family(), 13, QFont.Weight.Bold))
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(620, 320)

    def verify(self) -> None:
        text = self.code.text()
        if not text.strip():
            return
        try:
            check = self._verifier.verify(text)
        except ValueError as exc:
            self.check = None
            self._show(self.tr("无法核对"), str(exc), _BAD)
            return
        self.check = check
        lines = check.lines()
        if check.agree:
            self._show(self.tr("一致：纸质表与导入的批次相符"), "\n".join(lines), _GOOD)
        elif check.found:
            self._show(self.tr("不一致：纸质表与导入的批次不符"), "\n".join(lines), _BAD)
        else:
            self._show(self.tr("未找到对应的批次"), "\n".join(lines), _BAD)
        self.code.selectAll()  # the next scan replaces this one

    def _show(self, verdict: str, details: str, color: str) -> None:
        self.verdict.setText(verdict)
        self.verdict.setStyleSheet(f"color: {color}")
        self.details.setText(details)


def open_paper_dialog(parent: QWidget, sessions: SessionFactory, actor: Actor) -> None:
    PaperDialog(sessions, actor, parent).exec()
