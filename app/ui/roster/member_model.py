"""Table model of the roster: a page of members at a time from the database (app/ui/paged_model.py);
search and sort run in SQL (app/services/roster_pages.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from app.rules.idnumber import mask
from app.services.paging import Row
from app.services.roster import MemberRow
from app.services.roster_types import EMPLOYMENT_LABELS
from app.ui.paged_model import Column, PagedTableModel

# (field, header): the field doubles as the sort key name in roster_pages.MEMBER_SORTS; the header is
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
_EMPLOYMENT = MemberRow._fields.index("employment")
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


class MemberTableModel(PagedTableModel):
    COLUMNS = tuple(Column(f, header) for f, header in COLUMNS)
    CONTEXT = "MemberTableModel"

    def __init__(self, parent: Any = None, **kw: Any) -> None:
        super().__init__(parent, **kw)
        self._unit_names: dict[int, str] = {}
        self.show_full_numbers = False

    def set_unit_names(self, names: dict[int, str]) -> None:
        self._unit_names = names

    def member_at(self, row: int) -> MemberRow:
        return MemberRow._make(self.raw_row(row))

    def row_of_member(self, member_id: int) -> int | None:
        return self.row_of_id(member_id)

    def cell(self, row: Row, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(MemberRow._make(row), key)
        if role == MemberIdRole:
            return row[0]
        if role == Qt.ItemDataRole.ForegroundRole and row[_EMPLOYMENT] == "left":
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
