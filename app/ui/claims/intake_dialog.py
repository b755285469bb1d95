"""Claim intake: pick the member (or spouse / child), the plan and benefit, enter the facts, tick
the materials; the rules' decision, the cap, the Chinese trace and any duplicate flags are shown
and recomputed as the fields change."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.rules.idnumber import mask
from app.rules.money import fmt
from app.services.claim_decisions import Assessment, ClaimDraft
from app.services.claim_editing import ClaimEditing
from app.services.claim_fields import FieldSpec, specs_of
from app.services.claims import STATUS_LABELS, ClaimService
from app.services.enrollment import EnrollmentService
from app.services.errors import InputErrors, ServiceError
from app.services.roster import RosterService
from app.services.roster_types import RELATION_LABELS
from app.ui.claims.field_names import field_text
from app.ui.forms import error_text


class IntakeDialog(QDialog):
    sig_assessed = Signal(object)
    """The decision was recomputed: carries the Assessment, or the InputErrors of the form."""

    def __init__(
        self,
        claims: ClaimService,
        roster: RosterService,
        enrollment: EnrollmentService,
        parent: QWidget | None = None,
        editing: ClaimEditing | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("受理理赔"))
        self.resize(980, 680)
        self._claims, self._roster, self._enrollment = claims, roster, enrollment
        self._editing = editing
        self._catalogue = claims.catalogue
        self.claim_no: str | None = None
        self._version: int | None = None  # of the stored claim, when one is being corrected
        self.assessment: Assessment | None = None
        self._fields: dict[str, QWidget] = {}
        self._specs: tuple[FieldSpec, ...] = ()

        self.find = QLineEdit()
        self.find.setPlaceholderText(self.tr("输入姓名或身份证号码查找会员"))
        self.member = QComboBox()
        self.beneficiary = QComboBox()
        self.plan = QComboBox()
        self.benefit = QComboBox()
        self.applied_on = QLineEdit(dt.date.today().isoformat())
        self.applied_on.setToolTip(self.tr("日期格式 YYYY-MM-DD；留空或格式不对时按今天计算"))
        self.beneficiary.setToolTip(self.tr("会员本人，或名册中登记的配偶、子女"))
        self.plan.setToolTip(self.tr("只列出该会员参保的保障计划"))
        head = QFormLayout()
        head.addRow(self.tr("查找会员(&F)："), self.find)
        head.addRow(self.tr("会员："), self.member)
        head.addRow(self.tr("受益人："), self.beneficiary)
        head.addRow(self.tr("保障计划："), self.plan)
        head.addRow(self.tr("申请项目："), self.benefit)
        head.addRow(self.tr("申请日期："), self.applied_on)
        self.facts_box = QGroupBox(self.tr("事件情况"))
        self.facts_form = QFormLayout(self.facts_box)
        self.materials_box = QGroupBox(self.tr("材料（已收到的打勾）"))
        self.materials_layout = QVBoxLayout(self.materials_box)
        left = QVBoxLayout()
        left.addLayout(head)
        left.addWidget(self.facts_box)
        left.addWidget(self.materials_box)
        left.addStretch()

        self.result = QLabel()
        self.result.setWordWrap(True)
        self.trace = QTextBrowser()
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b35c00")
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("规则计算：")))
        right.addWidget(self.result)
        right.addWidget(self.trace, 1)
        right.addWidget(self.warnings)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)

        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("保存为草稿(&S)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.submit_button = buttons.addButton(
            self.tr("保存并受理(&U)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        cancel = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(lambda: self.save(submit=False))
        self.submit_button.clicked.connect(lambda: self.save(submit=True))
        cancel.clicked.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self._timer = QTimer(self)  # recompute shortly after typing stops, not on every key
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.recompute)
        self.find.textChanged.connect(self._on_find_text_changed)
        self.member.currentIndexChanged.connect(self._on_member_changed)
        self.plan.currentIndexChanged.connect(self._on_plan_changed)
        self.benefit.currentIndexChanged.connect(self._on_benefit_changed)
        self.beneficiary.currentIndexChanged.connect(lambda _i: self._timer.start())
        self.applied_on.textChanged.connect(lambda _t: self._timer.start())
        self._clean = self._typed()

    # -- typed work is not thrown away unasked (issue 18 item 3) ------------------------------
    def _typed(self) -> tuple[object, ...]:
        """What the clerk has entered, to tell whether anything would be lost."""
        values: list[object] = [
            self.find.text(), self.applied_on.text(), self.member.currentData(),
            self.beneficiary.currentIndex(), self.plan.currentData(), self.benefit.currentData(),
        ]  # fmt: skip
        for name, w in sorted(self._fields.items()):
            if isinstance(w, QLineEdit):
                values.append((name, w.text()))
            elif isinstance(w, QComboBox):
                values.append((name, w.currentData()))
            elif isinstance(w, QCheckBox):
                values.append((name, w.isChecked()))
        for i in range(self.materials_layout.count()):
            box = self.materials_layout.itemAt(i).widget()
            if isinstance(box, QCheckBox):
                values.append((box.text(), box.isChecked()))
        return tuple(values)

    def cancel(self) -> None:
        """取消 or Esc: asks before unsaved entries are discarded."""
        if self._typed() != self._clean:
            answer = QMessageBox.question(
                self, self.tr("放弃填写"), self.tr("已填写的内容尚未保存，确定放弃吗？"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)

    # -- choosing ----------------------------------------------------------------------------
    def _on_find_text_changed(self, text: str) -> None:
        self.member.blockSignals(True)
        self.member.clear()
        for m in self._roster.search(text, limit=30):
            self.member.addItem(f"{m.name}　{mask(m.id_number)}　{m.gender}", m.id)
        self.member.blockSignals(False)
        self._on_member_changed()

    def _on_member_changed(self, *_args: object) -> None:
        member_id = self.member.currentData()
        self.beneficiary.blockSignals(True)
        self.beneficiary.clear()
        self.plan.blockSignals(True)
        self.plan.clear()
        if member_id is not None:
            self.beneficiary.addItem(self.tr("本人"), ("self", None))
            for fid, relation, name, _number in self._roster.family_of(member_id):
                label = self.tr("{name}（{relation}）").format(
                    name=name, relation=field_text(RELATION_LABELS[relation])
                )
                self.beneficiary.addItem(label, (relation, fid))
            for code in self._enrollment.plans_of(member_id):
                self.plan.addItem(self._catalogue.get(code).name, code)
        self.beneficiary.blockSignals(False)
        self.plan.blockSignals(False)
        self._on_plan_changed()

    def _on_plan_changed(self, *_args: object) -> None:
        code = self.plan.currentData()
        self.benefit.blockSignals(True)
        self.benefit.clear()
        if code:
            for b in self._catalogue.get(code).benefits.values():
                self.benefit.addItem(b.name, b.code)
        self.benefit.blockSignals(False)
        self._on_benefit_changed()

    def _on_benefit_changed(self, *_args: object) -> None:
        while self.facts_form.rowCount():
            self.facts_form.removeRow(0)
        while self.materials_layout.count():
            item = self.materials_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self._fields = {}
        code, benefit_code = self.plan.currentData(), self.benefit.currentData()
        if not code or not benefit_code:
            self._specs = ()
            return
        plan = self._catalogue.get(code)
        benefit = plan.benefit(benefit_code)
        self._specs = specs_of(plan, benefit_code)
        for spec in self._specs:
            widget = self._widget_for(spec)
            self._fields[spec.name] = widget
            self.facts_form.addRow(self.tr("{label}：").format(label=field_text(spec.label)), widget)
        for name in benefit.materials:
            box = QCheckBox(name)
            box.toggled.connect(lambda _on: self._timer.start())
            self.materials_layout.addWidget(box)
        self._timer.start()

    def _widget_for(self, spec: FieldSpec) -> QWidget:
        tip = self._rule_of(spec)
        if spec.type == "bool":
            box = QCheckBox(field_text(spec.hint) if spec.hint else self.tr("是"))
            box.setChecked(spec.name in ("local", "first_diagnosis", "first_stay_of_year"))
            box.toggled.connect(lambda _on: self._timer.start())
            return box
        if spec.type == "choice" or spec.choices:
            combo = QComboBox()
            if not spec.required or spec.type != "choice":  # a coded number is chosen, not defaulted
                combo.addItem("", "")
            for value, label in spec.choices:
                combo.addItem(field_text(label) if spec.name != "disease" else label, value)
            combo.setToolTip(tip)
            combo.currentIndexChanged.connect(lambda _i: self._timer.start())
            return combo
        edit = QLineEdit()
        placeholder = {"date": self.tr("如 2020-05-01"), "money": self.tr("元，两位小数")}
        edit.setPlaceholderText(placeholder.get(spec.type, field_text(spec.hint) if spec.hint else ""))
        edit.setToolTip(tip)
        edit.textChanged.connect(lambda _t: self._timer.start())
        return edit

    def _rule_of(self, spec: FieldSpec) -> str:
        """What app.services.claim_fields.clean_facts checks for this field, as a tooltip."""
        if spec.type == "bool":
            return field_text(spec.hint) if spec.hint else ""
        if spec.type == "date":
            rule = self.tr("日期格式 YYYY-MM-DD（也可写 2020/5/1 或 2020年5月1日）；不能晚于今天")
        elif spec.type == "money":
            rule = self.tr("金额，元，最多两位小数，不可为负")
        elif spec.choices or spec.type == "choice":
            rule = self.tr("从列表中选择")
        elif spec.type == "int" and spec.high is not None:
            rule = self.tr("整数，{low} 至 {high}").format(low=spec.low, high=spec.high)
        elif spec.type == "int":
            rule = self.tr("整数，不小于 {low}").format(low=spec.low)
        else:
            rule = ""
        parts = [rule, field_text(spec.hint) if spec.hint and spec.type != "bool" else ""]
        parts.append(self.tr("必填") if spec.required else self.tr("可不填"))
        return self.tr("；").join(p for p in parts if p)

    # -- values ------------------------------------------------------------------------------
    def set_fact(self, name: str, value: Any) -> None:
        """Fill one fact (for tests and for re-opening a draft)."""
        widget = self._fields[name]
        if isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QComboBox):
            found = widget.findData(value)
            widget.setCurrentIndex(found if found >= 0 else widget.findData(str(value)))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value))

    def _sync_materials(self, names: list[str]) -> None:
        """The boxes follow the materials this case needs (a deceased member's, a minor child's)."""
        boxes = [
            box for i in range(self.materials_layout.count())
            if isinstance(box := self.materials_layout.itemAt(i).widget(), QCheckBox)
        ]  # fmt: skip
        if [b.text() for b in boxes] == names:
            return
        ticked = {b.text() for b in boxes if b.isChecked()}
        for box in boxes:
            self.materials_layout.removeWidget(box)
            box.deleteLater()
        for name in names:
            box = QCheckBox(name)
            box.setChecked(name in ticked)
            box.toggled.connect(lambda _on: self._timer.start())
            self.materials_layout.addWidget(box)

    def tick_all_materials(self, on: bool = True) -> None:
        for i in range(self.materials_layout.count()):
            box = self.materials_layout.itemAt(i).widget()
            if isinstance(box, QCheckBox):
                box.setChecked(on)

    def draft(self) -> ClaimDraft | None:
        member_id, code, benefit = (
            self.member.currentData(),
            self.plan.currentData(),
            self.benefit.currentData(),
        )
        if member_id is None or not code or not benefit:
            return None
        facts: dict[str, Any] = {}
        for name, widget in self._fields.items():
            if isinstance(widget, QCheckBox):
                facts[name] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                facts[name] = widget.currentData()
            elif isinstance(widget, QLineEdit):
                facts[name] = widget.text()
        received = tuple(
            box.text() for i in range(self.materials_layout.count())
            if isinstance(box := self.materials_layout.itemAt(i).widget(), QCheckBox) and box.isChecked()
        )  # fmt: skip
        relation, family_id = self.beneficiary.currentData() or ("self", None)
        try:
            applied = dt.date.fromisoformat(self.applied_on.text().strip())
        except ValueError:
            applied = dt.date.today()
        return ClaimDraft(member_id, code, benefit, facts, applied, relation, family_id, received)

    def recompute(self) -> None:
        draft = self.draft()
        if draft is None:
            self.result.setText(self.tr("请先选择会员、保障计划和申请项目。"))
            self.trace.clear()
            return
        try:
            a = self._claims.preview(draft)
        except InputErrors as exc:
            self.assessment = None
            self.result.setText(
                "<span style='color:#b00020'>"
                + self.tr("尚未填完：")
                + "</span>"
                + "；".join(str(e) for e in exc.errors)
            )
            self.trace.clear()
            self.sig_assessed.emit(exc)
            return
        except ServiceError as exc:  # the member or plan went away meanwhile (another clerk, a restore)
            self.assessment = None
            self.result.setText("<span style='color:#b00020'>" + error_text(exc) + "</span>")
            self.trace.clear()
            return
        self.assessment = a
        self._sync_materials([name for name, _ok in a.materials])
        d = a.decision
        verdict = (
            self.tr("<b>应付 {amount} 元</b>（适用上限 {cap} 元）").format(
                amount=fmt(d.amount), cap=fmt(d.cap)
            )
            if d.eligible
            else self.tr("<b style='color:#b00020'>不予给付</b>（计算额 {cap} 元）").format(cap=fmt(d.cap))
        )
        reasons = "<br>".join(f"· {r.message}" for r in d.reasons)
        self.result.setText(verdict + (f"<br>{reasons}" if reasons else ""))
        self.trace.setPlainText("\n".join(f"{i}. {line}" for i, line in enumerate(d.trace, start=1)))
        missing = a.missing_materials
        lacking = self.tr("缺少材料：{materials}（补齐后才能受理）").format(materials="、".join(missing))
        flags = list(a.warnings) + ([lacking] if missing else [])
        self.warnings.setText("\n".join(f"⚠ {w}" for w in flags))
        self.sig_assessed.emit(a)

    # -- a stored claim ----------------------------------------------------------------------
    def load(self, claim_no: str) -> None:
        """Reopen a draft or returned claim with its facts and materials, to correct it."""
        assert self._editing is not None, "IntakeDialog(editing=…) to correct a stored claim"
        draft, status, version = self._editing.draft(claim_no)
        self.claim_no, self._version = claim_no, version
        self.setWindowTitle(
            self.tr("修改理赔 {claim_no}（{status}）").format(claim_no=claim_no, status=STATUS_LABELS[status])
        )
        self.save_button.setText(self.tr("保存修改(&S)"))
        m = self._roster.member(draft.member_id)
        self.find.setEnabled(False)
        self.member.blockSignals(True)
        self.member.clear()
        self.member.addItem(f"{m.draft.name}　{mask(m.draft.id_number)}　{m.gender}", m.id)
        self.member.setEnabled(False)  # the member is the claim's; another member is a new claim
        self.member.blockSignals(False)
        self._on_member_changed()
        wanted = (draft.relation, draft.family_member_id if draft.relation != "self" else None)
        for i in range(self.beneficiary.count()):
            if tuple(self.beneficiary.itemData(i)) == wanted:
                self.beneficiary.setCurrentIndex(i)
        if self.plan.findData(draft.plan_code) < 0:
            self.plan.addItem(self._catalogue.get(draft.plan_code).name, draft.plan_code)
        self.plan.setCurrentIndex(self.plan.findData(draft.plan_code))
        self.benefit.setCurrentIndex(self.benefit.findData(draft.benefit))
        for name, value in draft.facts.items():
            if name in self._fields:
                self.set_fact(name, value)
        for i in range(self.materials_layout.count()):
            box = self.materials_layout.itemAt(i).widget()
            if isinstance(box, QCheckBox):
                box.setChecked(box.text() in draft.materials_received)
        self.applied_on.setText(draft.applied_on.isoformat())
        for combo in (self.plan, self.benefit, self.beneficiary):
            combo.setEnabled(False)  # plan and benefit are the claim's; a wrong one is withdrawn
        self.save_button.setToolTip(self.tr("待补件的理赔材料补齐后保存，即重新受理"))
        self._clean = self._typed()
        self._timer.start()

    def save(self, submit: bool) -> None:
        """Save the fields as they are now: a new claim is created; a claim already saved (a
        reopened one, or this dialog's after a refused 受理) is updated first, then submitted."""
        draft = self.draft()
        if draft is None:
            self.error.setText(self.tr("请先选择会员、保障计划和申请项目"))
            return
        status = "draft"
        try:
            if self.claim_no is None:
                self.claim_no = self._claims.create(draft)
            else:
                editing = self._editing or ClaimEditing(
                    self._claims.sessions, self._claims.actor, self._catalogue
                )
                status = editing.update(self.claim_no, draft, self._version).status
                self._version = editing.draft(self.claim_no)[2]
            if submit and status in ("draft", "returned"):
                self._claims.act(self.claim_no, "submit", version=self._version)
        except ServiceError as exc:
            text = "\n".join(str(e) for e in exc.errors) if isinstance(exc, InputErrors) else str(exc)
            saved = (
                self.tr("已保存为草稿 {claim_no}，但").format(claim_no=self.claim_no) if self.claim_no else ""
            )
            self.error.setText(saved + text)
            return
        self.accept()
