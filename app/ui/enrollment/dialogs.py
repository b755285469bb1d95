"""Dialogs of the 参保缴费 tab: a new coverage period, a payment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.contributions import METHODS
from app.ui.forms import enter_submits, error_label, save_cancel

# The payment methods' Chinese labels (app.services.contributions.METHODS), for lupdate; shown translated.
_METHOD_LABELS = (
    QT_TRANSLATE_NOOP("PaymentMethod", "支票（正送）"),
    QT_TRANSLATE_NOOP("PaymentMethod", "支票（倒送）"),
    QT_TRANSLATE_NOOP("PaymentMethod", "现金"),
    QT_TRANSLATE_NOOP("PaymentMethod", "转账"),
)

Submit = Callable[[dict[str, object]], str | None]


def date_edit(value: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def method_label(label: str) -> str:
    """A payment method's Chinese label as the window's language shows it."""
    return QCoreApplication.translate("PaymentMethod", label)


def to_date(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


class _FormDialog(QDialog):
    def __init__(self, parent: QWidget | None, submit: Submit) -> None:
        super().__init__(parent)
        self._submit = submit
        self.form = QFormLayout()
        self.error = error_label()
        buttons = save_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def values(self) -> dict[str, object]:
        raise NotImplementedError

    def accept(self) -> None:
        problem = self._submit(self.values())
        if problem:
            self.error.setText(problem)
            return
        super().accept()


class PeriodDialog(_FormDialog):
    """期数, dates, collection window, fee standard (the plan's fee suggested)."""

    def __init__(
        self, parent: QWidget | None, submit: Submit, next_number: int, fee: str, start: dt.date
    ) -> None:
        super().__init__(parent, submit)
        self.setWindowTitle(self.tr("新建保障期"))
        self.number = QSpinBox()
        self.number.setRange(1, 999)
        self.number.setValue(next_number)
        end = start.replace(year=start.year + 1) - dt.timedelta(days=1)
        self.start, self.end = date_edit(start), date_edit(end)
        self.collect_from, self.collect_to = date_edit(start - dt.timedelta(days=30)), date_edit(start)
        self.fee = QLineEdit(fee)
        self.number.setToolTip(self.tr("期数为正整数；同一方案的期数不能重复"))
        self.start.setToolTip(self.tr("日期格式 YYYY-MM-DD"))
        self.end.setToolTip(self.tr("日期格式 YYYY-MM-DD；结束日期不能早于开始日期"))
        self.collect_from.setToolTip(self.tr("日期格式 YYYY-MM-DD；单位在收缴期内缴费"))
        self.collect_to.setToolTip(self.tr("日期格式 YYYY-MM-DD；收缴截止日期不能早于起始日期"))
        self.fee.setToolTip(self.tr("金额，元，最多两位小数，不可为负"))
        for label, widget in (
            (self.tr("期数："), self.number),
            (self.tr("保障期开始："), self.start),
            (self.tr("保障期结束："), self.end),
            (self.tr("收缴开始："), self.collect_from),
            (self.tr("收缴截止："), self.collect_to),
            (self.tr("缴费标准（元/人·期）："), self.fee),
        ):
            self.form.addRow(label, widget)
        enter_submits(self)

    def values(self) -> dict[str, object]:
        return {
            "number": self.number.value(),
            "start": to_date(self.start),
            "end": to_date(self.end),
            "collect_from": to_date(self.collect_from),
            "collect_to": to_date(self.collect_to),
            "fee": self.fee.text(),
        }


class PaymentDialog(_FormDialog):
    """One payment: amount, method (支票 正送/倒送, 现金, 转账), date, receipt, who bore it."""

    def __init__(self, parent: QWidget | None, submit: Submit, owed: str) -> None:
        super().__init__(parent, submit)
        self.setWindowTitle(self.tr("登记缴费"))
        self.amount = QLineEdit(owed)
        self.method = QComboBox()
        for code, label in METHODS.items():
            self.method.addItem(method_label(label), code)
        self.paid_on = date_edit(dt.date.today())
        self.receipt = QLineEdit()
        self.unit_part = QLineEdit()
        self.member_part = QLineEdit()
        self.unit_part.setPlaceholderText(self.tr("可不填"))
        self.member_part.setPlaceholderText(self.tr("可不填"))
        self.amount.setToolTip(self.tr("金额，元，最多两位小数，须大于 0"))
        self.method.setToolTip(self.tr("支票（正送或倒送）、现金或转账"))
        self.paid_on.setToolTip(self.tr("日期格式 YYYY-MM-DD；不能晚于今天"))
        share = self.tr("金额，元，最多两位小数，不可为负；单位与个人两项都填时，其和须等于缴费金额")
        self.unit_part.setToolTip(share)
        self.member_part.setToolTip(share)
        for label, widget in (
            (self.tr("缴费金额（元）："), self.amount),
            (self.tr("缴费方式："), self.method),
            (self.tr("缴款日期："), self.paid_on),
            (self.tr("收据或发票号："), self.receipt),
            (self.tr("其中单位负担（元）："), self.unit_part),
            (self.tr("其中个人负担（元）："), self.member_part),
        ):
            self.form.addRow(label, widget)
        enter_submits(self)

    def values(self) -> dict[str, object]:
        return {
            "amount": self.amount.text(),
            "method": self.method.currentData(),
            "paid_on": to_date(self.paid_on),
            "receipt_no": self.receipt.text(),
            "unit_part": self.unit_part.text() or None,
            "member_part": self.member_part.text() or None,
        }
