"""Table model of the claims list; overdue payments are highlighted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from app.rules.idnumber import mask
from app.rules.money import fmt
from app.services.claim_queries import ClaimRow

Index = QModelIndex | QPersistentModelIndex
HEADERS = (
    QT_TRANSLATE_NOOP("ClaimTableModel", "理赔编号"),
    QT_TRANSLATE_NOOP("ClaimTableModel", "会员"),
    QT_TRANSLATE_NOOP("ClaimTableModel", "身份证号码"),
    QT_TRANSLATE_NOOP("ClaimTableModel", "单位"),
    QT_TRANSLATE_NOOP("ClaimTableModel", "受益人"),
    QT_TRANSLATE_NOOP("ClaimTableModel", "方案"),
    QT_TRANSLATE_NOOP("ClaimTableModel", "项目"),
    QT_TRANSLATE_NOOP("ClaimTableModel", "事件日期"),
    QT_TRANSLATE_NOOP("ClaimTableModel", "状态"),
    QT_TRANSLATE_NOOP("ClaimTableModel", "核定金额"),
    QT_TRANSLATE_NOOP("ClaimTableModel", "批准"),
    QT_TRANSLATE_NOOP("ClaimTableModel", "已付"),
    QT_TRANSLATE_NOOP("ClaimTableModel", "应付日期"),
)
# The claim statuses' Chinese labels (app.services.claims.STATUS_LABELS), for lupdate; shown translated.
STATUS_NAMES = (
    QT_TRANSLATE_NOOP("ClaimStatus", "草稿"),
    QT_TRANSLATE_NOOP("ClaimStatus", "已受理"),
    QT_TRANSLATE_NOOP("ClaimStatus", "单位已审"),
    QT_TRANSLATE_NOOP("ClaimStatus", "办事处已审"),
    QT_TRANSLATE_NOOP("ClaimStatus", "已批准"),
    QT_TRANSLATE_NOOP("ClaimStatus", "已拒绝"),
    QT_TRANSLATE_NOOP("ClaimStatus", "待补件"),
    QT_TRANSLATE_NOOP("ClaimStatus", "已支付"),
    QT_TRANSLATE_NOOP("ClaimStatus", "已撤回"),
)
OVERDUE = QColor("#fde0dc")


def status_label(label: str) -> str:
    """A claim status's Chinese label as the window's language shows it."""
    return QCoreApplication.translate("ClaimStatus", label)


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
            return self.tr(HEADERS[section])
        return None

    def beneficiary(self, text: str) -> str:
        """The service writes 本人 for the member himself; family members are shown by name."""
        return self.tr("本人") if text == "本人" else text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and r.overdue(self.today):
            return OVERDUE
        if role == Qt.ItemDataRole.ToolTipRole and r.overdue(self.today):
            return self.tr("已超过应付日期 {date}").format(date=r.due_on)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        plan, benefit = self.names.get((r.plan_code, r.benefit), (r.plan_code, r.benefit))
        values = (
            r.claim_no, r.member_name, mask(r.id_number), r.unit_name, self.beneficiary(r.beneficiary),
            plan, benefit,
            r.event_date.isoformat(), status_label(r.status_label), fmt(r.amount),
            fmt(r.approved) if r.approved is not None else "", fmt(r.paid) if r.paid is not None else "",
            r.due_on.isoformat() if r.due_on else "",
        )  # fmt: skip
        return values[index.column()]
