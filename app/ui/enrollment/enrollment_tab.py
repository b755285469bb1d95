"""参保缴费 tab: pick plan, period and unit; see every member's eligibility and the unit's
findings live; enroll, cancel, renew; record payments; print the forms; export the USB batch.

The tab holds the choice (plan, period, unit, dates), the grid and the overview, and new periods;
enroll/cancel/renew are app.ui.enrollment.enrollment_roll, payments enrollment_payments, the
printed forms and the batch enrollment_papers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models.db import SessionFactory
from app.rules.money import fmt
from app.services.auth import Actor
from app.services.enrollment import EnrollmentService, Overview, default_effective
from app.services.enrollment_figures import figures_of
from app.services.enrollment_pages import EnrollmentPages
from app.services.errors import ServiceError
from app.services.periods import PeriodInfo, PeriodService
from app.services.plans import PlanService
from app.services.roster import RosterService
from app.ui import view_state
from app.ui.enrollment.dialogs import PeriodDialog, date_edit, to_date
from app.ui.enrollment.enrollment_papers import EnrollmentPapers
from app.ui.enrollment.enrollment_payments import EnrollmentPayments
from app.ui.enrollment.enrollment_roll import EnrollmentRoll
from app.ui.enrollment.member_model import EnrollmentMemberModel
from app.ui.forms import error_text
from app.ui.table_columns import TableColumns


def _as_int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


class EnrollmentTab(QWidget):
    sig_overview_changed = Signal(object)
    """The shown unit/period was recomputed; carries the new Overview."""
    sig_undoable = Signal(str, object)
    """(what was done, how to take it back): for the window's 撤销 (issue 18 item 3)."""
    sig_export_finished = Signal(object)
    """A batch export ended: carries the batch folder, or the exception that stopped it."""

    def __init__(self, sessions: SessionFactory, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._actor = actor
        self._enrollment = EnrollmentService(sessions, actor)
        self._periods = PeriodService(sessions, actor)
        self._catalogue = PlanService(sessions, actor).catalogue()
        self._plans = self._catalogue.plans()
        self._pages = EnrollmentPages(sessions)
        self._period_list: list[PeriodInfo] = []
        self.overview_data: Overview | None = None
        self.quiet = False
        self._restoring = False

        self.plan = QComboBox()
        for p in self._plans:
            self.plan.addItem(p.name, p.code)
        self.period = QComboBox()
        self.new_period = QPushButton(self.tr("新建期数…"))
        self.unit = QComboBox()
        self.unit.setMinimumWidth(220)
        self.as_of = date_edit(dt.date.today())
        self.effective = date_edit(dt.date.today())
        self.as_of.setToolTip(self.tr("日期格式 YYYY-MM-DD；办理日期，判断是否在收缴期内"))
        self.effective.setToolTip(
            self.tr("日期格式 YYYY-MM-DD；须在所选保障期内；按此日期计算年龄、判断参保资格")
        )
        self.refresh = QPushButton(self.tr("刷新"))
        top = QGridLayout()
        for col, (label, widget) in enumerate(
            ((self.tr("方案："), self.plan), (self.tr("期数："), self.period), (self.tr("单位："), self.unit))
        ):
            top.addWidget(QLabel(label), 0, col * 2)
            top.addWidget(widget, 0, col * 2 + 1)
        top.addWidget(self.new_period, 0, 6)
        top.addWidget(QLabel(self.tr("办理日期：")), 1, 0)
        top.addWidget(self.as_of, 1, 1)
        top.addWidget(QLabel(self.tr("生效日期：")), 1, 2)
        top.addWidget(self.effective, 1, 3)
        top.addWidget(self.refresh, 1, 6)

        self.model = EnrollmentMemberModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # in SQL, a page at a time (app.services.enrollment_pages)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in ((0, 46), (1, 80), (2, 165), (3, 40), (4, 40), (5, 70), (6, 260)):
            self.table.setColumnWidth(col, width)
        self.columns = TableColumns(self.table, actor.username, "enrollment", wide=("eligibility",))
        self.enroll_all = QPushButton(self.tr("全部符合条件者参保(&A)"))
        self.enroll_checked = QPushButton(self.tr("所选人员参保(&S)"))
        self.cancel_button = QPushButton(self.tr("取消参保(&C)…"))
        self.renew_button = QPushButton(self.tr("续保上期(&R)"))
        actions = QHBoxLayout()
        for b in (self.enroll_all, self.enroll_checked, self.cancel_button, self.renew_button):
            actions.addWidget(b)
        actions.addStretch()

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        self.payments = QLabel()
        self.payments.setWordWrap(True)
        self.pay_button = QPushButton(self.tr("登记缴费(&P)…"))
        self.void_button = QPushButton(self.tr("作废或更正缴费…"))
        self.void_button.setToolTip(self.tr("登记错的缴费作废（保留记录和原因，不再计入已缴）；更正即作废后重新登记"))
        self.print_application = QPushButton(self.tr("打印团体申请表…"))
        self.print_roster = QPushButton(self.tr("打印人员手册…"))
        self.export_button = QPushButton(self.tr("导出上报批次(&B)…"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Excel 加密密码（可不填）"))
        self.password.setToolTip(self.tr("可不填；填写后，上报批次中的 Excel 文件以此密码加密"))

        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox(self.tr("参保情况"))
        bl = QVBoxLayout(box)
        bl.addWidget(self.summary)
        bl.addWidget(QLabel(self.tr("检查结果：")))
        bl.addWidget(self.findings)
        sl.addWidget(box, 2)
        pay = QGroupBox(self.tr("缴费"))
        pl = QVBoxLayout(pay)
        pl.addWidget(self.payments)
        pl.addWidget(self.pay_button)
        pl.addWidget(self.void_button)
        sl.addWidget(pay, 1)
        out = QGroupBox(self.tr("打印与上报"))
        ol = QVBoxLayout(out)
        for w in (self.print_application, self.print_roster, self.password, self.export_button):
            ol.addWidget(w)
        sl.addWidget(out)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.table)
        ll.addLayout(actions)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter)

        writable = actor.can("enrollment.write")
        for b in (
            self.new_period,
            self.enroll_all,
            self.enroll_checked,
            self.cancel_button,
            self.renew_button,
            self.pay_button,
            self.void_button,
            self.export_button,
        ):
            b.setEnabled(writable)

        self.plan.currentIndexChanged.connect(self._on_plan_changed)
        self.period.currentIndexChanged.connect(self._on_period_changed)
        self.unit.currentIndexChanged.connect(lambda _i: self.reload())
        self.as_of.dateChanged.connect(lambda _d: self.reload())
        self.effective.dateChanged.connect(lambda _d: self.reload())
        self.refresh.clicked.connect(self.reload_units)
        self.new_period.clicked.connect(self._on_new_period_clicked)
        self.roll = EnrollmentRoll(self)
        self.enroll_all.clicked.connect(self.roll._on_enroll_all_clicked)
        self.enroll_checked.clicked.connect(self.roll._on_enroll_checked_clicked)
        self.cancel_button.clicked.connect(self.roll._on_cancel_clicked)
        self.renew_button.clicked.connect(self.roll._on_renew_clicked)
        self.paying = EnrollmentPayments(self)
        self.pay_button.clicked.connect(self.paying._on_pay_clicked)
        self.void_button.clicked.connect(self.paying._on_void_clicked)
        self.papers = EnrollmentPapers(self)
        self.print_application.clicked.connect(lambda: self.papers._on_print_clicked("application"))
        self.print_roster.clicked.connect(lambda: self.papers._on_print_clicked("roster"))
        self.export_button.clicked.connect(self.papers._on_export_clicked)
        self.reload_units()
        # Where the clerk left off (方案 would otherwise reset to the first plan, which may have no periods).
        remembered = self.plan.findData(view_state.recall(actor.username, "enrollment/plan"))
        if remembered >= 0:
            self.plan.blockSignals(True)
            self.plan.setCurrentIndex(remembered)
            self.plan.blockSignals(False)
        unit = self.unit.findData(_as_int(view_state.recall(actor.username, "enrollment/unit")))
        if unit >= 0:
            self.unit.blockSignals(True)
            self.unit.setCurrentIndex(unit)
            self.unit.blockSignals(False)
        self._restoring = True
        self._on_plan_changed()
        self._restoring = False
        self.plan.currentIndexChanged.connect(self._keep_choice)
        self.period.currentIndexChanged.connect(self._keep_choice)
        self.unit.currentIndexChanged.connect(self._keep_choice)

    def _keep_choice(self, *_args: object) -> None:
        user = self._actor.username
        view_state.keep(user, "enrollment/plan", self.plan.currentData())
        view_state.keep(user, "enrollment/period", self.period.currentData())
        view_state.keep(user, "enrollment/unit", self.unit.currentData())

    # -- selection -------------------------------------------------------------------------
    def select(self, plan_code: str, period_id: int | None = None, unit_id: int | None = None) -> None:
        self.plan.setCurrentIndex(self.plan.findData(plan_code))
        if period_id is not None:
            self.period.setCurrentIndex(self.period.findData(period_id))
        if unit_id is not None:
            self.unit.setCurrentIndex(self.unit.findData(unit_id))
        self.reload()

    def reload_units(self) -> None:
        self.reload_units_quietly()
        self.reload()

    def _on_plan_changed(self, *_args: object) -> None:
        kept = None
        if self._restoring:
            kept = _as_int(view_state.recall(self._actor.username, "enrollment/period"))
        self._fill_periods(kept)
        self._on_period_changed()

    def _fill_periods(self, keep: int | None) -> None:
        """The plan's periods, choosing ``keep`` if it is one of them, else the newest."""
        code = self.plan.currentData()
        self._period_list = self._periods.list(code) if code else []
        self.period.blockSignals(True)
        self.period.clear()
        for p in self._period_list:
            label = self.tr("第 {number} 期（{start} 至 {end}）").format(
                number=p.number, start=p.start.isoformat(), end=p.end.isoformat()
            )
            self.period.addItem(label, p.id)
        remembered = self.period.findData(keep) if keep is not None else -1
        self.period.setCurrentIndex(remembered if remembered >= 0 else len(self._period_list) - 1)
        self.period.blockSignals(False)

    def show_changes(self) -> None:
        """Units, periods or enrollments changed elsewhere: read them again, keeping what is chosen
        (and the effective date typed, unless the chosen period is gone)."""
        keep = self.period.currentData()
        self._fill_periods(keep)
        if self.period.currentData() != keep:
            self.reload_units_quietly()
            self._on_period_changed()
            return
        self.reload_units()

    def reload_units_quietly(self) -> None:
        """The unit list again without reading the grid (the caller does)."""
        keep = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        for u in RosterService(self._sessions, self._actor).list_units():
            self.unit.addItem(f"{u.name}（{u.code}）", u.id)
        if keep is not None and self.unit.findData(keep) >= 0:
            self.unit.setCurrentIndex(self.unit.findData(keep))
        self.unit.blockSignals(False)

    def _on_period_changed(self, *_args: object) -> None:
        """生效日期 follows the period: the later of its start and the processing date, within it
        (a period starting next January is not enrolled from today)."""
        period = self.chosen_period()
        if period is not None:
            day = default_effective(period, to_date(self.as_of))  # type: ignore[arg-type]
            self.effective.blockSignals(True)
            self.effective.setDate(QDate(day.year, day.month, day.day))
            self.effective.blockSignals(False)
        self.reload()

    def current_ids(self) -> tuple[int | None, int | None]:
        return self.unit.currentData(), self.period.currentData()

    def chosen_period(self) -> PeriodInfo | None:
        return next((p for p in self._period_list if p.id == self.period.currentData()), None)

    def previous_period(self) -> PeriodInfo | None:
        """The one before the chosen period in the plan's list (续保上期 renews from it)."""
        index = self.period.currentIndex()
        return self._period_list[index - 1] if index >= 1 else None

    def reload(self) -> None:
        unit_id, period_id = self.current_ids()
        if unit_id is None or period_id is None:
            self.model.set_view(None)
            self.overview_data = None
            self.summary.setText(self.tr("请选择方案、期数和单位。没有期数时先点“新建期数…”。"))
            self.findings.clear()
            self.paying.clear()
            return
        as_of, effective = to_date(self.as_of), to_date(self.effective)
        # Eligibility is judged on the effective date (按参保日期计算), the same day enrolling uses.
        ov = self._enrollment.overview(unit_id, period_id, as_of, effective)
        self.overview_data = ov
        fig = figures_of(self._sessions, ov)
        period = self.chosen_period()
        plan = self._catalogue.get(ov.plan_code, period.start if period else as_of)
        self.model.set_context(plan, effective)
        self.model.set_view(lambda sort, descending: self._pages.query(unit_id, period_id, sort, descending))
        self.summary.setText(
            self.tr(
                "会员 {members} 人，符合条件 {eligible} 人，已参保 {enrolled} 人；"
                "参保率（参加÷符合条件）{rule_rate}，参加人数占会员总数比例 {member_rate}。"
                "缴费标准 {fee} 元，补助 {subsidy} 元/人，每人缴 {pays} 元 × 缴费 {payers} 人"
                "（免缴 {free} 人）= 单位应缴 {payable} 元。"
            ).format(
                members=fig.members,
                eligible=fig.eligible,
                enrolled=fig.enrolled,
                rule_rate=fig.rule_rate,
                member_rate=fig.member_rate,
                fee=fmt(fig.fee.per_person),
                subsidy=fmt(fig.fee.subsidy),
                pays=fmt(fig.fee.member_pays),
                payers=fig.fee.payers,
                free=fig.fee.free,
                payable=fmt(fig.fee.payable),
            )
        )
        self.findings.clear()
        if ov.findings:
            self.findings.addItems([f.message for f in ov.findings])
        else:
            self.findings.addItem(self.tr("符合本计划的全部参保规定"))
        self.paying.show(unit_id, period_id, ov)
        self.sig_overview_changed.emit(ov)

    def _tell(self, title: str, text: str, error: bool = False) -> None:
        if not self.quiet:
            (QMessageBox.warning if error else QMessageBox.information)(self, title, text)

    # -- actions (public ones return a Chinese problem or None, for the buttons and the tests) --
    def create_period(self, values: dict[str, object]) -> str | None:
        try:
            info = self._periods.create(self.plan.currentData(), **values)  # type: ignore[arg-type]
        except ServiceError as exc:
            return error_text(exc)
        self._on_plan_changed()
        self.period.setCurrentIndex(self.period.findData(info.id))
        return None

    def _on_new_period_clicked(self) -> None:
        plan = next((p for p in self._plans if p.code == self.plan.currentData()), None)
        if plan is None:
            return
        last = self._period_list[-1] if self._period_list else None
        start = last.end + dt.timedelta(days=1) if last else dt.date.today()
        fee = f"{plan.enrollment.fee_per_person:.2f}"
        PeriodDialog(self, self.create_period, (last.number + 1) if last else 1, fee, start).exec()

    # -- enroll, cancel, renew (app.ui.enrollment.enrollment_roll) --------------------------------
    def enroll_members(self, member_ids: list[int] | None) -> str | None:
        """Enroll the given members, or (None) every eligible one not yet enrolled."""
        return self.roll.enroll_members(member_ids)

    def cancel_enrollment(self, member_id: int, reason: str) -> str | None:
        return self.roll.cancel_enrollment(member_id, reason)

    def renew(self) -> str:
        return self.roll.renew()

    # -- payments (app.ui.enrollment.enrollment_payments) ---------------------------------------
    def record_payment(self, values: dict[str, object]) -> str | None:
        return self.paying.record_payment(values)

    def void_payment(self, payment_id: int, reason: str) -> str | None:
        return self.paying.void_payment(payment_id, reason)

    def _on_void_clicked(self) -> None:
        self.paying._on_void_clicked()

    # -- printing and batches (app.ui.enrollment.enrollment_papers) ------------------------------
    def print_to(self, kind: str, path: Path) -> str | None:
        return self.papers.print_to(kind, path)

    def _on_print_clicked(self, kind: str) -> None:
        self.papers._on_print_clicked(kind)

    def export_batch(self, out_dir: Path, password: str | None = None) -> None:
        self.papers.export_batch(out_dir, password)
