"""Add / edit a member: keyboard-driven (Tab order follows the form, Enter saves, Esc cancels).

Gender and birth date are shown as derived from the ID number as it is typed; nobody types them.
Saving goes through the ``save`` callback (the tab calls the service); on refusal the dialog
stays open with the reasons shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

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
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.rules import idnumber
from app.rules.errors import InvalidIdNumber
from app.services.roster import FamilyDraft, MemberDetail
from app.services.roster_types import EMPLOYMENT_LABELS, RELATION_LABELS, MemberDraft
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
        self, parent: QWidget | None, save: SaveCallback, detail: MemberDetail | None = None
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle("编辑会员" if detail else "新增会员")
        self.setMinimumWidth(560)

        self.name = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText("18 位，末位可为 X")
        self.derived = QLabel("—")
        self.phone = QLineEdit()
        self.medical_card = QLineEdit()
        self.social_security_card = QLineEdit()
        self.jingka_card = QLineEdit()
        self.bank_name = QLineEdit()
        self.bank_account = QLineEdit()
        self.employment = QComboBox()
        for code, label in EMPLOYMENT_LABELS.items():
            self.employment.addItem(label, code)
        self.union_since = QLineEdit()
        self.union_since.setPlaceholderText("如 2015-03-01，可不填")
        self.model_worker = QCheckBox("劳模")
        self.hardship = QCheckBox("特困")
        self.basic_insurance = QCheckBox("参加城镇职工基本医疗保险")
        self.basic_insurance.setChecked(True)

        form = QFormLayout()
        form.addRow("姓名(&N)：", self.name)
        form.addRow("身份证号码(&I)：", self.id_number)
        form.addRow("性别 / 出生日期：", self.derived)
        form.addRow("联系电话：", self.phone)
        form.addRow("医保卡号：", self.medical_card)
        form.addRow("社保卡号：", self.social_security_card)
        form.addRow("京卡号：", self.jingka_card)
        form.addRow("开户银行：", self.bank_name)
        form.addRow("银行账号：", self.bank_account)
        form.addRow("在职状态：", self.employment)
        form.addRow("入会日期：", self.union_since)
        cats = QHBoxLayout()
        cats.addWidget(self.model_worker)
        cats.addWidget(self.hardship)
        cats.addWidget(self.basic_insurance)
        cats.addStretch()
        form.addRow("类别：", cats)

        self.family = QTableWidget(0, 3)
        self.family.setHorizontalHeaderLabels(["关系（配偶/子女）", "姓名", "身份证号码"])
        self.family.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.family.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.family.setMaximumHeight(130)
        add_family = QPushButton("添加家属(&F)")
        remove_family = QPushButton("删除家属")
        add_family.clicked.connect(self._on_add_family_clicked)
        remove_family.clicked.connect(self._on_remove_family_clicked)
        fam_buttons = QHBoxLayout()
        fam_buttons.addWidget(add_family)
        fam_buttons.addWidget(remove_family)
        fam_buttons.addStretch()

        self.error = error_label()
        buttons = save_cancel(self)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("家属（配偶、子女）："))
        layout.addWidget(self.family)
        layout.addLayout(fam_buttons)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.id_number.textChanged.connect(self._on_id_number_changed)
        enter_submits(self)
        if detail is not None:
            self._fill(detail)
        self.name.setFocus()

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
        self.union_since.setText(d.union_member_since.isoformat() if d.union_member_since else "")
        self.model_worker.setChecked("model_worker" in d.categories)
        self.hardship.setChecked("hardship" in d.categories)
        self.basic_insurance.setChecked(d.basic_medical_insurance)
        for f in detail.family:
            self._add_family_row(RELATION_LABELS.get(f.relation, f.relation), f.name, f.id_number)

    def _on_id_number_changed(self, text: str) -> None:
        try:
            number = idnumber.validate(text)
        except InvalidIdNumber as exc:
            self.derived.setText(str(exc) if idnumber.compact(text) else "—")
            self.derived.setStyleSheet("color: #b00020")
            return
        born = idnumber.birth_date_of(number)
        age = idnumber.age_on(born, dt.date.today())
        self.derived.setText(f"{idnumber.gender_of(number)}　{born.isoformat()}（{age} 岁）")
        self.derived.setStyleSheet("")

    def _add_family_row(self, relation: str = "配偶", name: str = "", number: str = "") -> None:
        row = self.family.rowCount()
        self.family.insertRow(row)
        for col, text in enumerate((relation, name, number)):
            self.family.setItem(row, col, QTableWidgetItem(text))

    def _on_add_family_clicked(self) -> None:
        self._add_family_row("子女" if self.family.rowCount() else "配偶")
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
            raise ValueError(f"入会日期“{self.union_since.text()}”不是有效日期，应如 2015-03-01") from exc
        cats = {
            c
            for c, box in (("model_worker", self.model_worker), ("hardship", self.hardship))
            if box.isChecked()
        }
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
        )
        family = []
        for row in range(self.family.rowCount()):
            cells = [
                (self.family.item(row, c).text().strip() if self.family.item(row, c) else "")
                for c in range(3)
            ]
            if not any(cells):
                continue
            relation = RELATION_BY_LABEL.get(cells[0], cells[0])
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
