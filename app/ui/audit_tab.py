"""审计日志 tab: who changed what and when, filtered by user, date and record; chain check."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
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

HEADERS = (
    QT_TRANSLATE_NOOP("AuditTab", "时间"),
    QT_TRANSLATE_NOOP("AuditTab", "用户"),
    QT_TRANSLATE_NOOP("AuditTab", "操作"),
    QT_TRANSLATE_NOOP("AuditTab", "对象"),
    QT_TRANSLATE_NOOP("AuditTab", "编号"),
    QT_TRANSLATE_NOOP("AuditTab", "内容"),
)


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
            edit.setPlaceholderText(self.tr("如 2026-01-01"))
            edit.setToolTip(self.tr("日期格式 YYYY-MM-DD；留空则不限，无法识别的日期不作筛选"))
            edit.setMaximumWidth(120)
        self.record = QLineEdit()
        self.record.setPlaceholderText(self.tr("记录类别或编号，如 claim、member、C2026-00001"))
        self.search = QPushButton(self.tr("查询(&Q)"))
        self.verify_button = QPushButton(self.tr("校验完整性(&V)"))
        self.result = QLabel()
        bar = QHBoxLayout()
        for label, widget in (
            (self.tr("用户："), self.user),
            (self.tr("从："), self.date_from),
            (self.tr("到："), self.date_to),
            (self.tr("记录："), self.record),
        ):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addWidget(self.search)
        bar.addWidget(self.verify_button)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("AuditTab", h) for h in HEADERS])
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
        self.user.addItem(self.tr("全部用户"), "")
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
        self.result.setText(self.tr("共 {n} 条").format(n=len(rows)))

    def verify(self) -> bool:
        count, problems = self._queries.verify()
        ok = not problems
        self.result.setText(
            self.tr("审计日志完整：共 {n} 条，逐条校验通过").format(n=count)
            if ok
            else self.tr("发现 {n} 处问题：").format(n=len(problems)) + "；".join(problems[:10])
        )
        self.result.setStyleSheet("" if ok else "color: #b00020")
        self.sig_verified.emit(ok)
        return ok
