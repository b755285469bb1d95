"""The 参保缴费 tab's steps on who is covered: enroll the checked members or every eligible one
(asked first), cancel one member's enrollment, renew from the previous period. Each step that
changed something offers its undo through the tab's sig_undoable.

Reads the tab through: current_ids(), previous_period(), its two dates, the grid (model, table),
the unit's name, overview_data, reload(), _tell() and quiet; it uses the tab's EnrollmentService."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QMessageBox

from app.services.errors import ServiceError
from app.ui.enrollment.dialogs import to_date
from app.ui.forms import error_text

if TYPE_CHECKING:
    from app.ui.enrollment.enrollment_tab import EnrollmentTab


class EnrollmentRoll(QObject):
    def __init__(self, tab: EnrollmentTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self._enrollment = tab._enrollment

    def enroll_members(self, member_ids: list[int] | None) -> str | None:
        """Enroll the given members, or (None) every eligible one not yet enrolled."""
        unit_id, period_id = self.tab.current_ids()
        if unit_id is None or period_id is None:
            return self.tr("请先选择期数和单位")
        effective, as_of = to_date(self.tab.effective), to_date(self.tab.as_of)
        try:
            if member_ids is None:  # one pass: each member judged once, in one transaction
                member_ids = self._enrollment.enroll_eligible(unit_id, period_id, effective, as_of)
                n = len(member_ids)
            elif member_ids:
                n = self._enrollment.enroll(unit_id, period_id, member_ids, effective, as_of=as_of)
            else:
                n = 0
        except ServiceError as exc:
            return error_text(exc)
        self.tab.model.clear_checked()
        self.tab.reload()
        if n:
            done = list(member_ids)
            self.tab.sig_undoable.emit(
                self.tr("为“{unit}”办理 {n} 人参保").format(unit=self.tab.unit.currentText(), n=n),
                lambda: self._enrollment.undo_enroll(unit_id, period_id, done),
            )
        return None if n else self.tr("没有可参保的人员")

    def _confirm_enroll_all(self) -> bool:
        """Issue 18 item 3: a bulk step says whom and how much before it is taken."""
        ov = self.tab.overview_data
        if self.tab.quiet or ov is None:
            return True
        n = max(ov.eligible_count - ov.enrolled_count, 0)
        text = self.tr(
            "为“{unit}”的 {n} 名符合条件、尚未参保的会员办理参保，生效日期 {day}，"
            "缴费标准每人 {fee} 元。确定办理吗？"
        ).format(unit=self.tab.unit.currentText(), n=n, day=to_date(self.tab.effective).isoformat(),
                 fee=f"{ov.fee.per_person:.2f}")  # fmt: skip
        answer = QMessageBox.question(self.tab, self.tr("全部符合条件者参保"), text)
        return answer == QMessageBox.StandardButton.Yes

    def _on_enroll_all_clicked(self) -> None:
        if not self._confirm_enroll_all():
            return
        problem = self.enroll_members(None)
        if problem:
            self.tab._tell(self.tr("参保"), problem, error=True)

    def _on_enroll_checked_clicked(self) -> None:
        ids = self.tab.model.checked_ids()
        problem = self.enroll_members(ids) if ids else self.tr("请先在“选择”列勾选人员")
        if problem:
            self.tab._tell(self.tr("参保"), problem, error=True)

    def cancel_enrollment(self, member_id: int, reason: str) -> str | None:
        model = self.tab.model
        row = model.row_of_id(member_id)
        line = model.line(row) if row is not None else None
        if line is None or line.enrollment_id is None:
            return self.tr("该会员本期未参保")
        enrollment_id = line.enrollment_id
        try:
            self._enrollment.cancel(enrollment_id, reason)
        except ServiceError as exc:
            return str(exc)
        self.tab.reload()
        self.tab.sig_undoable.emit(
            self.tr("取消 {name} 的参保").format(name=line.name),
            lambda: self._enrollment.reinstate(enrollment_id),
        )
        return None

    def _on_cancel_clicked(self) -> None:
        rows = self.tab.table.selectionModel().selectedRows()
        if not rows:
            self.tab._tell(self.tr("取消参保"), self.tr("请先选择一名已参保的会员"), error=True)
            return
        line = self.tab.model.line(rows[0].row())
        reason, ok = QInputDialog.getText(
            self.tab, self.tr("取消参保"), self.tr("取消 {name} 的参保，原因：").format(name=line.name)
        )
        if ok:
            problem = self.cancel_enrollment(line.member_id, reason)
            if problem:
                self.tab._tell(self.tr("取消参保"), problem, error=True)

    def renew(self) -> str:
        unit_id, period_id = self.tab.current_ids()
        previous = self.tab.previous_period()
        if unit_id is None or period_id is None or previous is None:
            return self.tr("没有上一期可续保")
        try:
            n, skipped = self._enrollment.renew(
                unit_id, previous.id, period_id, to_date(self.tab.effective), as_of=to_date(self.tab.as_of)
            )
        except ServiceError as exc:
            return error_text(exc)
        self.tab.reload()
        text = self.tr("已从第 {number} 期续保 {n} 人。").format(number=previous.number, n=n)
        return text + ("\n" + self.tr("未续保：") + "\n" + "\n".join(skipped) if skipped else "")

    def _on_renew_clicked(self) -> None:
        self.tab._tell(self.tr("续保上期"), self.renew())
