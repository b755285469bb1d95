"""The 参保缴费, 理赔, 保障计划 and 统计 tabs and their dialogs in English: no Chinese left in the
window's own text, and the .ts files of these areas fully and consistently translated.

Data stays Chinese by design (member, unit, plan, benefit and material names; the rules' reasons),
so the checks look at the window's static texts, not at table cells or the rules' output.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QPushButton

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claim_fields import CAUSE_CHOICES, FIELDS, REASON_CHOICES
from app.services.claims import STATUS_LABELS, ClaimService
from app.services.contributions import METHODS
from app.services.enrollment import EnrollmentService
from app.services.plan_labels import KEY_LABELS, KIND_LABELS, SECTION_LABELS
from app.services.roster import RosterService
from app.services.roster_types import EMPLOYMENT_LABELS, RELATION_LABELS
from app.ui.claims.claims_tab import ClaimsTab
from app.ui.claims.intake_dialog import IntakeDialog
from app.ui.enrollment.dialogs import PaymentDialog, PeriodDialog
from app.ui.enrollment.enrollment_tab import EnrollmentTab
from app.ui.plans.plans_tab import PlansTab
from app.ui.stats.stats_tab import StatsTab
from tests import factories
from tests.factories_claims import JILIN
from tests.services.test_statistics import TODAY, build_office
from tests.ui.i18n_helpers import CJK, TS_DIR, english, ts_problems, untranslated_texts  # noqa: F401

AREAS = ("enrollment", "claims", "plans", "stats")
pytestmark = pytest.mark.usefixtures("english")


def has_cjk(text: str) -> bool:
    return bool(CJK.search(text))


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


# -- the tabs and their dialogs ------------------------------------------------------------------
@pytest.fixture
def enrollment_tab(qtbot, sessions: SessionFactory, clerk: Actor) -> EnrollmentTab:  # type: ignore[no-untyped-def]
    roster = RosterService(sessions, clerk)
    uid = factories.unit(roster, "JL01", "长春市第一汽车配件厂")
    for i, name in enumerate(("赵一", "钱二")):
        factories.member(roster, uid, name, factories.id_number(dt.date(1980, 1, 1 + i)))
    factories.member(roster, uid, "退休周", factories.id_number(dt.date(1955, 1, 1)), employment="retired")
    tab = EnrollmentTab(sessions, clerk)
    tab.quiet = True
    qtbot.addWidget(tab)
    tab.select(JILIN, unit_id=uid)
    tab.as_of.setDate(QDate(2020, 2, 1))
    tab.effective.setDate(QDate(2020, 2, 1))
    period = {
        "number": 1,
        "start": dt.date(2020, 2, 1),
        "end": dt.date(2021, 1, 31),
        "collect_from": dt.date(2020, 1, 8),
        "collect_to": dt.date(2020, 2, 20),
        "fee": "110",
    }
    assert tab.create_period(period) is None
    return tab


def test_enrollment_tab_is_english(enrollment_tab: EnrollmentTab) -> None:
    tab = enrollment_tab
    assert tab.enroll_members(None) is None
    assert tab.record_payment(
        {"amount": "220", "method": "cash", "paid_on": dt.date(2020, 2, 10), "receipt_no": "R1"}
    ) is None  # fmt: skip
    assert untranslated_texts(tab) == []
    for text in (tab.summary.text(), tab.payments.text(), tab.period.currentText()):
        assert not has_cjk(text), text
    model = tab.model
    shown = [model.index(r, c).data() for r in range(model.rowCount()) for c in (3, 5, 7)]
    assert shown and not [t for t in shown if has_cjk(t)]
    eligibility = [model.index(r, 6).data() for r in range(model.rowCount())]
    assert "Eligible" in eligibility and any(t.startswith("Not eligible: ") for t in eligibility)


def test_enrollment_dialogs_are_english(enrollment_tab: EnrollmentTab, qtbot) -> None:  # type: ignore[no-untyped-def]
    payment = PaymentDialog(enrollment_tab, enrollment_tab.record_payment, "220.00")
    period = PeriodDialog(enrollment_tab, enrollment_tab.create_period, 2, "110.00", dt.date(2021, 2, 1))
    for dialog in (payment, period):
        qtbot.addWidget(dialog)
        assert untranslated_texts(dialog) == []
    methods = [payment.method.itemText(i) for i in range(payment.method.count())]
    assert methods == ["Cheque (forward)", "Cheque (reverse)", "Cash", "Transfer"]
    # Fields with a rule say it.
    for widget in (payment.amount, payment.paid_on, payment.unit_part, period.fee, period.end):
        assert widget.toolTip() and not has_cjk(widget.toolTip())


@pytest.fixture
def office(sessions: SessionFactory, clerk: Actor, auditor: Actor) -> dict[str, int]:
    return build_office(sessions, clerk, auditor)


def test_claims_tab_is_english(qtbot, sessions: SessionFactory, auditor: Actor, office) -> None:  # type: ignore[no-untyped-def]
    tab = ClaimsTab(sessions, auditor)
    tab.quiet = True
    qtbot.addWidget(tab)
    assert tab.model.rowCount() >= 7
    tab.table.selectRow(0)
    assert untranslated_texts(tab) == []
    statuses = [tab.status.itemText(i) for i in range(tab.status.count())]
    assert statuses[0] == "All statuses" and not [s for s in statuses if has_cjk(s)]
    column = [tab.model.index(r, 8).data() for r in range(tab.model.rowCount())]
    assert not [s for s in column if has_cjk(s)]
    assert not has_cjk(tab.overdue.text())
    detail = tab.detail.toPlainText()
    for heading in ("Computation:", "Materials:", "Steps taken:", "beneficiary:"):
        assert heading in detail


def test_intake_dialog_is_english_for_every_benefit(
    qtbot, sessions: SessionFactory, clerk: Actor, office
) -> None:  # type: ignore[no-untyped-def]
    dialog = IntakeDialog(
        ClaimService(sessions, clerk), RosterService(sessions, clerk), EnrollmentService(sessions, clerk)
    )
    qtbot.addWidget(dialog)
    dialog.find.setText("张三")
    assert dialog.member.count() == 1
    plans = dialog._catalogue.plans()
    # The plan files' names of materials are data, shown as written (and replaced ones linger
    # until Qt's deferred delete runs).
    materials = {name for plan in plans for b in plan.benefits.values() for name in b.materials}
    # Every plan's every benefit, so every kind of fact form is built once.
    for plan in plans:
        if dialog.plan.findData(plan.code) < 0:
            dialog.plan.addItem(plan.name, plan.code)
        dialog.plan.setCurrentIndex(dialog.plan.findData(plan.code))
        for benefit in plan.benefits.values():
            dialog.benefit.setCurrentIndex(dialog.benefit.findData(benefit.code))
            assert untranslated_texts(dialog, allowed=materials) == [], (plan.code, benefit.code)
    dialog.recompute()  # the services' Chinese list of empty fields follows the English lead-in
    assert "Not complete yet: " in dialog.result.text()


def test_plans_tab_is_english(qtbot, sessions: SessionFactory, admin: Actor, clerk: Actor) -> None:  # type: ignore[no-untyped-def]
    for actor in (admin, clerk):  # the change button's tooltip differs
        tab = PlansTab(sessions, actor)
        qtbot.addWidget(tab)
        tab.only_pending.setChecked(True)
        assert untranslated_texts(tab) == []
        assert tab.figures.rowCount() and tab.figures.item(0, 3).text() == "To be confirmed"
        tab.only_pending.setChecked(False)
        sections = {tab.figures.item(r, 0).text() for r in range(tab.figures.rowCount())}
        assert "Enrollment rules" in sections
        assert not has_cjk(tab.history.text())


def test_stats_tab_is_english(qtbot, sessions: SessionFactory, clerk: Actor, office) -> None:  # type: ignore[no-untyped-def]
    tab = StatsTab(sessions, clerk)
    tab.quiet = True
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.sig_refreshed):
        tab.refresh(TODAY)
    with qtbot.waitSignal(tab.sig_refreshed):
        tab.plan.setCurrentIndex(tab.plan.findData(JILIN))
    assert untranslated_texts(tab) == []
    for label in (tab.stamp, tab.due_title, tab.due_summary):
        assert not has_cjk(label.text()), label.text()
    for key in ("benefits", "enrollments", "claims"):
        chart = tab.charts[key]
        assert not has_cjk(chart.title + chart.y_label), key
    assert tab.charts["claims"].categories == ["Draft", "Submitted", "Approved", "Paid"]
    participation = tab.charts["participation"]
    assert participation.title.startswith("Enrolled share of union members by unit, ") and re.search(
        r"period \d+$", participation.title
    )
    assert participation.series[0][0] == "Share of union members"
    due = tab.due_model
    cells = [due.index(r, 5).data() for r in range(due.rowCount())]
    assert cells and not [c for c in cells if has_cjk(c)]
    # The exported sheet is reported upward: it stays Chinese.
    assert tab.table_of("payments")[0] == "本周应付理赔"


def test_a_missing_tr_is_caught(enrollment_tab: EnrollmentTab) -> None:
    """The checks above can fail: a button whose text skipped tr() shows up."""
    enrollment_tab.layout().addWidget(QPushButton("未翻译的按钮"))
    assert untranslated_texts(enrollment_tab) == ["QPushButton text: 未翻译的按钮"]


# -- labels the services own, shown translated -----------------------------------------------------
def test_service_labels_shown_in_these_tabs_are_translated() -> None:
    """A label added to a service's table and not to the UI's list would show Chinese: caught here."""
    for label in METHODS.values():
        assert not has_cjk(tr("PaymentMethod", label)), label
    for label in STATUS_LABELS.values():
        assert not has_cjk(tr("ClaimStatus", label)), label
    for label in EMPLOYMENT_LABELS.values():
        assert not has_cjk(tr("EnrollmentMemberModel", label)), label
    texts = {f.label for specs in FIELDS.values() for f in specs} | {
        f.hint for specs in FIELDS.values() for f in specs if f.hint
    }
    texts |= {label for specs in FIELDS.values() for f in specs for _v, label in f.choices}
    texts |= {label for _v, label in CAUSE_CHOICES + REASON_CHOICES} | set(RELATION_LABELS.values())
    assert texts
    for text in texts:
        assert not has_cjk(tr("ClaimFields", text)), text
    for label in (*KEY_LABELS.values(), *KIND_LABELS.values(), *SECTION_LABELS.values()):
        assert not has_cjk(tr("PlanTerms", label)), label


# -- the .ts files -------------------------------------------------------------------------------
@pytest.mark.parametrize("area", AREAS)
def test_ts_file_is_fully_translated(area: str) -> None:
    path = TS_DIR / f"{area}.ts"
    assert ET.parse(path).getroot().findall("context/message"), area
    assert ts_problems(path) == []


def test_ts_check_can_fail(tmp_path: Path) -> None:
    """An unfinished message, a lost placeholder and a lost accelerator are each reported."""
    bad = tmp_path / "bad.ts"
    bad.write_text(
        '<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="en"><context><name>X</name>'
        '<message><source>刷新</source><translation type="unfinished"></translation></message>'
        "<message><source>共 {n} 人</source><translation>people</translation></message>"
        "<message><source>刷新(&amp;R)</source><translation>Refresh</translation></message>"
        "</context></TS>",
        encoding="utf-8",
    )
    assert len(ts_problems(bad)) == 3
