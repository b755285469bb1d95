"""理赔 tab: the claims list with status filters and search; beside a claim, its decision and trace,
materials, workflow steps and the member's history; the workflow's actions; forms and payments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.models.db import SessionFactory
from app.rules.errors import InvalidAmount, RulesError
from app.rules.money import fmt, parse_amount
from app.services.auth import Actor
from app.services.claim_documents import ClaimDocuments
from app.services.claim_editing import EDITABLE, ClaimEditing
from app.services.claim_fields import specs_of
from app.services.claim_pages import ClaimPages, ClaimView
from app.services.claim_queries import ClaimQueries
from app.services.claims import ACTIONS, STATUS_LABELS, ClaimService
from app.services.duties import Duties
from app.services.enrollment import EnrollmentService
from app.services.errors import ServiceError
from app.services.payments import Payments
from app.services.roster import RosterService
from app.ui.claims.claim_model import ClaimTableModel, status_label
from app.ui.claims.field_names import field_text
from app.ui.claims.intake_dialog import IntakeDialog
from app.ui.claims.payment_dialog import PaymentDialog
from app.ui.file_places import ask_save, proposed_name
from app.ui.printing import ask_pdf_path, open_if_wanted
from app.ui.search_keys import SearchKeys
from app.ui.table_columns import TableColumns

BUTTONS = (
    ("submit", QT_TRANSLATE_NOOP("ClaimsTab", "受理")),
    ("review", QT_TRANSLATE_NOOP("ClaimsTab", "单位审核")),
    ("audit", QT_TRANSLATE_NOOP("ClaimsTab", "办事处审核")),
    ("approve", QT_TRANSLATE_NOOP("ClaimsTab", "批准…")),
    ("reject", QT_TRANSLATE_NOOP("ClaimsTab", "拒绝…")),
    ("return", QT_TRANSLATE_NOOP("ClaimsTab", "退回补件…")),
    ("pay", QT_TRANSLATE_NOOP("ClaimsTab", "登记支付…")),
    ("withdraw", QT_TRANSLATE_NOOP("ClaimsTab", "撤回…")),
)


class ClaimsTab(QWidget):
    sig_claims_changed = Signal()
    """The claims list was reloaded after a change."""

    def __init__(self, sessions: SessionFactory, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions, self._actor = sessions, actor
        self._service = ClaimService(sessions, actor)
        self._queries = ClaimQueries(sessions)
        self._pages = ClaimPages(sessions)
        self._docs = ClaimDocuments(sessions, actor)
        self._editing = ClaimEditing(sessions, actor, self._service.catalogue)
        self.editor: IntakeDialog | None = None  # the open correction of a stored claim
        self._payments = Payments(sessions, actor, self._service)
        self.payer: PaymentDialog | None = None  # the open 登记支付
        self._duties = Duties(sessions, actor)
        self.quiet = False

        self.status = QComboBox()
        self.status.addItem(self.tr("全部状态"), "")
        for code, label in STATUS_LABELS.items():
            self.status.addItem(status_label(label), code)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("按会员姓名、身份证号码或理赔编号搜索"))
        self.new_button = QPushButton(self.tr("受理新理赔(&N)…"))
        self.print_button = QPushButton(self.tr("打印申请审核表…"))
        self.notice_button = QPushButton(self.tr("打印补件通知…"))
        self.payments_button = QPushButton(self.tr("导出付款清单…"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("状态：")))
        bar.addWidget(self.status)
        bar.addWidget(self.search, 1)
        for b in (self.new_button, self.print_button, self.notice_button, self.payments_button):
            bar.addWidget(b)

        self.model = ClaimTableModel(self)
        self.model.names = {
            (plan.code, b.code): (plan.name, b.name) for plan in self._service.catalogue.plans()
            for b in plan.benefits.values()
        }  # fmt: skip
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)  # every column sorts in SQL (app.services.claim_pages)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.detail = QTextBrowser()
        self.actions: dict[str, QPushButton] = {}
        grid = QGridLayout()
        self.edit_button = QPushButton(self.tr("编辑(&E)…"))
        self.edit_button.setToolTip(
            self.tr("修改草稿或待补件理赔的事件情况，勾选补交的材料（也可双击或按回车）")
        )
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        grid.addWidget(self.edit_button, 0, 0)
        for i, (action, label) in enumerate(BUTTONS, start=1):
            button = QPushButton(self.tr(label))
            button.clicked.connect(lambda _c=False, a=action: self._on_action_clicked(a))
            self.actions[action] = button
            grid.addWidget(button, i // 3, i % 3)
        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.detail, 1)
        sl.addLayout(grid)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.overdue = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.overdue)

        self.new_button.setEnabled(actor.can("claims.write"))
        self.status.currentIndexChanged.connect(lambda _i: self.reload())
        self.search.textChanged.connect(lambda _t: self.reload())
        self.search_keys = SearchKeys(self.search, self.table)
        # What a clerk works the list by, in view at 1366 px; the rest a right-click away.
        rarely = ("id_number", "beneficiary", "plan", "approved", "paid")
        self.columns = TableColumns(self.table, actor.username, "claims", default_hidden=rarely)
        self.model.sig_counted.connect(lambda _n: self.search_keys.select_single())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_selected())
        self.table.activated.connect(lambda _i: self.edit_selected())  # double-click or Enter
        self.new_button.clicked.connect(self._on_new_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.notice_button.clicked.connect(self._on_notice_clicked)
        self.payments_button.clicked.connect(self._on_payments_clicked)
        self.reload()

    # -- list and detail -------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        """Show the claims of the chosen status and search, from the first page (a page at a time)."""
        keep = select or self.selected_claim_no()
        status = self.status.currentData()
        self.model.today = dt.date.today()
        view = ClaimView((status,) if status else (), self.search.text())
        self.model.set_view(lambda sort, descending: self._pages.query(view, sort, descending)[0])
        if keep:
            self.select_claim(keep)
        if hasattr(self, "search_keys"):
            self.search_keys.select_single()
        self._show_selected()
        due, late = self._pages.payments_due(self.model.today)
        self.overdue.setText(
            self.tr("待支付 {n} 笔").format(n=due)
            + (self.tr("，其中 {n} 笔已超过应付日期（红色）").format(n=late) if late else "")
        )
        self.sig_claims_changed.emit()

    def selected_claim_no(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_at(rows[0].row()).claim_no if rows else None

    def select_claim(self, claim_no: str) -> None:
        row = self.model.row_of(claim_no, self._pages.id_of(claim_no))
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _show_selected(self) -> None:
        no = self.selected_claim_no()
        for button in (*self.actions.values(), self.edit_button):
            button.setEnabled(False)
        if no is None:
            self.detail.setHtml("<p>" + self.tr("选择左侧的理赔查看详情。") + "</p>")
            return
        full = self._queries.get(no)
        r = full.row
        open_steps = tuple(
            a for a, (starts, _t, permission, _n) in ACTIONS.items()
            if a in self.actions and r.status in starts and self._actor.can(permission)
        )  # fmt: skip
        # The duty rules the service enforces (app.services.duties): disabled here, saying why.
        refused = self._duties.refusals(no, open_steps)
        for action, button in self.actions.items():
            why = refused.get(action)
            button.setEnabled(action in open_steps and why is None)
            button.setToolTip(why or "")
        self.edit_button.setEnabled(r.status in EDITABLE and self._actor.can("claims.write"))
        history = self._queries.history(r.member_id, r.plan_code, r.event_key, year=r.event_date.year)
        earlier = (
            "".join(
                f"<li>{h.claim_no} {h.benefit} {h.event_date} {status_label(h.status_label)} "
                + self.tr("{amount} 元").format(amount=fmt(h.paid or h.amount))
                + "</li>"
                for h in history.claims
                if h.claim_no != no
            )
            or "<li>" + self.tr("无") + "</li>"
        )
        same = [h.claim_no for h in history.same_event if h.claim_no != no]
        all_steps = self._service.steps(no)
        steps = "".join(
            f"<li>{st.at:%Y-%m-%d %H:%M} {st.username} "
            f"{status_label(STATUS_LABELS.get(st.to_status, st.to_status))}"
            f"{'：' + st.reason if st.reason else ''}"
            + (self.tr("（{amount} 元）").format(amount=fmt(st.amount)) if st.amount is not None else "")
            + "</li>"
            for st in all_steps
        )
        verdict = (
            self.tr("应付 <b>{amount}</b> 元（上限 {cap} 元）").format(amount=fmt(r.amount), cap=fmt(r.cap))
            if r.eligible
            else "<b style='color:#b00020'>" + self.tr("不予给付") + "</b>"
        )
        if r.approved is not None:
            why = next((st.reason for st in reversed(all_steps) if st.action == "approve"), "")
            verdict = self.tr("批准 <b>{approved}</b> 元（规则计算 {amount} 元）").format(
                approved=fmt(r.approved), amount=fmt(r.amount)
            ) + (self.tr("，原因：{reason}").format(reason=why) if why else "")
        if r.paid is not None:
            verdict += "<br>" + self.tr(
                "已于 {date} 支付 <b>{paid}</b> 元到账号 {account}，凭证号 {reference}"
            ).format(
                date=r.paid_on,
                paid=fmt(r.paid),
                account=full.paid_account,
                reference=full.paid_reference or self.tr("（无）"),
            )
        reasons = "".join(f"<li>{msg}</li>" for _code, msg in full.reasons)
        trace = "".join(f"<li>{line}</li>" for line in full.trace)
        materials = "".join(f"<li>{'☑' if ok else '☐'} {name}</li>" for name, ok in full.materials)
        plan_benefit = " · ".join(self.model.names.get((r.plan_code, r.benefit), (r.plan_code, r.benefit)))
        head = self.tr(
            "{member}（{unit}），受益人：{beneficiary}<br>{plan_benefit}，事件日期 {event_date}，"
            "申请日期 {applied_on}，方案版本 {version}"
        ).format(
            member=r.member_name,
            unit=r.unit_name,
            beneficiary=self.model.beneficiary(r.beneficiary),
            plan_benefit=plan_benefit,
            event_date=r.event_date,
            applied_on=r.applied_on,
            version=full.plan_version,
        )
        facts = self._fact_items(r.plan_code, r.benefit, r.event_date, full.facts)
        paid = self.tr("本年已支付 {amount} 元。").format(amount=fmt(history.paid_this_year))
        others = self.tr("同一事件的其他理赔：") + "、".join(same) if same else ""
        trace_title, materials_title = self.tr("计算过程："), self.tr("材料：")
        facts_title = self.tr("事件情况：")
        earlier_title, steps_title = self.tr("该会员的其他理赔："), self.tr("办理经过：")
        self.detail.setHtml(
            f"<h3>{r.claim_no}　{status_label(r.status_label)}</h3>"
            f"<p>{head}</p>"
            f"{'<p>' + facts_title + '</p><ul>' + facts + '</ul>' if facts else ''}"
            f"<p>{verdict}</p>{'<ul>' + reasons + '</ul>' if reasons else ''}"
            f"<p>{trace_title}</p><ol>{trace}</ol><p>{materials_title}</p><ul>{materials}</ul>"
            f"<p>{paid}{others}</p>"
            f"<p>{earlier_title}</p><ul>{earlier}</ul>"
            f"<p>{steps_title}</p><ul>{steps}</ul>"
        )

    def _fact_items(self, plan_code: str, benefit: str, on: dt.date, facts: dict[str, object]) -> str:
        """Every fact the decision used, named and shown as at intake (一级, 是/否), in the form's order."""
        try:
            specs = specs_of(self._service.catalogue.get(plan_code, on), benefit)
        except RulesError:  # a plan no longer in the catalogue: the facts are still the claim's
            specs = ()
        items = []
        for spec in specs:
            if spec.name not in facts:
                continue
            value = facts[spec.name]
            if spec.type == "bool":
                shown = self.tr("是") if value else self.tr("否")
            elif spec.choices:
                label = dict(spec.choices).get(str(value), str(value))
                shown = label if spec.name == "disease" else field_text(label)
            else:
                shown = str(value)
            line = self.tr("{label}：{value}").format(label=field_text(spec.label), value=shown)
            items.append(f"<li>{escape(line)}</li>")
        return "".join(items)

    # -- actions ---------------------------------------------------------------------------
    def _tell(self, title: str, text: str, error: bool = False) -> None:
        if not self.quiet:
            (QMessageBox.warning if error else QMessageBox.information)(self, title, text)

    def act(self, claim_no: str, action: str, **kw: object) -> str | None:
        """Run one workflow step; returns a Chinese problem or None."""
        try:
            self._service.act(claim_no, action, **kw)  # type: ignore[arg-type]
        except (ServiceError, RulesError) as exc:  # RulesError: an amount the parser refused
            return str(exc)
        self.reload(select=claim_no)
        return None

    def _ask(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self, title, label, text=text)
        return value if ok else None

    def _ask_amount(self, title: str, label: str, default: Decimal, field: str) -> Decimal | None:
        """An amount read by the one strict parser; until it is a number the dialog says why."""
        text, problem = f"{default:.2f}", ""
        while True:
            shown = f"{problem}\n{label}" if problem else label
            answer = self._ask(title, shown, text)
            if answer is None:
                return None
            try:
                return parse_amount(answer, field=field)
            except InvalidAmount as exc:
                text, problem = answer, self.tr("{problem}，请重新输入。").format(problem=exc)

    def _on_action_clicked(self, action: str) -> None:
        no = self.selected_claim_no()
        if no is None:
            return
        row = self._queries.get(no).row
        kw: dict[str, object] = {}
        if action == "approve":
            label = self.tr("批准金额（不超过 {amount} 元）：").format(amount=fmt(row.amount))
            approved = self._ask_amount(self.tr("批准"), label, row.amount, "批准金额")
            if approved is None:
                return
            kw["amount"] = str(approved)
            if approved < row.amount:
                reason = self._ask(self.tr("批准"), self.tr("低于核定金额的原因："))
                if reason is None:
                    return
                kw["reason"] = reason
        elif action in ("reject", "return", "withdraw"):
            reason = self._ask(self.tr(dict(BUTTONS)[action]).rstrip("…"), self.tr("原因："))
            if reason is None:
                return
            kw["reason"] = reason
        elif action == "pay":
            self.pay_selected()
            return
        problem = self.act(no, action, **kw)
        if problem:
            self._tell(self.tr("理赔"), problem, error=True)

    def pay_selected(self) -> PaymentDialog | None:
        """登记支付 for the selected approved claim: the dialog proposes the account on file, the
        approved amount and today; the list is reloaded when the payment is recorded."""
        no = self.selected_claim_no()
        if no is None:
            return None
        try:
            proposal = self._payments.propose(no)
        except ServiceError as exc:
            self._tell(self.tr("登记支付"), str(exc), error=True)
            return None
        dialog = PaymentDialog(self._payments, proposal, self)
        dialog.accepted.connect(lambda: self.reload(select=no))
        dialog.finished.connect(lambda _r: setattr(self, "payer", None))
        self.payer = dialog
        dialog.open()
        return dialog

    def _intake(self) -> IntakeDialog:
        return IntakeDialog(
            self._service,
            RosterService(self._sessions, self._actor),
            EnrollmentService(self._sessions, self._actor),
            self,
            self._editing,
        )

    def _on_new_clicked(self) -> None:
        dialog = self._intake()
        if dialog.exec() and dialog.claim_no:
            self.reload(select=dialog.claim_no)

    def edit_selected(self) -> IntakeDialog | None:
        """Open the selected draft or returned claim for correction (window-modal; the list is
        reloaded when it is saved). Other claims are not opened."""
        no = self.selected_claim_no()
        if no is None or not self.edit_button.isEnabled():
            return None
        dialog = self._intake()
        try:
            dialog.load(no)
        except ServiceError as exc:
            self._tell(self.tr("理赔"), str(exc), error=True)
            return None
        dialog.accepted.connect(lambda: self.reload(select=no))
        dialog.finished.connect(lambda _r: setattr(self, "editor", None))
        self.editor = dialog
        dialog.open()
        return dialog

    def print_claims(self, claim_nos: list[str], out: Path) -> str | None:
        try:
            self._docs.print_forms(claim_nos, out)
        except (ServiceError, OSError, ValueError) as exc:
            return str(exc)
        return None

    def _on_print_clicked(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        nos = [self.model.row_at(r).claim_no for r in rows] or self._listed_claim_nos()
        if not nos:
            return
        more = self.tr("等{n}份").format(n=len(nos)) if len(nos) > 1 else ""
        name = proposed_name(self.tr("申请审核表"), nos[0] + more, suffix=".pdf")
        out = ask_pdf_path(self, self._sessions, self.tr("保存申请审核表"), name)
        if out:
            problem = self.print_claims(nos, out)
            done = self.tr("已生成 {n} 份申请审核表：{path}").format(n=len(nos), path=out)
            self._tell(self.tr("打印"), problem or done, error=bool(problem))
            if not problem:
                open_if_wanted(self._sessions, out, self)

    def _listed_claim_nos(self) -> list[str]:
        """Every claim number of the list as filtered and sorted (for printing them all)."""
        query = self.model.query
        return [str(v) for v in query.values(1)] if query is not None else []

    def _on_notice_clicked(self) -> None:
        no = self.selected_claim_no()
        if no is None:
            return
        name = proposed_name(self.tr("补件通知"), no, suffix=".pdf")
        out = ask_pdf_path(self, self._sessions, self.tr("保存补件通知"), name)
        if out:
            try:
                self._docs.print_notice(no, out)
            except (ServiceError, ValueError, OSError) as exc:
                self._tell(self.tr("补件通知"), str(exc), error=True)
                return
            open_if_wanted(self._sessions, out, self)
            self._tell(self.tr("补件通知"), self.tr("已保存为 PDF：{path}").format(path=out))

    def _on_payments_clicked(self) -> None:
        """The bank's list: before payment what is approved and unpaid, after it a day's payments."""
        due, day = self.tr("待支付清单（已批准未支付）"), self.tr("某日支付清单（已登记支付）")
        kind, ok = QInputDialog.getItem(
            self, self.tr("导出付款清单"), self.tr("清单："), [due, day], 0, False
        )
        if not ok:
            return
        on: dt.date | None = None
        if kind == day:
            text = self._ask(
                self.tr("导出付款清单"), self.tr("支付日期（YYYY-MM-DD）："), dt.date.today().isoformat()
            )
            if text is None:
                return
            try:
                on = dt.date.fromisoformat(text.strip())
            except ValueError:
                self._tell(
                    self.tr("付款清单"), self.tr("“{text}”不是 YYYY-MM-DD 日期").format(text=text), True
                )
                return
        name = (
            proposed_name(self.tr("付款清单"), suffix=".xlsx")
            if on is None
            else proposed_name(self.tr("支付清单"), suffix=".xlsx", day=on)
        )
        out = ask_save(self, self.tr("导出付款清单"), "xlsx", name, self.tr("Excel 文件 (*.xlsx)"))
        if out:
            self._tell(self.tr("付款清单"), self.export_payments(out, on))

    def export_payments(self, out: Path, paid_on: dt.date | None = None) -> str:
        """Write the bank's list (``paid_on``: that day's recorded payments); the message to show."""
        try:
            if paid_on is None:
                n = self._payments.export_due(out)
                return self.tr("已导出 {n} 笔待支付理赔到 {path}").format(n=n, path=out)
            n = self._payments.export_paid(out, paid_on)
        except (ServiceError, OSError) as exc:
            return str(exc)
        return self.tr("已导出 {date} 支付的 {n} 笔理赔到 {path}").format(date=paid_on, n=n, path=out)
