"""A plan the code has never seen, reusing a benefit kind under its own codes (issue 18 item 9):
an office adds the file, and a claim goes through it unchanged — intake fields, the decision, the
workflow, the form and the payment list — because what a kind needs lives with the kind."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claim_documents import ClaimDocuments
from app.services.claims import ClaimDraft, ClaimService
from app.services.errors import Conflict, ServiceError
from app.services.plans import PlanService
from app.ui.claims.intake_dialog import IntakeDialog
from tests.factories_claims import enrolled_member

PLAN = """
code = "shandong-2025-inpatient"
version = "2025-01-01"
name = "山东测试住院补贴计划"
source = "测试用：虚构的方案文件"
description = "住院每天补贴 30 元，每次最高 600 元。"
claim_employment = ["in_service"]

[enrollment]
age_min = 16
age_max = 60
employment = ["in_service"]
fee_per_person = 60.00

[benefits.stay_subsidy]
kind = "daily_allowance"
name = "住院补贴"
materials = ["出院小结", "身份证复印件"]
local_daily = 30.00
local_stay_cap = 600.00
remote_daily = 20.00
remote_stay_cap = 400.00
min_stay_days = 2
min_hospital_grade = 1
max_paid_per_period = 3
period_cap = 1500.00
min_payment = 0
"""
CODE, BENEFIT = "shandong-2025-inpatient", "stay_subsidy"


def test_a_new_plan_file_takes_a_claim_from_intake_to_payment(
    qtbot,
    sessions: SessionFactory,
    admin: Actor,
    clerk: Actor,
    auditor: Actor,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    plans = PlanService(sessions, admin)
    plan = plans.add_plan(PLAN, "shandong.toml")
    assert plan.benefit(BENEFIT).name == "住院补贴"
    with pytest.raises(Conflict):
        plans.add_plan(PLAN, "shandong.toml")  # the same version twice
    with pytest.raises(ServiceError, match="broken.toml"):
        plans.add_plan("code = ", "broken.toml")
    with pytest.raises(ServiceError):
        PlanService(sessions, clerk).add_plan(PLAN)  # plans are the administrator's

    _unit, mid = enrolled_member(sessions, clerk, plan=CODE, start=dt.date(2025, 1, 1))
    desk = ClaimService(sessions, clerk)
    facts = {
        "admission_date": "2025-03-01",
        "discharge_date": "2025-03-11",
        "local": True,
        "hospital_grade": "1",
    }
    draft = ClaimDraft(
        mid, CODE, BENEFIT, facts, dt.date(2025, 3, 20), materials_received=("出院小结", "身份证复印件")
    )
    assert desk.preview(draft).decision.amount == Decimal("300.00")  # 10 days × 30
    no = desk.create(draft)
    desk.act(no, "submit")
    office = ClaimService(sessions, auditor)
    office.act(no, "review")
    office.act(no, "audit", today=dt.date(2025, 3, 25))
    office.act(no, "approve")
    docs = ClaimDocuments(sessions, clerk)
    docs.print_forms([no], tmp_path / "form.pdf")
    text = re.sub(r"\s", "", "".join(p.extract_text() for p in PdfReader(tmp_path / "form.pdf").pages))
    assert "山东测试住院补贴计划" in text and "住院补贴" in text and "叁佰元整" in text
    assert docs.payment_list(tmp_path / "pay.xlsx") == 1
    desk.act(no, "pay", account="6217000010001234567")

    dialog = IntakeDialog(ClaimService(sessions, clerk), *_roster_and_enrollment(sessions, clerk))
    qtbot.addWidget(dialog)
    dialog.find.setText("张三")
    dialog.plan.setCurrentIndex(dialog.plan.findData(CODE))
    assert dialog.benefit.findData(BENEFIT) >= 0
    dialog.benefit.setCurrentIndex(dialog.benefit.findData(BENEFIT))
    assert set(dialog._fields) == {"admission_date", "discharge_date", "local", "hospital_grade"}


def _roster_and_enrollment(sessions: SessionFactory, clerk: Actor):  # type: ignore[no-untyped-def]
    from app.services.enrollment import EnrollmentService
    from app.services.roster import RosterService

    return RosterService(sessions, clerk), EnrollmentService(sessions, clerk)


def test_plan_add_headless(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main
    from tests.cli_helpers import demo, login

    db = f"sqlite:///{tmp_path / 'a.db'}"
    assert main(["--db", db, *demo(tmp_path), "--units", "1", "--members", "2"]) == 0
    plan_file = tmp_path / "shandong.toml"
    plan_file.write_text(PLAN, encoding="utf-8")
    assert main(["--db", db, *login(tmp_path, "admin"), "plan", "add", str(plan_file)]) == 0
    assert "已导入方案 山东测试住院补贴计划" in capsys.readouterr().out
    assert main(["--db", db, *login(tmp_path, "admin"), "plan", "add", str(plan_file)]) == 2
    assert "已有" in capsys.readouterr().err
    (tmp_path / "bad.toml").write_bytes(b"\xff\xfe code")
    assert main(["--db", db, *login(tmp_path, "admin"), "plan", "add", str(tmp_path / "bad.toml")]) == 2
    assert "不是 UTF-8" in capsys.readouterr().err


def test_plan_file_imported_in_the_plans_tab(
    qtbot, sessions: SessionFactory, admin: Actor, clerk: Actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from app.ui.plans.plans_tab import PlansTab

    tab = PlansTab(sessions, admin)
    qtbot.addWidget(tab)
    plan_file = tmp_path / "shandong.toml"
    plan_file.write_text(PLAN, encoding="utf-8")
    assert tab.add_plan_file(plan_file) is None
    assert tab.current_plan() is not None and tab.current_plan().code == CODE
    assert "已有" in (tab.add_plan_file(plan_file) or "")
    clerks = PlansTab(sessions, clerk)
    qtbot.addWidget(clerks)
    assert not clerks.add_button.isEnabled()


def test_days_paid_under_one_plan_are_not_paid_again_under_another(
    sessions: SessionFactory, admin: Actor, clerk: Actor, auditor: Actor
) -> None:
    """Issue 12 item 5, across plans: a member in two plans that pay per hospital day is paid
    once for the same days (overlapping_stay, naming the earlier claim)."""
    from app.services.enrollment import EnrollmentService
    from app.services.periods import PeriodService
    from tests.factories_claims import hospital_stay

    PlanService(sessions, admin).add_plan(PLAN.replace("2025-01-01", "2020-01-01"), "shandong.toml")
    uid, mid = enrolled_member(sessions, clerk)  # Jilin, from 2020-02-01
    period = PeriodService(sessions, clerk).create(CODE, 1, dt.date(2020, 2, 1), dt.date(2021, 1, 31), "60")
    EnrollmentService(sessions, clerk).enroll(
        uid, period.id, [mid], dt.date(2020, 2, 1), as_of=dt.date(2020, 2, 1)
    )
    desk, office = ClaimService(sessions, clerk), ClaimService(sessions, auditor)
    jilin = desk.create(hospital_stay(mid))  # 2020-05-01 to 05-11, paid
    desk.act(jilin, "submit")
    office.act(jilin, "review")
    office.act(jilin, "audit", today=dt.date(2020, 5, 29))
    office.act(jilin, "approve")
    desk.act(jilin, "pay", account="6217000010001234567")
    facts = {
        "admission_date": "2020-05-03",
        "discharge_date": "2020-05-08",
        "local": True,
        "hospital_grade": "1",
    }
    again = ClaimDraft(
        mid, CODE, BENEFIT, facts, dt.date(2020, 5, 20), materials_received=("出院小结", "身份证复印件")
    )
    decision = desk.preview(again).decision
    assert decision.amount == Decimal("0.00") and "overlapping_stay" in decision.reason_codes
    assert any(jilin in line for line in decision.trace)
