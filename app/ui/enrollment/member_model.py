"""Table model of a unit's members for one period: eligibility, enrollment, a check box to pick.

A page at a time from the database (app/services/enrollment_pages.py); each shown row is judged
by the plan's rules when read.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.rules.idnumber import mask
from app.rules.plans import Plan
from app.services.enrollment import MemberLine
from app.services.enrollment_pages import line
from app.services.paging import Row
from app.services.roster_types import EMPLOYMENT_LABELS
from app.ui.paged_model import Column, PagedTableModel

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (
    Column("select", QT_TRANSLATE_NOOP("EnrollmentMemberModel", "选择"), sortable=False),
    Column("name", QT_TRANSLATE_NOOP("EnrollmentMemberModel", "姓名")),
    Column("id_number", QT_TRANSLATE_NOOP("EnrollmentMemberModel", "身份证号码")),
    Column("gender", QT_TRANSLATE_NOOP("EnrollmentMemberModel", "性别")),
    Column("age", QT_TRANSLATE_NOOP("EnrollmentMemberModel", "年龄"), reverse=True),
    Column("employment", QT_TRANSLATE_NOOP("EnrollmentMemberModel", "在职状态")),
    Column("eligibility", QT_TRANSLATE_NOOP("EnrollmentMemberModel", "参保资格"), sortable=False),
    Column("enrolled", QT_TRANSLATE_NOOP("EnrollmentMemberModel", "本期参保")),
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


class EnrollmentMemberModel(PagedTableModel):
    COLUMNS = COLUMNS
    CONTEXT = "EnrollmentMemberModel"

    def __init__(self, parent: Any = None, **kw: Any) -> None:
        super().__init__(parent, **kw)
        self._sort = ("name", False)
        self._checked: set[int] = set()
        self._plan: Plan | None = None
        self._as_of = dt.date.today()
        self._lines: OrderedDict[int, MemberLine] = OrderedDict()  # judged rows, as many as pages hold

    def set_context(self, plan: Plan | None, as_of: dt.date) -> None:
        """The plan and day the shown rows are judged by (before ``set_view``)."""
        self._plan, self._as_of = plan, as_of
        self._lines.clear()

    def _judged(self, row: Row) -> MemberLine:
        found = self._lines.get(row[0])
        if found is None:
            assert self._plan is not None, "set_context first"
            found = line(row, self._plan, self._as_of)
            self._lines[row[0]] = found
            while len(self._lines) > self.max_pages * self.page_size:
                self._lines.popitem(last=False)
        return found

    def set_view(self, view: Any) -> None:
        self._lines.clear()
        super().set_view(view)

    def refresh(self) -> None:
        self._lines.clear()
        super().refresh()

    def line(self, row: int) -> MemberLine:
        return self._judged(self.raw_row(row))

    def checked_ids(self) -> list[int]:
        return sorted(self._checked)

    def clear_checked(self) -> None:
        self._checked.clear()

    def set_checked(self, member_id: int, on: bool) -> None:
        if on:
            self._checked.add(member_id)
        else:
            self._checked.discard(member_id)
        row = self.row_of_id(member_id)
        if row is not None:
            index = self.index(row, self.section_of("select") or 0)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid() or self.column_key(index.column()) != "select":
            return base
        m = self.line(index.row())
        if m.enrollment_id is None and m.eligible:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def cell(self, row: Row, key: str, role: int) -> Any:
        m = self._judged(row)
        pickable = m.enrollment_id is None and m.eligible
        if role == Qt.ItemDataRole.CheckStateRole and key == "select" and pickable:
            return Qt.CheckState.Checked if m.member_id in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(m, key)
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "eligibility" and not m.eligible:
                return INELIGIBLE
            if key == "enrolled" and m.enrollment_id is not None:
                return ENROLLED
        if role == Qt.ItemDataRole.ToolTipRole and key == "eligibility" and m.reasons:
            return "\n".join(m.reasons)
        return None

    def _display(self, m: MemberLine, key: str) -> str:
        if key == "select":
            return ""
        if key == "name":
            return m.name
        if key == "id_number":
            return mask(m.id_number)
        if key == "gender":
            return self.tr(m.gender)
        if key == "age":
            return str(m.age)
        if key == "employment":
            return self.tr(EMPLOYMENT_LABELS.get(m.employment, m.employment))
        if key == "eligibility":
            return self.tr("可参保") if m.eligible else self.tr("不符合：") + "；".join(m.reasons)
        if m.enrollment_id is None:
            return self.tr("未参保")
        since = m.effective_date.isoformat() if m.effective_date else ""
        if m.shares > 1:
            return self.tr("已参保（{date} 起，{shares} 份）").format(date=since, shares=m.shares)
        return self.tr("已参保（{date} 起）").format(date=since)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or self.column_key(index.column()) != "select":
            return False
        member_id = self.raw_row(index.row())[0]
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(value)
        if state == Qt.CheckState.Checked:
            self._checked.add(member_id)
        else:
            self._checked.discard(member_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
