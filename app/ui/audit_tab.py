"""审计日志 tab: who changed what and when, filtered by user, date and record; chain check."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from app.services.audit_queries import AuditQueries
from app.services.auth import Actor

HEADERS = ("时间", "用户", "操作", "对象", "编号", "内容")


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


class AuditTab(QWidget):
    sig_verified = Signal(bool)
    """The chain was checked: True when intact."""

    def __init__(self, sessions: SessionFactory, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._queries = AuditQueries(sessions)
        self.user = QComboBox()
        self.date_from = QLineEdit()
        self.date_to = QLineEdit()
        for edit in (self.date_from, self.date_to):
            edit.setPlaceholderText("如 2026-01-01")
            edit.setMaximumWidth(120)
        self.record = QLineEdit()
        self.record.setPlaceholderText("记录类别或编号，如 claim、member、C2026-00001")
        self.search = QPushButton("查询(&Q)")
        self.verify_button = QPushButton("校验完整性(&V)")
        self.result = QLabel()
        bar = QHBoxLayout()
        for label, widget in (
            ("用户：", self.user),
            ("从：", self.date_from),
            ("到：", self.date_to),
            ("记录：", self.record),
        ):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addWidget(self.search)
        bar.addWidget(self.verify_button)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setColumnWidth(0, 150)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.result)
        self.search.clicked.connect(self.reload)
        self.record.returnPressed.connect(self.reload)
        self.verify_button.clicked.connect(self.verify)
        self.reload()

    def reload(self) -> None:
        keep = self.user.currentData()
        self.user.blockSignals(True)
        self.user.clear()
        self.user.addItem("全部用户", "")
        for name in self._queries.users():
            self.user.addItem(name, name)
        self.user.setCurrentIndex(max(self.user.findData(keep), 0) if keep else 0)
        self.user.blockSignals(False)
        rows = self._queries.events(
            self.user.currentData() or "",
            _date(self.date_from.text()),
            _date(self.date_to.text()),
            self.record.text(),
        )
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for col, text in enumerate(
                (f"{r.at:%Y-%m-%d %H:%M:%S}", r.username, r.action_label, r.entity, r.entity_id, r.detail)
            ):
                self.table.setItem(i, col, QTableWidgetItem(text))
        self.result.setText(f"共 {len(rows)} 条")

    def verify(self) -> bool:
        count, problems = self._queries.verify()
        ok = not problems
        self.result.setText(
            f"审计日志完整：共 {count} 条，逐条校验通过"
            if ok
            else f"发现 {len(problems)} 处问题：" + "；".join(problems[:10])
        )
        self.result.setStyleSheet("" if ok else "color: #b00020")
        self.sig_verified.emit(ok)
        return ok
