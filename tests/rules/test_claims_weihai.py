"""Weihai supplementary medical (seed 004): cumulative bands, period cap, four claims."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.rules.claims import evaluate_claim
from tests.rules.builders import WEIHAI, D, claim, coverage, paid, plan, treatment

PERIOD = coverage(D(2012, 3, 12), D(2013, 3, 11))


def medical(total: str, insurance: str = "0", **changes):  # type: ignore[no-untyped-def]
    changes.setdefault("coverage", PERIOD)
    changes.setdefault("applied_on", D(2012, 7, 1))
    return evaluate_claim(claim(WEIHAI, "medical", treatment(total, insurance), **changes), plan(WEIHAI))


@pytest.mark.parametrize(
    ("total", "insurance", "amount", "codes"),
    [
        ("10000.00", "0", "0.00", ("below_threshold",)),
        ("30000.00", "20000.01", "0.00", ("below_threshold",)),
        ("10000.01", "0", "0.01", ()),
        ("40000.00", "0", "24000.00", ()),
        ("50000.00", "0", "33000.00", ()),
        ("60000.00", "10000.00", "33000.00", ()),
        ("68888.89", "0", "50000.00", ("period_amount_limit",)),
        ("90000.00", "0", "50000.00", ("period_amount_limit",)),
    ],
)
def test_bands(total: str, insurance: str, amount: str, codes: tuple[str, ...]) -> None:
    decision = medical(total, insurance)
    assert decision.amount == Decimal(amount)
    assert decision.reason_codes == codes


def test_each_claim_pays_cumulative_less_paid() -> None:
    history = (paid("medical", "8000.00", D(2012, 5, 1), borne="20000.00"),)
    decision = medical("30000.00", history=history)
    # cumulative 50000: 24000 + 9000 = 33000, less 8000 paid
    assert decision.amount == Decimal("25000.00")
    assert decision.cap == Decimal("42000.00")
    assert "累计应付 33000.00 − 已付 8000.00 = 25000.00 元" in decision.trace


@pytest.mark.parametrize(("earlier", "ok"), [(3, True), (4, False)])
def test_fourth_claim_paid_fifth_refused(earlier: int, ok: bool) -> None:
    history = tuple(
        paid("medical", "100", D(2012, 4, 1 + i), event_id=f"w{i + 10}", borne="0") for i in range(earlier)
    )
    decision = medical("20000", history=history)
    assert decision.eligible is ok
    assert ("period_claim_limit" in decision.reason_codes) is not ok


def test_period_cap_reached_earlier() -> None:
    history = (paid("medical", "50000.00", D(2012, 5, 1), event_id="w0", borne="90000.00"),)
    decision = medical("30000.00", history=history)
    assert not decision.eligible
    assert decision.reason_codes == ("period_amount_limit",)


def test_paid_above_cumulative_entitlement_pays_nothing() -> None:
    history = (paid("medical", "9000.00", D(2012, 5, 1), event_id="w0", borne="15000.00"),)
    decision = medical("100.00", history=history)
    assert not decision.eligible
    assert decision.reason_codes == ("below_threshold",)
    assert "累计应付未超过已付金额" in decision.reasons[0].message


def test_earlier_period_history_ignored() -> None:
    history = (paid("medical", "50000.00", D(2011, 5, 1), event_id="w0", borne="90000.00"),)
    assert medical("40000.00", history=history).amount == Decimal("24000.00")


def test_outside_period() -> None:
    decision = evaluate_claim(
        claim(WEIHAI, "medical", treatment("40000", when=D(2013, 3, 12)), coverage=PERIOD), plan(WEIHAI)
    )
    assert decision.reason_codes == ("outside_coverage_period",)
