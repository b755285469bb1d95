"""Add / edit a unit (基层工会): code, name, chair, handler, contacts, address, headcounts, flags."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.roster import UnitDraft, UnitInfo
from app.ui.forms import enter_submits, error_label, save_cancel

SaveUnit = Callable[[UnitDraft], str | None]


class UnitDialog(QDialog):
    def __init__(self, parent: QWidget | None, save: SaveUnit, unit: UnitInfo | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(self.tr("编辑单位") if unit else self.tr("新增单位"))
        self.setMinimumWidth(460)
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.chair_name = QLineEdit()
        self.chair_phone = QLineEdit()
        self.handler_name = QLineEdit()
        self.handler_phone = QLineEdit()
        self.address = QLineEdit()
        self.headcount = QSpinBox()
        self.in_service = QSpinBox()
        for box in (self.headcount, self.in_service):
            box.setRange(0, 10_000_000)
        self.has_union = QCheckBox(self.tr("已建立工会"))
        self.remits = QCheckBox(self.tr("向上级上解工会经费"))
        self.has_union.setChecked(True)
        self.code.setToolTip(self.tr("必填；前后空格自动去掉；不能与其他单位的编码相同"))
        self.name.setToolTip(self.tr("必填；前后空格自动去掉"))
        self.headcount.setToolTip(self.tr("单位职工总人数，不能为负数"))
        self.in_service.setToolTip(self.tr("在职人数，不能为负数，也不能多于职工总数"))
        self.remits.setChecked(True)
        form = QFormLayout()
        for label, widget in (
            (self.tr("单位编码(&C)："), self.code),
            (self.tr("单位名称(&N)："), self.name),
            (self.tr("工会主席："), self.chair_name),
            (self.tr("主席联系方式："), self.chair_phone),
            (self.tr("经办人："), self.handler_name),
            (self.tr("经办人联系方式："), self.handler_phone),
            (self.tr("地址："), self.address),
            (self.tr("职工总数："), self.headcount),
            (self.tr("在职人数："), self.in_service),
            ("", self.has_union),
            ("", self.remits),
        ):
            form.addRow(label, widget)
        self.error = error_label()
        buttons = save_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        enter_submits(self)
        if unit is not None:
            d = unit.draft
            for widget, value in (
                (self.code, d.code),
                (self.name, d.name),
                (self.chair_name, d.chair_name),
                (self.chair_phone, d.chair_phone),
                (self.handler_name, d.handler_name),
                (self.handler_phone, d.handler_phone),
                (self.address, d.address),
            ):
                widget.setText(value)
            self.headcount.setValue(d.headcount)
            self.in_service.setValue(d.in_service_count)
            self.has_union.setChecked(d.has_union)
            self.remits.setChecked(d.remits_union_funds)

    def values(self) -> UnitDraft:
        return UnitDraft(
            code=self.code.text().strip(),
            name=self.name.text().strip(),
            chair_name=self.chair_name.text().strip(),
            chair_phone=self.chair_phone.text().strip(),
            handler_name=self.handler_name.text().strip(),
            handler_phone=self.handler_phone.text().strip(),
            address=self.address.text().strip(),
            headcount=self.headcount.value(),
            in_service_count=self.in_service.value(),
            has_union=self.has_union.isChecked(),
            remits_union_funds=self.remits.isChecked(),
        )

    def accept(self) -> None:
        problem = self._save(self.values())
        if problem:
            self.error.setText(problem)
            return
        super().accept()
