"""Plans the code has never seen that copy shipped ones under new codes (issue 18 item 9): what a
benefit and a plan declare — the form, the Beijing claim type, causes, reasons, the extra materials,
a deductible per stay — makes a claim on the copy go exactly as on the original: the intake asks
the same facts, the rules decide the same amount, the same form layout is printed, and the payment
is proposed to the same account."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claim_decisions import ClaimDraft
from app.services.claim_documents import ClaimDocuments
from app.services.claim_fields import specs_of
from app.services.claims import ClaimService
from app.services.errors import ServiceError
from app.services.payments import Payments
from app.services.plans import PlanService
from app.services.roster import FamilyDraft, RosterService
from tests import factories
from tests.factories_claims import RELIEF, WEIHAI, enrolled_member

D = dt.date
MEDICAL = "beijing-inservice-medical"

# A copy of the Weihai plan: same kind and figures, its own codes, the Weihai form declared.
TESTCITY = """
code = "testcity-2027"
version = "2012-03-01"
name = "测试市职工补充医疗互助计划"
claim_employment = ["in_service"]
form = "weihai"

[enrollment]
employment = ["in_service"]
union_member_required = true
basic_medical_insurance_required = true
max_shares = 1
fee_per_person = 36.00

[benefits.supplement]
kind = "banded_cumulative"
name = "补充医疗互助金"
materials = ["医疗费收据", "会员身份证复印件"]
period_cap = 50000.00
max_claims_per_period = 4

[[benefits.supplement.bands]]
from = 10000.00
to = 40000.00
rate = 0.80

[[benefits.supplement.bands]]
from = 40000.00
rate = 0.90
"""
# A copy of Beijing's relief activity: the same three relief_cap benefits under new codes, each
# declaring its causes, the condolence its reasons, the member's two the materials for a deceased member.
TESTCITY_RELIEF = """
code = "testcity-relief-2027"
version = "2019-01-01"
name = "测试市困难职工救助慰问"
claim_employment = []
covered_by = "fee_based_plans"
one_benefit_per_event = true
form = "general"

[benefits.aid]
kind = "relief_cap"
name = "救助金"
causes = ["critical_illness", "accident"]
threshold = 200000.00
cap = 70000.00
double_for = ["model_worker", "hardship"]
apply_within_years = 1
materials = ["单位情况说明"]
materials_if_member_deceased = ["受救助人身份证复印件"]

[benefits.sympathy]
kind = "relief_cap"
name = "慰问金"
causes = ["critical_illness", "accident"]
reasons = ["waiting_period", "outside_scope"]
min_consecutive_years_outside_scope = 2
threshold = 200000.00
cap = 55000.00
double_for = ["model_worker", "hardship"]
apply_within_years = 1
materials = ["单位情况说明"]
materials_if_member_deceased = ["受救助人身份证复印件"]

[benefits.family_relief]
kind = "relief_cap"
name = "家属爱心慰问金"
relations = ["spouse", "child"]
causes = ["long_term_illness", "accident_disability"]
threshold = 200000.00
cap = 50000.00
double_for = ["model_worker", "hardship"]
apply_within_years = 1
materials = ["单位情况说明", "关系证明"]
"""
# A copy of Beijing's in-service medical plan: the Beijing form, each benefit its box on it.
TESTCITY_MEDICAL = """
code = "testcity-medical-2027"
version = "2012-05-01"
name = "测试市在职职工医疗互助"
claim_employment = ["in_service"]
form = "beijing-medical"

[enrollment]
employment = ["in_service"]
basic_medical_insurance_required = true
max_shares = 1
fee_per_person = 60.00
free_when = ["unit_remits_union_funds", "member_has_jingka"]

[benefits.clinic]
kind = "deductible_proportion"
name = "门诊互助金"
claim_type = "outpatient"
materials = ["门诊收据复印件"]
period_kind = "quarter"
claim_from_day = 21
deductible_scope = "year"
deductible = 1800.00
proportion = 0.20
annual_cap = 100653.00
annual_cap_benefits = ["clinic", "ward"]

