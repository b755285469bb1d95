"""审计日志 tab: who changed what and when, filtered by user, date and record, a page at a time
from the database (millions of entries at a city office); chain check."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models.db import SessionFactory
from app.services.audit_pages import AuditPages, AuditView
from app.services.audit_queries import AuditQueries
from app.services.audit_text import ENTITY_LABELS, AuditNames, AuditText, action_label, describe, entity_label
from app.services.auth import Actor
from app.services.paging import Row
from app.ui.paged_model import Column, PagedTableModel
from app.ui.table_columns import TableColumns

ENTITY_CODES = {label: code for code, label in ENTITY_LABELS.items()}


class AuditTableModel(PagedTableModel):
    COLUMNS = (
        Column("at", QT_TRANSLATE_NOOP("AuditTab", "时间")),
        Column("username", QT_TRANSLATE_NOOP("AuditTab", "用户")),
        Column("action", QT_TRANSLATE_NOOP("AuditTab", "操作")),
        Column("entity", QT_TRANSLATE_NOOP("AuditTab", "对象")),
        Column("entity_id", QT_TRANSLATE_NOOP("AuditTab", "记录")),
        Column("detail", QT_TRANSLATE_NOOP("AuditTab", "经过"), sortable=False),
    )
    CONTEXT = "AuditTab"

    def __init__(self, parent: Any = None, names: AuditNames | None = None, **kw: Any) -> None:
        super().__init__(parent, **kw)
        self._sort = ("at", True)  # newest first
        self.names = names

    def text_of(self, row: Row) -> AuditText:
        _id, at, username, action, entity, entity_id, detail = row
        assert self.names is not None
        return describe(at, username, action, entity, entity_id, detail, self.names)

    def cell(self, row: Row, key: str, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        _id, at, username, action, entity, entity_id, _detail = row
        if key == "detail":
            return self.text_of(row).sentence if self.names is not None else ""
        values = {
            "at": f"{at:%Y-%m-%d %H:%M:%S}", "username": username, "action": action_label(action),
            "entity": entity_label(entity),
            "entity_id": self.names.of(entity, entity_id) if self.names and entity_id else entity_id,
        }  # fmt: skip
        return values[key]


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
        self._pages = AuditPages(sessions)
        self.user = QComboBox()
        self.date_from = QLineEdit()
        self.date_to = QLineEdit()
        for edit in (self.date_from, self.date_to):
            edit.setPlaceholderText(self.tr("如 2026-01-01"))
            edit.setToolTip(self.tr("日期格式 YYYY-MM-DD；留空则不限，无法识别的日期不作筛选"))
            edit.setMaximumWidth(120)
        self.record = QLineEdit()
        self.record.setPlaceholderText(self.tr("理赔编号或记录类别，如 C2026-00001、会员"))
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
        self.model = AuditTableModel(self, names=AuditNames(sessions))
        self.model.sig_counted.connect(self._on_model_counted)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setColumnWidth(0, 150)
        self.columns = TableColumns(self.table, actor.username, "audit")
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(self.tr("选择一条记录查看详情"))
        self.details.setMaximumHeight(140)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(QLabel(self.tr("详情：")))
        layout.addWidget(self.details)
        layout.addWidget(self.result)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.search.clicked.connect(self.reload)
        self.record.returnPressed.connect(self.reload)
        self.verify_button.clicked.connect(self.verify)
        self.reload()

    def reload(self) -> None:
        keep = self.user.currentData()
        self.user.blockSignals(True)
        self.user.clear()
        self.user.addItem(self.tr("全部用户"), "")
        for name in self._pages.users():
            self.user.addItem(name, name)
        self.user.setCurrentIndex(max(self.user.findData(keep), 0) if keep else 0)
        self.user.blockSignals(False)
        view = AuditView(
            self.user.currentData() or "",
            _date(self.date_from.text()),
            _date(self.date_to.text()),
            ENTITY_CODES.get(self.record.text().strip(), self.record.text()),  # 会员 → member
        )
        self.model.set_view(lambda sort, descending: self._pages.query(view, sort, descending))
        self._show_count()

    def show_details(self, row_index: int) -> str:
        """Every recorded value of the entry in row ``row_index``, one 字段：值 per line."""
        row = self.model.row_at(row_index)
        text = "" if row is None else "\n".join(f"{k}：{v}" for k, v in self.model.text_of(row).details)
        self.details.setPlainText(text)
        return text

    def _on_table_current_changed(self, current: Any, _previous: Any) -> None:
        self.show_details(current.row())

    def _show_count(self) -> None:
        n = self.model.count
        self.result.setStyleSheet("")
        self.result.setText(self.tr("共 {n} 条").format(n=n if n is not None else "…"))

    def _on_model_counted(self, _n: int) -> None:
        self._show_count()

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
