"""Properties over generated claims: never negative, never above the cap, monotone stays."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules.claims import evaluate_claim
from app.rules.plans import plan_from_dict, plan_to_dict
from app.rules.values import MedicalHardship, MemberFacts
from app.rules.words import amount_in_words, boxed_digits
from tests.rules.builders import (
    JILIN,
    MEDICAL,
    RELIEF,
    WEIHAI,
    D,
    claim,
    coverage,
    paid,
    period_cost,
    plan,
    stay,
    treatment,
)

FAST = settings(max_examples=150, deadline=None)
amounts = st.decimals(min_value=0, max_value=400000, places=2, allow_nan=False, allow_infinity=False)
categories = st.frozensets(st.sampled_from(["model_worker", "hardship"]))


@FAST
@given(
    days=st.integers(0, 400),
    local=st.booleans(),
    grade=st.integers(1, 3),
    earlier=st.lists(amounts, max_size=3),
)
def test_hospital_allowance_bounded_and_monotone(
    days: int, local: bool, grade: int, earlier: list[Decimal]
) -> None:
    history = tuple(paid("hospital_allowance", str(min(a, Decimal(4500))), D(2020, 3, 1)) for a in earlier)
    one = evaluate_claim(
        claim(JILIN, "hospital_allowance", stay(days, local=local, grade=grade), history=history), plan(JILIN)
    )
    longer = evaluate_claim(
        claim(JILIN, "hospital_allowance", stay(days + 1, local=local, grade=grade), history=history),
        plan(JILIN),
    )
    assert Decimal(0) <= one.amount <= one.cap
    assert one.cap <= Decimal(4500)
    assert longer.amount >= one.amount


def relief_plan_with_low_threshold():  # type: ignore[no-untyped-def]
    """The shipped threshold (200000) hides the self-borne limit; lower it to exercise it."""
    data = plan_to_dict(plan(RELIEF))
    for benefit in data["benefits"].values():
        benefit["threshold"] = Decimal(0)
    return plan_from_dict(data)


LOW = relief_plan_with_low_threshold()


@FAST
@given(
    sp1=amounts,
    sp2=amounts,
    oop=amounts,
    cats=categories,
    benefit=st.sampled_from(["relief", "condolence", "family_condolence"]),
)
def test_relief_never_above_self_borne_or_doubled_cap(
    sp1: Decimal, sp2: Decimal, oop: Decimal, cats: frozenset[str], benefit: str
) -> None:
    cause = "long_term_illness" if benefit == "family_condolence" else "accident"
    reason = "waiting_period" if benefit == "condolence" else None
    event = MedicalHardship("h1", D(2020, 5, 1), cause, sp1, sp2, oop, reason)
    relation = "spouse" if benefit == "family_condolence" else "self"
    for chosen in (plan(RELIEF), LOW):
        case = claim(
            RELIEF,
            benefit,
            event,
            member=MemberFacts(D(1970, 1, 1), categories=cats),
            relation=relation,
            coverage=coverage(D(2020, 1, 1), D(2020, 12, 31)),
        )
        decision = evaluate_claim(case, chosen)
        base = chosen.benefit(benefit).calculator.cap  # type: ignore[attr-defined]
        assert Decimal(0) <= decision.amount <= decision.cap
        assert decision.amount <= event.self_borne
        assert decision.amount <= base * (2 if cats else 1)


@FAST
@given(
    total=amounts,
    insurance_share=st.integers(0, 100),
    earlier=st.lists(st.tuples(amounts, amounts), max_size=4),
)
def test_weihai_bounded(total: Decimal, insurance_share: int, earlier: list[tuple[Decimal, Decimal]]) -> None:
    insurance = (total * insurance_share / 100).quantize(Decimal("0.01"))
    history = tuple(
        paid("medical", str(min(p, Decimal(50000))), D(2012, 4, 1), event_id=f"e{i}", borne=str(b))
        for i, (p, b) in enumerate(earlier)
    )
    case = claim(
        WEIHAI,
        "medical",
        treatment(str(total), str(insurance)),
        history=history,
        coverage=coverage(D(2012, 3, 12), D(2013, 3, 11)),
    )
    decision = evaluate_claim(case, plan(WEIHAI))
    assert Decimal(0) <= decision.amount <= decision.cap <= Decimal(50000)
    assert decision.amount <= total - insurance + sum((b for _, b in earlier), Decimal(0))


@FAST
@given(
    sp1=amounts,
    first=st.booleans(),
    earlier=st.lists(amounts, max_size=3),
    benefit=st.sampled_from(["outpatient", "inpatient"]),
)
def test_beijing_medical_bounded(sp1: Decimal, first: bool, earlier: list[Decimal], benefit: str) -> None:
    period = "2021-Q2" if benefit == "outpatient" else "2021-05"
    history = tuple(paid("inpatient", str(a), D(2021, 2, 1)) for a in earlier)
    case = claim(
        MEDICAL,
        benefit,
        period_cost(period, str(sp1), first),
        history=history,
        applied_on=D(2021, 7, 21),
        coverage=coverage(D(2021, 1, 1), D(2021, 12, 31)),
    )
    decision = evaluate_claim(case, plan(MEDICAL))
    assert Decimal(0) <= decision.amount <= decision.cap
    assert decision.amount <= sp1


@FAST
@given(value=st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2))
def test_words_and_boxes_always_render(value: Decimal) -> None:
    words = amount_in_words(value)
    assert words.endswith(("整", "角", "分"))
    assert "零零" not in words
    boxes = boxed_digits(value)
    assert boxes["元"] and boxes["角"] and boxes["分"]


def test_a_later_stay_in_the_period_is_never_overpaid() -> None:
    case = claim(
        JILIN, "hospital_allowance", stay(100), history=(paid("hospital_allowance", "4500", D(2020, 3, 1)),)
    )
    decision = evaluate_claim(case, plan(JILIN))
    assert decision.amount == Decimal("4500.00")
    assert (
        evaluate_claim(replace(case, applied_on=dt.date(2020, 7, 1)), plan(JILIN)).amount == decision.amount
    )
