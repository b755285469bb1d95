"""Add / edit a member: keyboard-driven (Tab order follows the form, Enter saves, Esc cancels).

Gender and birth date are shown as derived from the ID number as it is typed; nobody types them.
Saving goes through the ``save`` callback (the tab calls the service); on refusal the dialog
stays open with the reasons shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.rules import idnumber
from app.rules.errors import InvalidIdNumber
from app.services.roster import FamilyDraft, MemberDetail
from app.services.roster_types import (
    EMPLOYMENT_LABELS,
    ENGAGEMENT_LABELS,
    MAX_ENGAGEMENT_MONTHS,
    RELATION_LABELS,
    MemberDraft,
)
from app.ui.forms import enter_submits, error_label, save_cancel

SaveCallback = Callable[[MemberDraft, tuple[FamilyDraft, ...]], str | None]
RELATION_BY_LABEL = {v: k for k, v in RELATION_LABELS.items()}


def parse_date(text: str) -> dt.date | None:
    """'2012-01-01', '2012/1/1' or '2012年1月1日' → date; blank → None; else ValueError."""
    raw = (
        text.strip()
        .replace("年", "-")
        .replace("月", "-")
        .replace("日", "")
        .replace("/", "-")
        .replace(".", "-")
    )
    if not raw:
        return None
    y, m, d = (int(p) for p in raw.split("-"))
    return dt.date(y, m, d)


class MemberDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        save: SaveCallback,
        detail: MemberDetail | None = None,
        units: Sequence[tuple[int, str]] = (),
        unit_id: int | None = None,
    ) -> None:
        """``units`` (id, name): the dialog names the member's unit; a new member's is chosen here."""
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(self.tr("编辑会员") if detail else self.tr("新增会员"))
        self.setMinimumWidth(560)

        self.name = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText(self.tr("18 位，末位可为 X"))
        self.derived = QLabel("—")
        self.phone = QLineEdit()
        self.medical_card = QLineEdit()
        self.social_security_card = QLineEdit()
        self.jingka_card = QLineEdit()
        self.bank_name = QLineEdit()
        self.bank_account = QLineEdit()
        self.employment = QComboBox()
        employment_labels = {
            "in_service": self.tr("在职"),
            "retired": self.tr("退休"),
            "left": self.tr("离职"),
        }
        for code, label in EMPLOYMENT_LABELS.items():
            self.employment.addItem(employment_labels.get(code, label), code)
        # Seed 001: 正式职工、合同制职工、聘用期超过一年的临时职工 — months only for a temporary worker.
        self.engagement = QComboBox()
        engagement_labels = {
            "regular": self.tr("正式职工"),
            "contract": self.tr("合同制职工"),
            "temporary": self.tr("临时职工"),
        }
        for code, label in ENGAGEMENT_LABELS.items():
            self.engagement.addItem(engagement_labels.get(code, label), code)
        self.engagement_months = QSpinBox()
        self.engagement_months.setRange(0, MAX_ENGAGEMENT_MONTHS)
        self.engagement_months.setSpecialValueText(self.tr("未填写"))
        self.engagement_months.setSuffix(self.tr(" 个月"))
        self.engagement_months.setEnabled(False)
        self.engagement.currentIndexChanged.connect(self._on_engagement_changed)
        self.union_since = QLineEdit()
        self.union_since.setPlaceholderText(self.tr("如 2015-03-01，可不填"))
        self.model_worker = QCheckBox(self.tr("劳模"))
        self.hardship = QCheckBox(self.tr("特困"))
        self.basic_insurance = QCheckBox(self.tr("参加城镇职工基本医疗保险"))
        self.basic_insurance.setChecked(True)

        form = QFormLayout()
        self.unit = QComboBox()
        if unit_id is None:
            self.unit.addItem(self.tr("（请选择）"), None)
        for uid, unit_name in units:
            self.unit.addItem(unit_name, uid)
        self.unit.setCurrentIndex(max(self.unit.findData(unit_id), 0))
        if detail is not None:  # a member changes unit by 调动单位, which is audited as a move
            self.unit.setEnabled(False)
            self.unit.setToolTip(self.tr("调动到其他单位请用会员名册的“调动单位”"))
        if units:
            form.addRow(self.tr("所在单位(&U)："), self.unit)
        form.addRow(self.tr("姓名(&N)："), self.name)
        form.addRow(self.tr("身份证号码(&I)："), self.id_number)
        form.addRow(self.tr("性别 / 出生日期："), self.derived)
        form.addRow(self.tr("联系电话："), self.phone)
        form.addRow(self.tr("医保卡号："), self.medical_card)
        form.addRow(self.tr("社保卡号："), self.social_security_card)
        form.addRow(self.tr("京卡号："), self.jingka_card)
        form.addRow(self.tr("开户银行："), self.bank_name)
        form.addRow(self.tr("银行账号："), self.bank_account)
        form.addRow(self.tr("在职状态："), self.employment)
        engaged = QHBoxLayout()
        engaged.addWidget(self.engagement)
        engaged.addWidget(QLabel(self.tr("聘用期：")))
        engaged.addWidget(self.engagement_months)
        engaged.addStretch()
        form.addRow(self.tr("用工形式："), engaged)
        form.addRow(self.tr("入会日期："), self.union_since)
        cats = QHBoxLayout()
        cats.addWidget(self.model_worker)
        cats.addWidget(self.hardship)
        cats.addWidget(self.basic_insurance)
        cats.addStretch()
        form.addRow(self.tr("类别："), cats)

        self.family = QTableWidget(0, 4)
        self.family.setHorizontalHeaderLabels(
            [self.tr("关系（配偶/子女）"), self.tr("姓名"), self.tr("身份证号码"), self.tr("性别、出生日期")]
        )
        self.family.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.family.itemChanged.connect(self._on_family_item_changed)
        self.family.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.family.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.family.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.family.setMaximumHeight(130)
        add_family = QPushButton(self.tr("添加家属(&F)"))
        remove_family = QPushButton(self.tr("删除家属"))
        add_family.clicked.connect(self._on_add_family_clicked)
        remove_family.clicked.connect(self._on_remove_family_clicked)
        fam_buttons = QHBoxLayout()
        fam_buttons.addWidget(add_family)
        fam_buttons.addWidget(remove_family)
        fam_buttons.addStretch()

        self._set_tooltips()
        self.error = error_label()
        buttons = save_cancel(self)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("家属（配偶、子女）：")))
        layout.addWidget(self.family)
        layout.addLayout(fam_buttons)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.id_number.textChanged.connect(self._on_id_number_changed)
        enter_submits(self)
        if detail is not None:
            self._fill(detail)
        self.name.setFocus()

    def chosen_unit(self) -> int | None:
        return self.unit.currentData()

    def _set_tooltips(self) -> None:
        """The rules the service checks on save (roster.check_member_draft, idnumber.validate)."""
        self.name.setToolTip(self.tr("必填，最多 50 个字"))
        self.id_number.setToolTip(
            self.tr(
                "18 位公民身份号码：前 17 位为数字，末位为数字或 X，校验位须正确；"
                "全角数字、小写 x 和空格会自动规范。性别与出生日期由号码自动得出，不必填写；"
                "同一号码只能登记一名会员"
            )
        )
        self.phone.setToolTip(self.tr("只能包含数字，可含“-”和“+”；可不填"))
        self.bank_account.setToolTip(self.tr("只能包含数字，可含“-”，空格自动去掉；可不填"))
        self.union_since.setToolTip(
            self.tr("日期格式 YYYY-MM-DD（也可写 2015/3/1 或 2015年3月1日），不能晚于今天；可不填")
        )
        self.family.setToolTip(
            self.tr(
                "每行一位家属：关系填“配偶”或“子女”，配偶只能登记一人；姓名必填；"
                "身份证号码须为有效的 18 位号码，不能与会员本人或其他家属相同"
            )
        )

    def _fill(self, detail: MemberDetail) -> None:
        d = detail.draft
        self.name.setText(d.name)
        self.id_number.setText(d.id_number)  # full number here; masked only in the table
        for widget, value in (
            (self.phone, d.phone),
            (self.medical_card, d.medical_card),
            (self.social_security_card, d.social_security_card),
            (self.jingka_card, d.jingka_card),
            (self.bank_name, d.bank_name),
            (self.bank_account, d.bank_account),
        ):
            widget.setText(value)
        self.employment.setCurrentIndex(self.employment.findData(d.employment))
        self.engagement.setCurrentIndex(self.engagement.findData(d.engagement))
        self.engagement_months.setValue(d.engagement_months or 0)
        self.union_since.setText(d.union_member_since.isoformat() if d.union_member_since else "")
        self.model_worker.setChecked("model_worker" in d.categories)
        self.hardship.setChecked("hardship" in d.categories)
        self.basic_insurance.setChecked(d.basic_medical_insurance)
        for f in detail.family:
            self._add_family_row(self._relation_labels().get(f.relation, f.relation), f.name, f.id_number)

    def _on_id_number_changed(self, text: str) -> None:
        try:
            number = idnumber.validate(text)
        except InvalidIdNumber as exc:
            self.derived.setText(str(exc) if idnumber.compact(text) else "—")
            self.derived.setStyleSheet("color: #b00020")
            return
        born = idnumber.birth_date_of(number)
        age = idnumber.age_on(born, dt.date.today())
        gender = {"男": self.tr("男"), "女": self.tr("女")}[idnumber.gender_of(number)]
        self.derived.setText(
            self.tr("{gender}　{born}（{age} 岁）").format(gender=gender, born=born.isoformat(), age=age)
        )
        self.derived.setStyleSheet("")

    def _on_engagement_changed(self, _index: int) -> None:
        self.engagement_months.setEnabled(self.engagement.currentData() == "temporary")

    def _relation_labels(self) -> dict[str, str]:
        """RELATION_LABELS as the window's language shows them (typed back in either language)."""
        return {"spouse": self.tr("配偶"), "child": self.tr("子女")}

    def _add_family_row(self, relation: str, name: str = "", number: str = "") -> None:
        row = self.family.rowCount()
        self.family.insertRow(row)
        derived = QTableWidgetItem()
        derived.setFlags(derived.flags() & ~Qt.ItemFlag.ItemIsEditable)  # read off the number
        self.family.setItem(row, 3, derived)
        for col, text in enumerate((relation, name, number)):
            self.family.setItem(row, col, QTableWidgetItem(text))

    def _on_family_item_changed(self, item: QTableWidgetItem) -> None:
        """A family member's sex and birth date, read off the ID number as it is typed."""
        derived = self.family.item(item.row(), 3)
        if item.column() != 2 or derived is None:
            return
        text = item.text()
        try:
            number = idnumber.validate(text)
        except InvalidIdNumber as exc:
            derived.setText(str(exc) if idnumber.compact(text) else "")
            derived.setForeground(QColor("#b00020"))
            return
        gender = {"男": self.tr("男"), "女": self.tr("女")}[idnumber.gender_of(number)]
        derived.setText(f"{gender}　{idnumber.birth_date_of(number).isoformat()}")
        derived.setForeground(self.palette().text())

    def _on_add_family_clicked(self) -> None:
        self._add_family_row(self._relation_labels()["child" if self.family.rowCount() else "spouse"])
        self.family.setCurrentCell(self.family.rowCount() - 1, 1)
        self.family.editItem(self.family.currentItem())

    def _on_remove_family_clicked(self) -> None:
        row = self.family.currentRow()
        if row >= 0:
            self.family.removeRow(row)

    def values(self) -> tuple[MemberDraft, tuple[FamilyDraft, ...]]:
        """The form as plain values; a malformed date raises ValueError with a Chinese message."""
        try:
            since = parse_date(self.union_since.text())
        except ValueError as exc:
            message = self.tr("入会日期“{text}”不是有效日期，应如 2015-03-01")
            raise ValueError(message.format(text=self.union_since.text())) from exc
        cats = {
            c
            for c, box in (("model_worker", self.model_worker), ("hardship", self.hardship))
            if box.isChecked()
        }
        temporary = self.engagement.currentData() == "temporary"
        draft = MemberDraft(
            name=self.name.text().strip(),
            id_number=idnumber.compact(self.id_number.text()),
            phone=self.phone.text().strip(),
            medical_card=self.medical_card.text().strip(),
            social_security_card=self.social_security_card.text().strip(),
            jingka_card=self.jingka_card.text().strip(),
            bank_name=self.bank_name.text().strip(),
            bank_account=self.bank_account.text().replace(" ", ""),
            employment=self.employment.currentData(),
            union_member_since=since,
            categories=frozenset(cats),
            basic_medical_insurance=self.basic_insurance.isChecked(),
            engagement=self.engagement.currentData(),
            engagement_months=(self.engagement_months.value() or None) if temporary else None,
        )
        family = []
        by_label = {**RELATION_BY_LABEL, **{v.lower(): k for k, v in self._relation_labels().items()}}
        for row in range(self.family.rowCount()):
            cells = [
                (self.family.item(row, c).text().strip() if self.family.item(row, c) else "")
                for c in range(3)
            ]
            if not any(cells):
                continue
            relation = by_label.get(cells[0].lower(), cells[0])
            family.append(FamilyDraft(relation, cells[1], idnumber.compact(cells[2])))
        return draft, tuple(family)

    def accept(self) -> None:
        try:
            draft, family = self.values()
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        problem = self._save(draft, family)
        if problem:
            self.error.setText(problem)
            return
        super().accept()
