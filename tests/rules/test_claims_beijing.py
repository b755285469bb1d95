"""Beijing relief (seed 000), in-service medical (seed 003) and accident (seed 002)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.rules.claims import evaluate_claim, evaluate_claims
from app.rules.errors import CaseError
from app.rules.values import ClaimCase, MemberFacts
from tests.rules.builders import (
    ACCIDENT,
    MEDICAL,
    RELIEF,
    D,
    accident,
    catalogue,
    claim,
    coverage,
    hardship,
    injury,
    paid,
    period_cost,
    plan,
)

YEAR_2020 = coverage(D(2020, 1, 1), D(2020, 12, 31))


def relief(benefit: str, event, **changes):  # type: ignore[no-untyped-def]
    changes.setdefault("coverage", YEAR_2020)
    return evaluate_claim(claim(RELIEF, benefit, event, **changes), plan(RELIEF))


@pytest.mark.parametrize(("total", "ok"), [("199999.99", False), ("200000.00", True), ("200000.01", True)])
def test_relief_threshold(total: str, ok: bool) -> None:
    decision = relief("relief", hardship(total))
    assert decision.eligible is ok
    assert decision.amount == (Decimal("70000.00") if ok else Decimal("0.00"))
    assert ("below_threshold" in decision.reason_codes) is not ok


def test_relief_self_borne_is_the_sum_of_three() -> None:
    from app.rules.values import MedicalHardship

    event = MedicalHardship(
        "h1", D(2020, 5, 1), "accident", Decimal("100000"), Decimal("50000"), Decimal("50000")
    )
    decision = relief("relief", event)
    assert decision.eligible
    assert any("= 自负医疗费用 200000.00 元" in line for line in decision.trace)


@pytest.mark.parametrize(
    ("benefit", "categories", "total", "cap"),
    [
        ("relief", {"model_worker"}, "250000", "140000.00"),
        ("relief", {"hardship", "model_worker"}, "250000", "140000.00"),
        ("condolence", {"hardship"}, "300000", "110000.00"),
        ("relief", set(), "250000", "70000.00"),
    ],
)
def test_doubling(benefit: str, categories: set[str], total: str, cap: str) -> None:
    changes = {"member": MemberFacts(D(1970, 1, 1), categories=frozenset(categories))}
    event = hardship(total, reason="waiting_period") if benefit == "condolence" else hardship(total)
    decision = relief(benefit, event, **changes)
    assert decision.amount == Decimal(cap) == decision.cap
    assert ("doubled_for_category" in decision.reason_codes) is bool(categories)


def test_family_condolence_doubles_for_member_category_and_needs_family_relation() -> None:
    member = MemberFacts(D(1970, 1, 1), categories=frozenset({"hardship"}))
    event = hardship("220000", cause="long_term_illness")
    assert relief("family_condolence", event, member=member, relation="child").amount == Decimal("100000.00")
    decision = relief("family_condolence", event, member=member, relation="self")
    assert decision.reason_codes == ("member_not_eligible",)


def test_cause_outside_benefit() -> None:
    decision = relief("relief", hardship("250000", cause="long_term_illness"))
    assert decision.reason_codes == ("cause_not_covered",)


@pytest.mark.parametrize(("years", "ok"), [(1, False), (2, True), (3, True)])
def test_condolence_outside_scope_needs_two_years(years: int, ok: bool) -> None:
    cov = coverage(D(2020, 1, 1), D(2020, 12, 31), consecutive_years=years)
    decision = relief("condolence", hardship("250000", reason="outside_scope"), coverage=cov)
    assert decision.eligible is ok


def test_condolence_needs_a_reason() -> None:
    with pytest.raises(CaseError, match="event.reason"):
        relief("condolence", hardship("250000"))


@pytest.mark.parametrize(
    ("applied", "ok"), [(D(2020, 5, 2), True), (D(2021, 12, 31), True), (D(2022, 1, 1), False)]
)
def test_application_deadline_event_year_or_next(applied, ok: bool) -> None:  # type: ignore[no-untyped-def]
    decision = relief("relief", hardship("250000"), applied_on=applied)
    assert decision.eligible is ok
    assert ("application_deadline_passed" in decision.reason_codes) is not ok


def test_same_event_paid_once_across_the_three() -> None:
    history = (paid("condolence", "55000", D(2020, 9, 1), event_id="h1"),)
    decision = relief("relief", hardship("250000"), history=history)
    assert decision.reason_codes == ("already_paid_for_event",)
    other = (paid("condolence", "55000", D(2020, 9, 1), event_id="h2"),)
    assert relief("relief", hardship("250000"), history=other).eligible


def test_materials_missing_holds_payment_but_shows_figure() -> None:
    decision = relief("relief", hardship("250000"), materials=frozenset({"会员身份证复印件"}))
    assert not decision.eligible
    assert decision.amount == Decimal("0.00")
    assert decision.cap == Decimal("70000.00")
    assert decision.reason_codes[-1] == "materials_missing"
    complete = frozenset(plan(RELIEF).benefit("relief").materials)
    assert relief("relief", hardship("250000"), materials=complete).eligible
    refused = relief("relief", hardship("1000"), materials=frozenset())
    assert refused.reason_codes == ("below_threshold", "materials_missing")


# --- Beijing in-service medical -------------------------------------------------------------


def medical(benefit: str, period: str, sp1: str, **changes):  # type: ignore[no-untyped-def]
    changes.setdefault("coverage", coverage(D(2021, 1, 1), D(2021, 12, 31)))
    changes.setdefault("applied_on", D(2022, 1, 25))
    first = changes.pop("first", True)
    return evaluate_claim(claim(MEDICAL, benefit, period_cost(period, sp1, first), **changes), plan(MEDICAL))


@pytest.mark.parametrize(
    ("sp1", "amount", "ok"),
    [("1800.00", "0.00", False), ("1800.05", "0.01", True), ("2800.00", "200.00", True)],
)
def test_outpatient_deductible(sp1: str, amount: str, ok: bool) -> None:
    decision = medical("outpatient", "2021-Q2", sp1, applied_on=D(2021, 7, 21))
    assert decision.eligible is ok
    assert decision.amount == Decimal(amount)


def test_outpatient_deductible_is_annual_and_cumulative() -> None:
    history = (
        paid("outpatient", "0", D(2021, 3, 31), borne="1000"),
        paid("outpatient", "40", D(2021, 6, 30), borne="1000"),
    )
    decision = medical("outpatient", "2021-Q3", "1000", history=history, applied_on=D(2021, 10, 21))
    # (3000 − 1800) × 20 % = 240, less 40 already paid
    assert decision.amount == Decimal("200.00")


@pytest.mark.parametrize(("applied", "ok"), [(D(2021, 4, 20), False), (D(2021, 4, 21), True)])
def test_outpatient_claimed_from_the_21st(applied, ok: bool) -> None:  # type: ignore[no-untyped-def]
    decision = medical("outpatient", "2021-Q1", "5000", applied_on=applied)
    assert decision.eligible is ok
    assert ("application_too_early" in decision.reason_codes) is not ok


@pytest.mark.parametrize(("first", "amount"), [(True, "140.00"), (False, "270.00")])
def test_inpatient_first_and_later_stays(first: bool, amount: str) -> None:
    decision = medical("inpatient", "2021-12", "2000", first=first, applied_on=D(2022, 1, 21))
    assert decision.amount == Decimal(amount)


def test_annual_cap_shared_by_outpatient_and_inpatient() -> None:
    history = (paid("outpatient", "100600", D(2021, 3, 31)),)
    decision = medical("inpatient", "2021-05", "10000", history=history)
    assert decision.amount == Decimal("53.00")
    assert "annual_cap" in decision.reason_codes
    full = (paid("inpatient", "100653", D(2021, 3, 31)),)
    refused = medical("inpatient", "2021-05", "10000", history=full)
    assert refused.reason_codes == ("annual_cap",)
    last_year = (paid("inpatient", "100653", D(2020, 3, 31)),)
    assert medical("inpatient", "2021-05", "10000", history=last_year).amount == Decimal("1740.00")


def test_period_shape_must_match_benefit() -> None:
    with pytest.raises(CaseError, match="event.period"):
        medical("inpatient", "2021-Q1", "1000")
    with pytest.raises(CaseError, match="event.period"):
        medical("outpatient", "2021-01", "1000")


# --- Beijing accident -------------------------------------------------------------------------


def accident_allowance(tier: str | None, when, life: int, hospital: int, **changes):  # type: ignore[no-untyped-def]
    changes.setdefault("coverage", coverage(D(when.year, 1, 1), D(when.year, 12, 31), tier=tier))
    changes.setdefault("applied_on", when)
    return evaluate_claim(
        claim(ACCIDENT, "accident_allowance", injury(when, life, hospital), **changes), plan(ACCIDENT)
    )


@pytest.mark.parametrize(
    ("tier", "when", "life", "hospital", "amount"),
    [
        ("26/32", D(2015, 12, 31), 10, 10, "350.00"),
        ("26/32", D(2016, 1, 1), 10, 10, "500.00"),
        ("100/124", D(2015, 12, 31), 15, 15, "1800.00"),
        ("100/124", D(2016, 1, 1), 20, 20, "3200.00"),
        ("50/62", D(2015, 6, 1), 16, 0, "450.00"),
        ("50/62", D(2016, 6, 1), 21, 0, "800.00"),
        ("74/93", D(2016, 6, 1), 3, 2, "275.00"),
    ],
)
def test_accident_allowance_before_and_from_2016(
    tier: str, when, life: int, hospital: int, amount: str
) -> None:  # type: ignore[no-untyped-def]
    decision = accident_allowance(tier, when, life, hospital)
    assert decision.amount == Decimal(amount)
    assert decision.amount <= decision.cap
    assert ("days_limit" in decision.reason_codes) is (life > (15 if when.year < 2016 else 20))


def test_accident_allowance_needs_a_known_tier() -> None:
    with pytest.raises(CaseError, match="coverage.tier"):
        accident_allowance(None, D(2016, 6, 1), 3, 2)


def test_accident_allowance_same_event_once() -> None:
    history = (paid("accident_allowance", "100", D(2016, 6, 2), event_id="i1"),)
    decision = accident_allowance("26/32", D(2016, 6, 1), 3, 2, history=history)
    assert decision.reason_codes == ("already_paid_for_event",)
    assert decision.cap == Decimal("1000.00")


def child(outcome: str, grade: int | None, when, **changes):  # type: ignore[no-untyped-def]
    changes.setdefault("coverage", coverage(D(when.year, 1, 1), D(when.year, 12, 31), tier="26/32"))
    changes.setdefault("relation", "child")
    return evaluate_claim(
        claim(ACCIDENT, "child_accident", accident(outcome, grade, when), **changes), plan(ACCIDENT)
    )


@pytest.mark.parametrize(
    ("outcome", "grade", "when", "amount", "codes"),
    [
        ("disability", 1, D(2016, 1, 1), "5000.00", ()),
        ("disability", 5, D(2016, 3, 1), "3000.00", ()),
        ("death", None, D(2016, 3, 1), "20000.00", ()),
        ("death", None, D(2015, 12, 31), "0.00", ("benefit_not_in_force",)),
    ],
)
def test_child_accident(outcome: str, grade: int | None, when, amount: str, codes: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    decision = child(outcome, grade, when)
    assert decision.amount == Decimal(amount)
    assert decision.reason_codes == codes


def test_child_death_after_disability_pays_difference_not_both() -> None:
    history = (paid("child_accident", "3000", D(2016, 3, 5), event_id="a1"),)
    assert child("death", None, D(2016, 3, 1), history=history).amount == Decimal("17000.00")
    assert not child("disability", 2, D(2016, 3, 1), history=history).eligible
    assert child("death", None, D(2016, 3, 1), relation="self").reason_codes == ("member_not_eligible",)


def test_evaluate_claims_uses_the_version_in_force() -> None:
    cases: list[ClaimCase] = [
        claim(RELIEF, "relief", hardship("250000"), coverage=YEAR_2020),
        claim(RELIEF, "relief", hardship("1"), coverage=YEAR_2020),
    ]
    decisions = list(evaluate_claims(cases, catalogue()))
    assert [d.eligible for d in decisions] == [True, False]
