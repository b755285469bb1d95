"""Table model of the roster: display only; search and sort are done by ``RosterIndex``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.rules.idnumber import mask
from app.services.roster import MemberRow
from app.services.roster_search import RosterIndex
from app.services.roster_types import EMPLOYMENT_LABELS

Index = QModelIndex | QPersistentModelIndex

# (field, header): the field doubles as the sort key name in roster_search.SORT_KEYS; the header is
# translated when shown.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", QT_TRANSLATE_NOOP("MemberTableModel", "姓名")),
    ("gender", QT_TRANSLATE_NOOP("MemberTableModel", "性别")),
    ("birth_date", QT_TRANSLATE_NOOP("MemberTableModel", "出生日期")),
    ("id_number", QT_TRANSLATE_NOOP("MemberTableModel", "身份证号码")),
    ("phone", QT_TRANSLATE_NOOP("MemberTableModel", "联系电话")),
    ("medical_card", QT_TRANSLATE_NOOP("MemberTableModel", "医保卡号")),
    ("social_security_card", QT_TRANSLATE_NOOP("MemberTableModel", "社保卡号")),
    ("jingka_card", QT_TRANSLATE_NOOP("MemberTableModel", "京卡号")),
    ("bank_name", QT_TRANSLATE_NOOP("MemberTableModel", "开户银行")),
    ("bank_account", QT_TRANSLATE_NOOP("MemberTableModel", "银行账号")),
    ("employment", QT_TRANSLATE_NOOP("MemberTableModel", "在职状态")),
    ("categories", QT_TRANSLATE_NOOP("MemberTableModel", "类别")),
    ("unit_id", QT_TRANSLATE_NOOP("MemberTableModel", "单位")),
)
COL = {field: i for i, (field, _h) in enumerate(COLUMNS)}
MemberIdRole = Qt.ItemDataRole.UserRole + 1
# The service's Chinese labels (EMPLOYMENT_LABELS, CATEGORY_LABELS), for translation when shown.
_EMPLOYMENT_TEXT = {
    "in_service": QT_TRANSLATE_NOOP("MemberTableModel", "在职"),
    "retired": QT_TRANSLATE_NOOP("MemberTableModel", "退休"),
    "left": QT_TRANSLATE_NOOP("MemberTableModel", "离职"),
}
_MODEL_WORKER = QT_TRANSLATE_NOOP("MemberTableModel", "劳模")
_HARDSHIP = QT_TRANSLATE_NOOP("MemberTableModel", "特困")
_GENDER_TEXT = {
    "男": QT_TRANSLATE_NOOP("MemberTableModel", "男"),
    "女": QT_TRANSLATE_NOOP("MemberTableModel", "女"),
}
_LIST_SEPARATOR = QT_TRANSLATE_NOOP("MemberTableModel", "、")


def _tr(text: str) -> str:
    return QCoreApplication.translate("MemberTableModel", text)


def _mask_account(account: str) -> str:
    return account if len(account) <= 8 else account[:4] + "*" * (len(account) - 8) + account[-4:]


def _mask_phone(phone: str) -> str:
    """138****5678: enough to recognise a number read out on the telephone, not to copy it."""
    return phone if len(phone) < 7 else phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


class MemberTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._index = RosterIndex([])
        self._unit_names: dict[int, str] = {}
        self.show_full_numbers = False

    # -- data in --------------------------------------------------------------------------
    def set_rows(self, rows: list[tuple[Any, ...]], unit_names: dict[int, str]) -> None:
        """``rows`` come from RosterService.member_tuples, already in name order."""
        self.beginResetModel()
        self._index = RosterIndex(rows, presorted_by="name")
        self._unit_names = unit_names
        self.endResetModel()

    def search(self, text: str) -> None:
        self.beginResetModel()
        self._index.search(text)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._index.sort(COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def member_at(self, row: int) -> MemberRow:
        return self._index.row(row)

    def row_of_member(self, member_id: int) -> int | None:
        for view_row, i in enumerate(self._index.view):
            if self._index.id_at(i) == member_id:
                return view_row
        return None

    @property
    def total(self) -> int:
        return len(self._index.rows)

    # -- Qt interface ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._index)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._index.row(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, COLUMNS[index.column()][0])
        if role == MemberIdRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and row.employment == "left":
            from PySide6.QtGui import QColor

            return QColor("#888888")
        return None

    def _display(self, row: MemberRow, field: str) -> str:
        if field == "id_number":
            return row.id_number if self.show_full_numbers else mask(row.id_number)
        if field == "bank_account":
            return row.bank_account if self.show_full_numbers else _mask_account(row.bank_account)
        if field == "phone":
            return row.phone if self.show_full_numbers else _mask_phone(row.phone)
        if field == "birth_date":
            return row.birth_date.isoformat()
        if field == "gender":
            return _tr(row.gender) if row.gender in _GENDER_TEXT else row.gender
        if field == "employment":
            text = _EMPLOYMENT_TEXT.get(row.employment)
            return _tr(text) if text else EMPLOYMENT_LABELS.get(row.employment, row.employment)
        if field == "categories":
            return _tr(_LIST_SEPARATOR).join(
                _tr(label)
                for label, on in ((_MODEL_WORKER, row.is_model_worker), (_HARDSHIP, row.is_hardship))
                if on
            )
        if field == "unit_id":
            return self._unit_names.get(row.unit_id, "")
        return str(getattr(row, field))
