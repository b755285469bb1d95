"""Table model of the claims list; overdue payments are highlighted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.rules.idnumber import mask
from app.rules.money import fmt
from app.services.claim_queries import ClaimRow

Index = QModelIndex | QPersistentModelIndex
HEADERS = (
    "理赔编号", "会员", "身份证号码", "单位", "受益人", "方案", "项目", "事件日期", "状态", "核定金额",
    "批准", "已付", "应付日期",
)  # fmt: skip
OVERDUE = QColor("#fde0dc")


class ClaimTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ClaimRow] = []
        self.today = dt.date.today()
        self.names: dict[tuple[str, str], tuple[str, str]] = {}  # (plan, benefit) codes → Chinese names

    def set_rows(self, rows: list[ClaimRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> ClaimRow:
        return self._rows[row]

    def row_of(self, claim_no: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.claim_no == claim_no), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and r.overdue(self.today):
            return OVERDUE
        if role == Qt.ItemDataRole.ToolTipRole and r.overdue(self.today):
            return f"已超过应付日期 {r.due_on}"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        plan, benefit = self.names.get((r.plan_code, r.benefit), (r.plan_code, r.benefit))
        values = (
            r.claim_no, r.member_name, mask(r.id_number), r.unit_name, r.beneficiary, plan, benefit,
            r.event_date.isoformat(), r.status_label, fmt(r.amount),
            fmt(r.approved) if r.approved is not None else "", fmt(r.paid) if r.paid is not None else "",
            r.due_on.isoformat() if r.due_on else "",
        )  # fmt: skip
        return values[index.column()]
