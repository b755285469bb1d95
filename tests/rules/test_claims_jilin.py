"""Jilin hospital combo: hospital allowance, critical illness, accident (seed 001)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from app.rules.claims import evaluate_claim
from app.rules.errors import CaseError, UnknownPlan
from app.rules.values import MemberFacts, PaidStay
from tests.rules.builders import (
    JILIN,
    D,
    accident,
    claim,
    coverage,
    diagnosis,
    paid,
    plan,
    stay,
)


def decide(benefit: str, event, **changes):  # type: ignore[no-untyped-def]
    return evaluate_claim(claim(JILIN, benefit, event, **changes), plan(JILIN))


@pytest.mark.parametrize(
    ("days", "local", "amount", "codes"),
    [
        (0, True, "0.00", ("stay_too_short",)),
        (1, True, "0.00", ("stay_too_short",)),
        (2, True, "100.00", ()),
        (2, False, "100.00", ("minimum_payment",)),
        (10, True, "500.00", ()),
        (10, False, "400.00", ()),
        (90, True, "4500.00", ()),
        (91, True, "4500.00", ("stay_amount_limit",)),
        (90, False, "3600.00", ()),
        (200, False, "3600.00", ("stay_amount_limit",)),
    ],
)
def test_hospital_allowance_by_days(days: int, local: bool, amount: str, codes: tuple[str, ...]) -> None:
    decision = decide("hospital_allowance", stay(days, local=local))
    assert decision.amount == Decimal(amount)
    assert decision.reason_codes == codes
    assert decision.eligible is (amount != "0.00")


def test_hospital_allowance_trace_reads_like_the_clerk() -> None:
    decision = decide("hospital_allowance", stay(10))
    assert "本地住院 10 天 × 50 元/天 = 500.00 元；本期已领取 0 次，未超过 2 次" in decision.trace
    assert decision.cap == Decimal("4500.00")


@pytest.mark.parametrize(("grade", "ok"), [(1, False), (2, True), (3, True)])
def test_hospital_grade_two_or_higher(grade: int, ok: bool) -> None:
    decision = decide("hospital_allowance", stay(5, grade=grade))
    assert decision.eligible is ok
    assert ("hospital_grade_too_low" in decision.reason_codes) is not ok


@pytest.mark.parametrize(("earlier", "ok"), [(0, True), (1, True), (2, False)])
def test_second_stay_paid_third_refused(earlier: int, ok: bool) -> None:
    history = tuple(paid("hospital_allowance", "500.00", D(2020, 3, 1 + i)) for i in range(earlier))
    decision = decide("hospital_allowance", stay(10), history=history)
    assert decision.eligible is ok
    assert ("period_claim_limit" in decision.reason_codes) is not ok


def test_payments_of_an_earlier_period_do_not_count() -> None:
    history = (
        paid("hospital_allowance", "4500", D(2019, 3, 1)),
        paid("hospital_allowance", "4500", D(2019, 4, 1)),
    )
    assert decide("hospital_allowance", stay(10), history=history).amount == Decimal("500.00")


def test_period_amount_limit_binds_remaining() -> None:
    history = (paid("hospital_allowance", "8950.00", D(2020, 3, 1)),)
    decision = decide("hospital_allowance", stay(10), history=history)
    assert decision.amount == Decimal("50.00")
    assert decision.cap == Decimal("50.00")
    assert "period_amount_limit" in decision.reason_codes


def test_period_amount_exhausted_refuses() -> None:
    history = (paid("hospital_allowance", "9000.00", D(2020, 3, 1)),)
    decision = decide("hospital_allowance", stay(10), history=history)
    assert not decision.eligible
    assert decision.reason_codes == ("period_amount_limit",)


def test_gate_reasons_all_listed_at_once() -> None:
    decision = decide(
        "hospital_allowance",
        stay(1, grade=1, start=D(2021, 3, 1)),
        member=MemberFacts(D(1950, 1, 1), "retired"),
        relation="spouse",
    )
    assert set(decision.reason_codes) == {
        "member_not_eligible",
        "outside_coverage_period",
        "stay_too_short",
        "hospital_grade_too_low",
    }
    assert decision.amount == Decimal("0.00")
    assert decision.trace[-1] == "结论：不予给付"


def test_event_before_effective_date_is_outside_coverage() -> None:
    cov = coverage(D(2020, 2, 1), D(2021, 1, 31), D(2020, 3, 1))
    decision = decide("hospital_allowance", stay(5, start=D(2020, 2, 15)), coverage=cov)
    assert decision.reason_codes == ("outside_coverage_period",)


def test_hospital_stay_event_id_already_paid() -> None:
    event = replace(stay(5), event_id="s1")
    history = (paid("hospital_allowance", "1000", D(2020, 3, 1), event_id="s1"),)
    assert "already_paid_for_event" in decide("hospital_allowance", event, history=history).reason_codes


def test_one_event_under_another_benefit_of_the_plan_still_pays() -> None:
    """Issue 12 item 5: 同一事件只能享受一次 is the relief activities' rule, not Jilin's: a critical
    illness diagnosed during a paid hospital stay pays its 10000.00."""
    history = (paid("hospital_allowance", "500", D(2020, 8, 20), event_id="s1"),)
    event = replace(diagnosis(D(2020, 8, 25)), event_id="s1")
    decision = decide("critical_illness", event, history=history, applied_on=D(2020, 9, 1))
    assert decision.eligible and decision.amount == Decimal("10000.00")


def test_overlapping_days_of_a_paid_stay_are_not_paid_again() -> None:
    """Issue 12 item 5: 11-12 to 11-18 inside a paid 11-10 to 11-20 was due 300.00."""
    inside = stay(6, start=D(2020, 11, 12))
    earlier = (PaidStay("C2020-00001", D(2020, 11, 10), D(2020, 11, 20)),)
    decision = decide("hospital_allowance", inside, stays=earlier, applied_on=D(2020, 12, 1))
    assert not decision.eligible and decision.amount == Decimal("0.00")
    assert decision.reason_codes == ("overlapping_stay",)
    assert any("C2020-00001" in line and "重叠 6 天" in line for line in decision.trace)
    # Partly overlapping (11-18 to 11-28, 10 days, 2 of them paid): only the 8 new days are paid.
    later = stay(10, start=D(2020, 11, 18))
    decision = decide("hospital_allowance", later, stays=earlier, applied_on=D(2020, 12, 1))
    assert decision.eligible and decision.amount == Decimal("400.00")
    assert "overlapping_stay" in decision.reason_codes
    assert any("C2020-00001" in line and "重叠 2 天" in line for line in decision.trace)


@pytest.mark.parametrize(
    ("days", "amount", "codes"),
    [
        (0, "0.00", ("waiting_period",)),
        (30, "0.00", ("waiting_period",)),
        (31, "500.00", ("reduced_benefit_period",)),
        (90, "500.00", ("reduced_benefit_period",)),
        (91, "10000.00", ()),
        (300, "10000.00", ()),
    ],
)
def test_critical_illness_waiting_periods(days: int, amount: str, codes: tuple[str, ...]) -> None:
    when = D(2020, 2, 1) + (D(2020, 2, 2) - D(2020, 2, 1)) * days
    decision = decide("critical_illness", diagnosis(when), applied_on=D(2021, 1, 1))
    assert decision.amount == Decimal(amount)
    assert decision.reason_codes == codes


def test_critical_illness_disease_first_diagnosis_and_once_per_period() -> None:
    decision = decide(
        "critical_illness",
        diagnosis(D(2020, 8, 1), disease="感冒", first=False),
        history=(paid("critical_illness", "10000", D(2020, 7, 1)),),
    )
    assert set(decision.reason_codes) == {"disease_not_covered", "not_first_diagnosis", "period_claim_limit"}
    assert decision.cap == Decimal("10000.00")


@pytest.mark.parametrize(
    ("grade", "in_hospital", "amount"),
    [
        (1, False, "20000.00"),
        (2, False, "18000.00"),
        (10, False, "2000.00"),
        (1, True, "40000.00"),
        (10, True, "4000.00"),
    ],
)
def test_accident_disability_by_grade(grade: int, in_hospital: bool, amount: str) -> None:
    event = accident("disability", grade, during_illness_hospitalization=in_hospital)
    decision = decide("accident", event)
    assert decision.amount == Decimal(amount)
    assert f"{grade} 级伤残比例" in decision.trace[-2]


def test_accident_death() -> None:
    assert decide("accident", accident("death", None)).amount == Decimal("20000.00")


def test_death_after_paid_disability_pays_difference() -> None:
    history = (paid("accident", "6000", D(2020, 5, 20), event_id="a1"),)
    decision = decide("accident", accident("death", None), history=history)
    assert decision.amount == Decimal("14000.00")
    assert decision.reason_codes == ("paid_difference",)


@pytest.mark.parametrize(
    ("outcome", "grade", "earlier"),
    [("disability", 3, "6000"), ("death", None, "20000"), ("death", None, "40000")],
)
def test_accident_paid_once(outcome: str, grade: int | None, earlier: str) -> None:
    history = (paid("accident", earlier, D(2020, 5, 20), event_id="a1"),)
    decision = decide("accident", accident(outcome, grade), history=history)
    assert not decision.eligible
    assert decision.reason_codes == ("already_paid_for_event",)


def test_accident_event_paid_by_another_benefit_still_pays_the_accident() -> None:
    history = (paid("hospital_allowance", "500", D(2020, 5, 20), event_id="a1"),)
    assert decide("accident", accident(), history=history).eligible


def test_accident_bad_grade_is_a_case_error() -> None:
    with pytest.raises(CaseError, match="disability_grade"):
        decide("accident", accident("disability", None))


def test_wrong_event_kind_and_wrong_plan_and_unknown_benefit() -> None:
    with pytest.raises(CaseError, match="event"):
        decide("accident", stay(3))
    with pytest.raises(CaseError, match="plan"):
        evaluate_claim(claim("beijing-relief", "accident", accident()), plan(JILIN))
    with pytest.raises(UnknownPlan, match="没有项目"):
        decide("nothing", accident())
