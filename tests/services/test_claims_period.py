"""Money across a period (issue 12): every audited claim's cost counts, a claim due 0.00 is
closed as 已核定·无给付, Weihai's slots run over the coverage period, the same days are paid once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claim_decisions import ClaimDraft
from app.services.claim_documents import ClaimDocuments
from app.services.claim_period import claim_summary
from app.services.claim_queries import ClaimQueries
from app.services.claims import ClaimService
from app.services.enrollment import EnrollmentService
from app.services.errors import ServiceError
from app.services.periods import PeriodService
from tests.factories_claims import JILIN, RELIEF, WEIHAI, D, enrolled_member, hospital_stay, materials, relief

MEDICAL = "beijing-inservice-medical"


def weihai(member_id: int, start: dt.date, self_borne: str, insurance: str = "0") -> ClaimDraft:
    total = str(Decimal(self_borne) + Decimal(insurance))
    facts = {
        "event_id": f"威海-{start.isoformat()}",
        "treatment_start": start,
        "treatment_end": start + dt.timedelta(days=5),
        "total_cost": total,
        "insurance_paid": insurance,
    }
    applied = start + dt.timedelta(days=10)
    got = materials(WEIHAI, "medical")
    return ClaimDraft(member_id, WEIHAI, "medical", facts, applied, materials_received=got)


def outpatient(member_id: int, quarter: int, self_pay_1: str, year: int = 2020) -> ClaimDraft:
    applied = D(year, 3 * quarter + 1, 21) if quarter < 4 else D(year + 1, 1, 21)
    facts = {"period": f"{year}-Q{quarter}", "self_pay_1": self_pay_1}
    return ClaimDraft(
        member_id, MEDICAL, "outpatient", facts, applied, materials_received=materials(MEDICAL, "outpatient")
    )


def decided(clerk: Actor, auditor: Actor, sessions: SessionFactory, draft: ClaimDraft) -> tuple[str, str]:
    """Intake by the clerk, review, audit and approval by the auditor: (claim number, status)."""
    desk, office = ClaimService(sessions, clerk), ClaimService(sessions, auditor)
    no = desk.create(draft)
    desk.act(no, "submit")
    office.act(no, "review")
    office.act(no, "audit", today=draft.applied_on)
    return no, office.act(no, "approve")


def test_weihai_costs_of_claims_closed_at_zero_count_toward_the_period(
    sessions: SessionFactory, clerk: Actor, auditor: Actor
) -> None:
    """Item 1: 8000 + 8000 → the second pays 80 % of 6000; then 30000 → 29400 − 4800 = 24600."""
    _uid, mid = enrolled_member(sessions, clerk, WEIHAI, D(2012, 3, 12))
    queries = ClaimQueries(sessions)
    first, status = decided(clerk, auditor, sessions, weihai(mid, D(2012, 4, 1), "8000"))
    assert status == "closed_no_payment"
    row = queries.get(first).row
    assert (row.status_label, row.amount, row.approved) == ("已核定·无给付", Decimal("0.00"), Decimal("0.00"))
    second, status = decided(clerk, auditor, sessions, weihai(mid, D(2012, 6, 1), "8000", "2000"))
    assert status == "approved" and queries.get(second).row.approved == Decimal("4800.00")
    third, status = decided(clerk, auditor, sessions, weihai(mid, D(2012, 9, 1), "30000", "5000"))
    full = queries.get(third)
    assert status == "approved" and full.row.approved == Decimal("24600.00")
    assert any("本期累计 16000.00 + 30000.00 = 46000.00" in line for line in full.trace)


def test_beijing_outpatient_deductible_once_a_year_over_both_quarters(
    sessions: SessionFactory, clerk: Actor, auditor: Actor
) -> None:
    """Item 1: Q1 自付一 1000 (closed, nothing due) then Q2 3000 → (4000 − 1800) × 20 % = 440.00."""
    _uid, mid = enrolled_member(sessions, clerk, MEDICAL, D(2020, 1, 1))
    first, status = decided(clerk, auditor, sessions, outpatient(mid, 1, "1000"))
    assert status == "closed_no_payment"
    second, status = decided(clerk, auditor, sessions, outpatient(mid, 2, "3000"))
    assert status == "approved"
    assert ClaimQueries(sessions).get(second).row.approved == Decimal("440.00")


def test_an_ineligible_claim_due_zero_cannot_be_closed_and_rejected_costs_do_not_count(
    sessions: SessionFactory, clerk: Actor, auditor: Actor
) -> None:
    _uid, mid = enrolled_member(sessions, clerk, WEIHAI, D(2012, 3, 12))
    desk, office = ClaimService(sessions, clerk), ClaimService(sessions, auditor)
    outside = desk.create(weihai(mid, D(2013, 4, 1), "20000"))  # after the period's end
    desk.act(outside, "submit")
    office.act(outside, "review")
    office.act(outside, "audit", today=D(2013, 4, 11))
    with pytest.raises(ServiceError, match="不能批准，请拒绝或退回"):
        office.act(outside, "approve")
    assert office.act(outside, "reject", reason="不在保障期内") == "rejected"
    below = desk.create(weihai(mid, D(2012, 4, 1), "9000"))
    desk.act(below, "submit")
    office.act(below, "review")
    office.act(below, "audit", today=D(2012, 4, 11))
    with pytest.raises(ServiceError, match="不能填写批准金额"):
        office.act(below, "approve", amount="100")
    assert office.act(below, "approve") == "closed_no_payment"
    # 9000 counts, the rejected 20000 does not: 9000 + 6000 = 15000 → 80 % of 5000.
    later, status = decided(clerk, auditor, sessions, weihai(mid, D(2012, 5, 1), "6000"))
    assert ClaimQueries(sessions).get(later).row.approved == Decimal("4000.00")


def test_weihai_slots_and_running_total_run_over_the_coverage_period_not_the_year(
    sessions: SessionFactory, clerk: Actor, auditor: Actor
) -> None:
    """Item 2: a January 2013 claim is the 3rd of the 2012-03-12 to 2013-03-11 period.

    30000 → 80 % × 20000 = 16000; +20000 (50000) → 24000 + 90 % × 10000 = 33000, less 16000 = 17000;
    +10345.67 (60345.67) → 24000 + 90 % × 20345.67 = 42311.10, less 33000 = 9311.10.
    """
    _uid, mid = enrolled_member(sessions, clerk, WEIHAI, D(2012, 3, 12))
    decided(clerk, auditor, sessions, weihai(mid, D(2012, 5, 2), "30000", "12000"))
    decided(clerk, auditor, sessions, weihai(mid, D(2012, 10, 8), "20000"))
    january, status = decided(clerk, auditor, sessions, weihai(mid, D(2013, 1, 7), "10345.67", "800"))
    assert status == "approved"
    form = ClaimDocuments(sessions, clerk).form(january)
    assert form.slots == (Decimal("16000.00"), Decimal("17000.00"), Decimal("9311.10"))
    assert form.plan_name == "威海市工会会员爱心互助补充医疗保险工程"
    with sessions() as s:
        shown = claim_summary(s, january, ClaimService(sessions, clerk).catalogue)
    assert (shown["slot"], shown["period_total"], shown["approved"]) == (3, "42311.10", "9311.10")
    assert shown["self_borne"] == "10345.67" and shown["period"] == ["2012-03-12", "2013-03-11"]
    fourth, status = decided(clerk, auditor, sessions, weihai(mid, D(2013, 2, 1), "100"))
    assert status == "approved" and ClaimQueries(sessions).get(fourth).row.approved == Decimal("90.00")
    # A 5th application in the period is refused by the rules; its form is not printed short.
    desk = ClaimService(sessions, clerk)
    fifth = desk.create(weihai(mid, D(2013, 2, 20), "1000"))
    full = ClaimQueries(sessions).get(fifth)
    assert "period_claim_limit" in [code for code, _m in full.reasons]
    assert full.row.amount == Decimal("0.00")
    with pytest.raises(ServiceError, match="最多申请 4 次"):
        ClaimDocuments(sessions, clerk).form(fifth)


def _period(sessions: SessionFactory, clerk: Actor, plan: str, number: int, start: dt.date, fee: str) -> int:
    end = start.replace(year=start.year + 1) - dt.timedelta(days=1)
    return PeriodService(sessions, clerk).create(plan, number, start, end, fee).id


def condolence(member_id: int, event_date: str = "2020-06-01") -> ClaimDraft:
    facts = {
        "event_id": "慰问-2020-01",
        "event_date": event_date,
        "cause": "critical_illness",
        "self_pay_1": "150000",
        "self_pay_2": "30000",
        "out_of_pocket": "20000",
        "reason": "outside_scope",
    }
    got = materials(RELIEF, "condolence")
    return ClaimDraft(member_id, RELIEF, "condolence", facts, D(2020, 9, 1), materials_received=got)


def test_beijing_relief_is_claimable_in_coverage_of_any_fee_based_plan(
    sessions: SessionFactory, clerk: Actor
) -> None:
    """Item 3: no relief enrollment is needed; consecutive years come from real fee-based coverage."""
    uid, mid = enrolled_member(sessions, clerk, JILIN, D(2020, 2, 1))
    desk = ClaimService(sessions, clerk)
    aid = desk.preview(relief(mid)).decision
    assert aid.eligible and aid.amount == Decimal("70000.00")
    # One year of fee-based coverage (2020): the outside-scope condolence needs 2 consecutive years.
    first = desk.preview(condolence(mid)).decision
    assert not first.eligible and "连续参加 1 年" in " ".join(r.message for r in first.reasons)
    # A 0-fee relief period for 2019 is no participation at all …
    free = _period(sessions, clerk, RELIEF, 1, D(2019, 1, 1), "0")
    EnrollmentService(sessions, clerk).enroll(uid, free, [mid], D(2019, 1, 1), as_of=D(2019, 1, 1))
    assert not desk.preview(condolence(mid)).decision.eligible
    # … a fee-based 2019 period of another plan is.
    paid = _period(sessions, clerk, WEIHAI, 1, D(2019, 3, 12), "36")
    EnrollmentService(sessions, clerk).enroll(uid, paid, [mid], D(2019, 3, 12), as_of=D(2019, 3, 12))
    second = desk.preview(condolence(mid)).decision
    assert second.eligible and second.amount == Decimal("55000.00")


def test_beijing_relief_refused_outside_every_fee_based_coverage(
    sessions: SessionFactory, clerk: Actor
) -> None:
    _uid, mid = enrolled_member(sessions, clerk, JILIN, D(2020, 2, 1))
    outside = ClaimService(sessions, clerk).preview(condolence(mid, "2020-01-15")).decision
    assert not outside.eligible
    assert outside.reasons[0].message == "事件日期 2020-01-15 该会员不在任何会费型互助保障活动的保障期内"


def test_the_same_hospital_days_are_paid_once(sessions: SessionFactory, clerk: Actor, auditor: Actor) -> None:
    """Item 5: a stay of 11-12 to 11-18 inside an approved stay of 11-10 to 11-20 is not paid again;
    a critical illness diagnosed during the stay still pays its 10000.00."""
    _uid, mid = enrolled_member(sessions, clerk, JILIN, D(2020, 2, 1))
    first, status = decided(clerk, auditor, sessions, hospital_stay(mid, D(2020, 11, 10), 10))
    assert status == "approved"
    inside = ClaimService(sessions, clerk).preview(hospital_stay(mid, D(2020, 11, 12), 6)).decision
    assert not inside.eligible and inside.amount == Decimal("0.00")
    assert inside.reason_codes == ("overlapping_stay",)
    assert any(first in line and "重叠 6 天" in line for line in inside.trace)
    facts = {"diagnosis_date": "2020-11-15", "disease": "恶性肿瘤", "first_diagnosis": True}
    got = materials(JILIN, "critical_illness")
    illness = ClaimDraft(mid, JILIN, "critical_illness", facts, D(2020, 11, 25), materials_received=got)
    decision = ClaimService(sessions, clerk).preview(illness).decision
    assert decision.eligible and decision.amount == Decimal("10000.00")
