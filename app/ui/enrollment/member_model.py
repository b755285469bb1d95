"""Table model of a unit's members for one period: eligibility, enrollment, a check box to pick."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from app.rules.idnumber import mask
from app.services.enrollment import MemberLine
from app.services.roster_types import EMPLOYMENT_LABELS

Index = QModelIndex | QPersistentModelIndex
HEADERS = (
    QT_TRANSLATE_NOOP("EnrollmentMemberModel", "选择"),
    QT_TRANSLATE_NOOP("EnrollmentMemberModel", "姓名"),
    QT_TRANSLATE_NOOP("EnrollmentMemberModel", "身份证号码"),
    QT_TRANSLATE_NOOP("EnrollmentMemberModel", "性别"),
    QT_TRANSLATE_NOOP("EnrollmentMemberModel", "年龄"),
    QT_TRANSLATE_NOOP("EnrollmentMemberModel", "在职状态"),
    QT_TRANSLATE_NOOP("EnrollmentMemberModel", "参保资格"),
    QT_TRANSLATE_NOOP("EnrollmentMemberModel", "本期参保"),
)
# The roster's Chinese labels shown in the table (app.services.roster_types), for lupdate.
EMPLOYMENT = (
    QT_TRANSLATE_NOOP("EnrollmentMemberModel", "在职"),
    QT_TRANSLATE_NOOP("EnrollmentMemberModel", "退休"),
    QT_TRANSLATE_NOOP("EnrollmentMemberModel", "离职"),
    QT_TRANSLATE_NOOP("EnrollmentMemberModel", "男"),
    QT_TRANSLATE_NOOP("EnrollmentMemberModel", "女"),
)
INELIGIBLE = QColor("#b00020")
ENROLLED = QColor("#1b5e20")


class EnrollmentMemberModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[MemberLine] = []
        self._checked: set[int] = set()

    def set_lines(self, lines: tuple[MemberLine, ...]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self._checked &= {m.member_id for m in lines if m.enrollment_id is None}
        self.endResetModel()

    def line(self, row: int) -> MemberLine:
        return self._lines[row]

    def line_of(self, member_id: int) -> MemberLine | None:
        return next((m for m in self._lines if m.member_id == member_id), None)

    def checked_ids(self) -> list[int]:
        return [m.member_id for m in self._lines if m.member_id in self._checked]

    def set_checked(self, member_id: int, on: bool) -> None:
        row = next(i for i, m in enumerate(self._lines) if m.member_id == member_id)
        self.setData(
            self.index(row, 0),
            Qt.CheckState.Checked if on else Qt.CheckState.Unchecked,
            Qt.ItemDataRole.CheckStateRole,
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        line = self._lines[index.row()]
        if index.column() == 0 and line.enrollment_id is None and line.eligible:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self._lines[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col == 0 and m.enrollment_id is None and m.eligible:
            return Qt.CheckState.Checked if m.member_id in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(m, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == 6 and not m.eligible:
                return INELIGIBLE
            if col == 7 and m.enrollment_id is not None:
                return ENROLLED
        if role == Qt.ItemDataRole.ToolTipRole and col == 6 and m.reasons:
            return "\n".join(m.reasons)
        return None

    def _display(self, m: MemberLine, col: int) -> str:
        if col == 0:
            return ""
        if col == 1:
            return m.name
        if col == 2:
            return mask(m.id_number)
        if col == 3:
            return self.tr(m.gender)
        if col == 4:
            return str(m.age)
        if col == 5:
            return self.tr(EMPLOYMENT_LABELS.get(m.employment, m.employment))
        if col == 6:
            return self.tr("可参保") if m.eligible else self.tr("不符合：") + "；".join(m.reasons)
        if m.enrollment_id is None:
            return self.tr("未参保")
        since = m.effective_date.isoformat() if m.effective_date else ""
        if m.shares > 1:
            return self.tr("已参保（{date} 起，{shares} 份）").format(date=since, shares=m.shares)
        return self.tr("已参保（{date} 起）").format(date=since)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        member_id = self._lines[index.row()].member_id
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(value)
        if state == Qt.CheckState.Checked:
            self._checked.add(member_id)
        else:
            self._checked.discard(member_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
