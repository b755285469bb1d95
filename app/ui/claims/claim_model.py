"""Table model of the claims list, a page at a time from the database (app/ui/paged_model.py);
overdue payments are highlighted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor

from app.rules.idnumber import mask
from app.rules.money import fmt
from app.services.claim_pages import claim_row
from app.services.claim_queries import ClaimRow
from app.services.paging import Row
from app.ui.paged_model import Column, PagedTableModel

# (sort key in app.services.claim_pages.CLAIM_SORTS, header)
COLUMNS = (
    ("claim_no", QT_TRANSLATE_NOOP("ClaimTableModel", "理赔编号")),
    ("member", QT_TRANSLATE_NOOP("ClaimTableModel", "会员")),
    ("id_number", QT_TRANSLATE_NOOP("ClaimTableModel", "身份证号码")),
    ("unit", QT_TRANSLATE_NOOP("ClaimTableModel", "单位")),
    ("beneficiary", QT_TRANSLATE_NOOP("ClaimTableModel", "受益人")),
    ("plan", QT_TRANSLATE_NOOP("ClaimTableModel", "方案")),
    ("benefit", QT_TRANSLATE_NOOP("ClaimTableModel", "项目")),
    ("event_date", QT_TRANSLATE_NOOP("ClaimTableModel", "事件日期")),
    ("status", QT_TRANSLATE_NOOP("ClaimTableModel", "状态")),
    ("amount", QT_TRANSLATE_NOOP("ClaimTableModel", "核定金额")),
    ("approved", QT_TRANSLATE_NOOP("ClaimTableModel", "批准")),
    ("paid", QT_TRANSLATE_NOOP("ClaimTableModel", "已付")),
    ("due_on", QT_TRANSLATE_NOOP("ClaimTableModel", "应付日期")),
)
# The claim statuses' Chinese labels (app.services.claims.STATUS_LABELS), for lupdate; shown translated.
STATUS_NAMES = (
    QT_TRANSLATE_NOOP("ClaimStatus", "草稿"),
    QT_TRANSLATE_NOOP("ClaimStatus", "已受理"),
    QT_TRANSLATE_NOOP("ClaimStatus", "单位已审"),
    QT_TRANSLATE_NOOP("ClaimStatus", "办事处已审"),
    QT_TRANSLATE_NOOP("ClaimStatus", "已批准"),
    QT_TRANSLATE_NOOP("ClaimStatus", "已核定·无给付"),
    QT_TRANSLATE_NOOP("ClaimStatus", "已拒绝"),
    QT_TRANSLATE_NOOP("ClaimStatus", "待补件"),
    QT_TRANSLATE_NOOP("ClaimStatus", "已支付"),
    QT_TRANSLATE_NOOP("ClaimStatus", "已撤回"),
)
OVERDUE = QColor("#fde0dc")


def status_label(label: str) -> str:
    """A claim status's Chinese label as the window's language shows it."""
    return QCoreApplication.translate("ClaimStatus", label)


class ClaimTableModel(PagedTableModel):
    COLUMNS = tuple(Column(key, header) for key, header in COLUMNS)
    CONTEXT = "ClaimTableModel"

    def __init__(self, parent: Any = None, **kw: Any) -> None:
        super().__init__(parent, **kw)
        self._sort = ("claim_no", True)  # newest first
        self.today = dt.date.today()
        self.names: dict[tuple[str, str], tuple[str, str]] = {}  # (plan, benefit) codes → Chinese names

    def row_at(self, row: int) -> ClaimRow:
        return claim_row(self.raw_row(row))

    def row_of(self, claim_no: str, claim_id: int | None = None) -> int | None:
        """The table row of a claim in this view (``claim_id`` saves a look-up when known)."""
        for number, page in self._pages.items():
            for i, r in enumerate(page.rows):
                if r[1] == claim_no:
                    return number * self.page_size + i
        return self.row_of_id(claim_id) if claim_id is not None else None

    def beneficiary(self, text: str) -> str:
        """The service writes 本人 for the member himself; family members are shown by name."""
        return self.tr("本人") if text == "本人" else text

    def cell(self, row: Row, key: str, role: int) -> Any:
        r = claim_row(row)
        if role == Qt.ItemDataRole.BackgroundRole and r.overdue(self.today):
            return OVERDUE
        if role == Qt.ItemDataRole.ToolTipRole and r.overdue(self.today):
            return self.tr("已超过应付日期 {date}").format(date=r.due_on)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        plan, benefit = self.names.get((r.plan_code, r.benefit), (r.plan_code, r.benefit))
        values = {
            "claim_no": r.claim_no, "member": r.member_name, "id_number": mask(r.id_number),
            "unit": r.unit_name, "beneficiary": self.beneficiary(r.beneficiary), "plan": plan,
            "benefit": benefit, "event_date": r.event_date.isoformat(),
            "status": status_label(r.status_label), "amount": fmt(r.amount),
            "approved": fmt(r.approved) if r.approved is not None else "",
            "paid": fmt(r.paid) if r.paid is not None else "",
            "due_on": r.due_on.isoformat() if r.due_on else "",
        }  # fmt: skip
        return values[key]
