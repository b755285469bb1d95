"""The 参保缴费 tab's 缴费 box: what the shown unit owes and has paid this period, recording a
payment, voiding (or, voided and recorded again, correcting) a wrong one.

Reads the tab through: current_ids(), its 办理日期 (as_of), reload(), _tell(), and writes the
payments label it shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog

from app.rules.money import fmt
from app.services.contributions import METHODS, ContributionService, Payment
from app.services.errors import ServiceError
from app.ui.enrollment.dialogs import PaymentDialog, method_label, to_date
from app.ui.forms import error_text

if TYPE_CHECKING:
    from app.services.enrollment import Overview
    from app.ui.enrollment.enrollment_tab import EnrollmentTab


class EnrollmentPayments(QObject):
    def __init__(self, tab: EnrollmentTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self._money = ContributionService(tab._sessions, tab._actor)
        self.payment_list: tuple[Payment, ...] = ()  # the shown unit's payments this period

    def show(self, unit_id: int, period_id: int, ov: Overview) -> None:
        """The unit's due, paid and owed, and each payment (voided ones with their reason)."""
        due = self._money.due(unit_id, period_id, to_date(self.tab.as_of), ov)
        lines = [
            self.tr("应缴 {payable} 元，已缴 {paid} 元，尚欠 {owed} 元").format(
                payable=fmt(due.payable), paid=fmt(due.paid), owed=fmt(due.owed)
            )
            + (self.tr("（已过收缴期）") if due.overdue else "")
        ]
        lines += [
            self._payment_text(p)
            + (self.tr("（已作废：{reason}）").format(reason=p.void_reason) if p.voided else "")
            for p in due.payments
        ]
        self.payment_list = due.payments
        self.tab.payments.setText("\n".join(lines))
        self.tab.payments.setStyleSheet("color: #b00020" if due.overdue else "")

    def clear(self) -> None:
        self.tab.payments.setText("")
        self.payment_list = ()

    def _payment_text(self, p: Payment) -> str:
        return self.tr("{date} {method} {amount} 元 {receipt}").format(
            date=p.paid_on.isoformat(),
            method=method_label(METHODS[p.method]),
            amount=fmt(p.amount),
            receipt=p.receipt_no,
        )

    def record_payment(self, values: dict[str, object]) -> str | None:
        unit_id, period_id = self.tab.current_ids()
        if unit_id is None or period_id is None:
            return self.tr("请先选择期数和单位")
        try:
            self._money.record_payment(unit_id, period_id, **values)  # type: ignore[arg-type]
        except ServiceError as exc:
            return error_text(exc)
        self.tab.reload()
        return None

    def _on_pay_clicked(self) -> None:
        owed = ""
        unit_id, period_id = self.tab.current_ids()
        if unit_id is not None and period_id is not None:
            owed = f"{self._money.due(unit_id, period_id, to_date(self.tab.as_of)).owed:.2f}"
        PaymentDialog(self.tab, self.record_payment, owed).exec()

    def void_payment(self, payment_id: int, reason: str) -> str | None:
        try:
            self._money.void_payment(payment_id, reason)
        except ServiceError as exc:
            return error_text(exc)
        self.tab.reload()
        return None

    def _on_void_clicked(self) -> None:
        """Which payment, and why: both asked, the amount and date named before anything changes."""
        standing = [p for p in self.payment_list if not p.voided]
        if not standing:
            self.tab._tell(self.tr("作废缴费"), self.tr("本单位本期没有可作废的缴费"), error=True)
            return
        names = [self._payment_text(p) for p in standing]
        choice, ok = QInputDialog.getItem(
            self.tab, self.tr("作废缴费"), self.tr("作废哪一笔："), names, 0, False
        )
        if not ok:
            return
        chosen = standing[names.index(choice)]
        reason, ok = QInputDialog.getText(
            self.tab, self.tr("作废缴费"),
            self.tr("作废 {payment}，原因（更正时作废后请重新登记）：").format(payment=choice),
        )  # fmt: skip
        if ok:
            problem = self.void_payment(chosen.id, reason)
            if problem:
                self.tab._tell(self.tr("作废缴费"), problem, error=True)