[benefits.ward]
kind = "deductible_proportion"
name = "住院互助金"
claim_type = "inpatient"
materials = ["住院费用清单复印件"]
period_kind = "month"
claim_from_day = 21
deductible_scope = "claim"
deductible = 1300.00
later_deductible = 650.00
proportion = 0.20
annual_cap = 100653.00
annual_cap_benefits = ["clinic", "ward"]
"""


def _shape(plan_code: str, benefit: str, service: ClaimService) -> list[tuple[object, ...]]:
    plan = service.catalogue.get(plan_code)
    return [(f.name, f.label, f.type, f.choices, f.required, f.hint) for f in specs_of(plan, benefit)]


def _offered(
    qtbot: Any, sessions: SessionFactory, clerk: Actor, member: str, plan: str, benefit: str
) -> list[tuple[str, str, list[object]]]:
    """What the intake dialog asks for the member's claim on the plan's benefit: each fact's widget
    and, for a list, the values it offers."""
    from PySide6.QtWidgets import QComboBox

    from app.services.enrollment import EnrollmentService
    from app.ui.claims.intake_dialog import IntakeDialog

    service = ClaimService(sessions, clerk)
    dialog = IntakeDialog(service, RosterService(sessions, clerk), EnrollmentService(sessions, clerk))
    qtbot.addWidget(dialog)
    dialog.find.setText(member)
    dialog.plan.setCurrentIndex(dialog.plan.findData(plan))
    dialog.benefit.setCurrentIndex(dialog.benefit.findData(benefit))
    assert dialog.benefit.currentData() == benefit
    return [
        (
            name,
            type(w).__name__,
            [w.itemData(i) for i in range(w.count())] if isinstance(w, QComboBox) else [],
        )
        for name, w in dialog._fields.items()  # noqa: SLF001 - the form's own widgets
    ]


def _decided(desk: ClaimService, office: ClaimService, draft: ClaimDraft, audited_on: dt.date) -> str:
    """The claim taken in and submitted by the clerk, reviewed, audited and approved; its number."""
    no = desk.create(draft)
    desk.act(no, "submit")
    office.act(no, "review")
    office.act(no, "audit", today=audited_on)
    office.act(no, "approve")
    return no


def _pdf_text(docs: ClaimDocuments, no: str, out: Path) -> str:
    docs.print_forms([no], out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s", "", text)


def _proposal(payments: Payments, no: str, names: dict[str, str]) -> tuple[Any, ...]:
    p = payments.propose(no, today=D(2030, 1, 1))
    note = p.note
    for name, placeholder in names.items():
        note = note.replace(name, placeholder)
    return (p.bank_name, p.account, p.amount, note)


@pytest.fixture
def added(sessions: SessionFactory, admin: Actor) -> PlanService:
    plans = PlanService(sessions, admin)
    for text, name in ((TESTCITY, "testcity.toml"), (TESTCITY_RELIEF, "relief.toml"),
                       (TESTCITY_MEDICAL, "medical.toml")):  # fmt: skip
        plans.add_plan(text, name)
    return plans


def test_a_weihai_copy_under_new_codes_prints_the_weihai_table_with_its_slots(
    qtbot: Any,
    sessions: SessionFactory,
    clerk: Actor,
    auditor: Actor,
    added: PlanService,
    tmp_path: Path,
) -> None:
    desk = ClaimService(sessions, clerk)
    assert _shape("testcity-2027", "supplement", desk) == _shape(WEIHAI, "medical", desk)
    assert added.catalogue().get("testcity-2027").form == "weihai"
    docs, payments = ClaimDocuments(sessions, clerk), Payments(sessions, clerk)
    results = {}
    for plan, benefit, unit, name in (
        (WEIHAI, "medical", "U001", "王原"),
        ("testcity-2027", "supplement", "U002", "王新"),
    ):
        _uid, mid = enrolled_member(
            sessions, clerk, plan, D(2020, 3, 12), unit_code=unit, name=name,
            bank_name="建设银行", bank_account="6217000010001234567",
        )  # fmt: skip
        nos, decisions = [], []
        for i, (total, paid) in enumerate((("20000", "8000"), ("15000", "3000")), 1):
            month = f"2020-{3 + i:02d}"
            facts = {
                "event_id": f"医-{i}", "treatment_start": f"{month}-01", "treatment_end": f"{month}-09",
                "total_cost": total, "insurance_paid": paid,
            }  # fmt: skip
            received = desk.catalogue.get(plan).benefit(benefit).materials
            draft = ClaimDraft(mid, plan, benefit, facts, D(2020, 3 + i, 20), materials_received=received)
            decisions.append(desk.preview(draft).decision)
            nos.append(_decided(desk, ClaimService(sessions, auditor), draft, D(2020, 3 + i, 25)))
        text = _pdf_text(docs, nos[-1], tmp_path / f"{unit}.pdf")
        results[plan] = (
            [(d.amount, d.cap, d.reason_codes) for d in decisions],
            _proposal(payments, nos[-1], {name: "某"}),
            text,
            _offered(qtbot, sessions, clerk, name, plan, benefit),
        )
    original, copy = results[WEIHAI], results["testcity-2027"]
    assert original[3] == copy[3] and [f[0] for f in copy[3]][0] == "event_id"
    assert original[0] == copy[0]
    # 12000 − 10000 at 80 %; then (24000 − 10000) × 80 % less the 1600 paid
    assert [d[0] for d in copy[0]] == [Decimal("1600.00"), Decimal("9600.00")]
    assert original[1] == copy[1] == ("建设银行", "6217000010001234567", Decimal("9600.00"), "")
    for text in (original[2], copy[2]):
        assert "互助补充保险金申请审核表" in text and "威海市困难职工帮扶中心审核意见" in text
        assert "1,600.00" in text and "9,600.00" in text  # the period's claims 1 and 2 in their slots
    assert "测试市职工补充医疗互助计划" in copy[2]


def test_a_relief_copy_under_new_codes_asks_and_decides_as_the_original(
    sessions: SessionFactory, clerk: Actor, auditor: Actor, added: PlanService, tmp_path: Path
) -> None:
    desk = ClaimService(sessions, clerk)
    for new, old in (("aid", "relief"), ("sympathy", "condolence"), ("family_relief", "family_condolence")):
        assert _shape("testcity-relief-2027", new, desk) == _shape(RELIEF, old, desk), new
    assert "reason" in [f[0] for f in _shape("testcity-relief-2027", "sympathy", desk)]
    family = _shape("testcity-relief-2027", "family_relief", desk)
    assert "member_deceased" not in [f[0] for f in family]
    assert [v for v, _label in dict((f[0], f[3]) for f in family)["cause"]] == [
        "long_term_illness",
        "accident_disability",
    ]
    roster = RosterService(sessions, clerk)
    docs, payments = ClaimDocuments(sessions, clerk), Payments(sessions, clerk)
    results = {}
    for plan, benefit, unit, name in (
        (RELIEF, "family_condolence", "U001", "李原"),
        ("testcity-relief-2027", "family_relief", "U002", "李新"),
    ):
        _uid, mid = enrolled_member(sessions, clerk, unit_code=unit, name=name)  # a fee-based plan covers
        detail = roster.member(mid)
        spouse = FamilyDraft("spouse", f"{name}妻", factories.id_number(D(1982, 1, 1), male=False))
        roster.update_member(mid, detail.draft, (spouse,), detail.version)
        fid = next(f for f, rel, _n, _num in roster.family_of(mid) if rel == "spouse")
        facts = {
            "event_id": "病-1", "event_date": "2020-06-01", "cause": "long_term_illness",
            "self_pay_1": "150000", "self_pay_2": "30000", "out_of_pocket": "20000",
        }  # fmt: skip
        received = desk.catalogue.get(plan).benefit(benefit).materials
        draft = ClaimDraft(mid, plan, benefit, facts, D(2020, 9, 1), "spouse", fid, received)
        decision = desk.preview(draft).decision
        no = _decided(desk, ClaimService(sessions, auditor), draft, D(2020, 9, 5))
        results[plan] = (
            (decision.amount, decision.cap, decision.reason_codes),
            _proposal(payments, no, {f"{name}妻": "某"}),
            _pdf_text(docs, no, tmp_path / f"{unit}.pdf"),
        )
    original, copy = results[RELIEF], results["testcity-relief-2027"]
    assert original[0] == copy[0] and copy[0][0] == Decimal("50000.00")
    assert original[1] == copy[1] and copy[1][1] == "" and "请填写受益人某本人的银行卡号" in copy[1][3]
    for text in (original[2], copy[2]):
        assert "互助金申请审核表" in text and "互助补充保险金申请审核表" not in text  # the general form
        assert "达到200000元（含）起点" in text  # with the rules' explanation


def test_a_beijing_medical_copy_under_new_codes_prints_the_beijing_form_with_its_box(
    qtbot: Any,
    sessions: SessionFactory,
    clerk: Actor,
    auditor: Actor,
    added: PlanService,
    tmp_path: Path,
) -> None:
    desk = ClaimService(sessions, clerk)
    assert _shape("testcity-medical-2027", "ward", desk) == _shape(MEDICAL, "inpatient", desk)
    assert _shape("testcity-medical-2027", "clinic", desk) == _shape(MEDICAL, "outpatient", desk)
    docs, payments = ClaimDocuments(sessions, clerk), Payments(sessions, clerk)
    results = {}
    for plan, benefit, unit, name in (
        (MEDICAL, "inpatient", "U001", "赵原"),
        ("testcity-medical-2027", "ward", "U002", "赵新"),
    ):
        _uid, mid = enrolled_member(
            sessions, clerk, plan, D(2021, 1, 1), unit_code=unit, name=name, jingka_card="6214830100001234"
        )
        facts = {"period": "2021-03", "self_pay_1": "5000", "first_stay_of_year": True}
        received = desk.catalogue.get(plan).benefit(benefit).materials
        draft = ClaimDraft(mid, plan, benefit, facts, D(2021, 4, 21), materials_received=received)
        decision = desk.preview(draft).decision
        no = _decided(desk, ClaimService(sessions, auditor), draft, D(2021, 4, 22))
        results[plan] = (
            (decision.amount, decision.cap, decision.reason_codes),
            _proposal(payments, no, {}),
            _pdf_text(docs, no, tmp_path / f"{unit}.pdf"),
            _offered(qtbot, sessions, clerk, name, plan, benefit),
        )
    original, copy = results[MEDICAL], results["testcity-medical-2027"]
    assert original[3] == copy[3] and ("first_stay_of_year", "QCheckBox", []) in copy[3]
    assert original[0] == copy[0] and copy[0][0] == Decimal("740.00")  # (5000 − 1300) × 20 %
    assert original[1] == copy[1] and copy[1][:2] == ("京卡·互助服务卡", "6214830100001234")
    for text in (original[2], copy[2]):
        assert "《在职职工医疗互助保障计划》" in text and "领取互助金申请表" in text
        assert "☑普通住院" in text and "☐门诊" in text and text.count("☑") == 1


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (('form = "weihai"', 'form = "shanghai"'), "参数 form “shanghai”不可用，须为 general（"),
        (("max_claims_per_period = 4", 'max_claims_per_period = 4\nclaim_type = "dental"'),
         "参数 claim_type “dental”不可用，须为 outpatient（门诊）"),
    ],
)  # fmt: skip
def test_a_plan_file_with_an_unknown_form_or_option_is_refused_naming_it(
    sessions: SessionFactory, admin: Actor, change: tuple[str, str], named: str
) -> None:
    with pytest.raises(ServiceError, match=named) as info:
        PlanService(sessions, admin).add_plan(TESTCITY.replace(*change), "testcity.toml")
    assert str(info.value).startswith("testcity.toml")
    relief = TESTCITY_RELIEF.replace('reasons = ["waiting_period"', 'reasons = ["bad_luck"')
    with pytest.raises(ServiceError, match="sympathy：参数 reasons 中的 “bad_luck” 不可用"):
        PlanService(sessions, admin).add_plan(relief, "relief.toml")
    assert PlanService(sessions, admin).catalogue().versions.get("testcity-2027") is None
