"""Claim decisions: route a case to its benefit's calculator, then check the materials."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from app.rules.decision import ClaimDecision
from app.rules.errors import CaseError
from app.rules.materials import lacking_materials
from app.rules.plans import Plan, PlanCatalogue
from app.rules.values import ClaimCase


def evaluate_claim(case: ClaimCase, plan: Plan) -> ClaimDecision:
    """Decide what ``case`` is due under ``plan``: eligible, amount, cap, reasons and trace.

    Raises ``CaseError`` when the case does not fit the plan (wrong plan, event of another
    benefit, unknown tier) and ``UnknownPlan`` for a benefit the plan does not have.
    """
    if case.plan != plan.code:
        raise CaseError(case.id, "plan", f"为 {case.plan}，与所用方案 {plan.code} 不符")
    benefit = plan.benefit(case.benefit)
    decision = benefit.calculator.decide(case, benefit, plan)
    if case.materials is None or not benefit.materials:
        return decision
    return lacking_materials(decision, [m for m in benefit.materials if m not in case.materials])


def evaluate_claims(cases: Iterable[ClaimCase], catalogue: PlanCatalogue) -> Iterator[ClaimDecision]:
    """Decide each case under the plan version in force on its event date."""
    for case in cases:
        yield evaluate_claim(case, catalogue.get(case.plan, case.event.event_date))
