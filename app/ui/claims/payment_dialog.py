"""登记支付: the payee's account from the roster, the approved amount and today's date proposed;
the clerk checks them, adds the voucher number and records the payment."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.rules.idnumber import mask
from app.services.errors import ServiceError
from app.services.payments import PaymentProposal, Payments


class PaymentDialog(QDialog):
    def __init__(self, payments: Payments, proposal: PaymentProposal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._payments, self.proposal = payments, proposal
        self.setWindowTitle(self.tr("登记支付 {claim_no}").format(claim_no=proposal.claim_no))
        self.account = QLineEdit(proposal.account)
        self.account.setToolTip(self.tr("名册中登记的收款账号；付到其他账号时改写"))
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("银行回单或转账凭证号"))
        self.paid_on = QLineEdit(proposal.paid_on.isoformat())
        self.paid_on.setToolTip(self.tr("日期格式 YYYY-MM-DD，不能晚于今天"))
        self.amount = QLineEdit(f"{proposal.amount:.2f}")
        self.amount.setToolTip(self.tr("元，不超过批准金额"))
        form = QFormLayout()
        form.addRow(self.tr("收款人："), QLabel(f"{proposal.payee}　{mask(proposal.id_number)}"))
        form.addRow(self.tr("开户银行："), QLabel(proposal.bank_name or self.tr("（名册中未登记）")))
        form.addRow(self.tr("收款账号(&A)："), self.account)
        form.addRow(self.tr("支付凭证号(&R)："), self.reference)
        form.addRow(self.tr("支付日期(&D)："), self.paid_on)
        form.addRow(self.tr("支付金额(&M)："), self.amount)
        self.note = QLabel(proposal.note)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #b35c00")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("登记支付"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def record(self) -> None:
        """Record the payment as filled in; a refusal is shown here and the dialog stays open."""
        try:
            paid_on = dt.date.fromisoformat(self.paid_on.text().strip())
        except ValueError:
            self.error.setText(
                self.tr("支付日期“{text}”不是 YYYY-MM-DD 日期").format(text=self.paid_on.text())
            )
            return
        try:
            self._payments.record(
                self.proposal.claim_no,
                account=self.account.text(),
                reference=self.reference.text(),
                paid_on=paid_on,
                amount=self.amount.text(),
            )
        except (ServiceError, ValueError) as exc:
            self.error.setText(str(exc))
            return
        self.accept()
