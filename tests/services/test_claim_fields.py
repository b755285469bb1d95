"""The facts a claim is taken with come from the benefit's kind and its declarations, never its code
(issue 18 item 9): every shipped benefit, copied under new plan and benefit codes, asks the same."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from app.rules.calc_relief import CAUSE_NAMES, REASON_NAMES
from app.rules.plans import Plan, load_plans, plan_from_dict
from app.services.claim_fields import CAUSE_CHOICES, REASON_CHOICES, specs_of

SHIPPED = load_plans()
BENEFITS = [(p.code, b) for p in SHIPPED.plans() for b in p.benefits]


def _renamed(plan: Plan, benefit: str) -> Plan:
    """The plan under a new code, holding only ``benefit`` under a new code."""
    data: dict[str, Any] = copy.deepcopy(dict(plan.raw))
    data["code"] = f"testcity-{plan.code}"
    data["benefits"] = {f"new_{benefit}": data["benefits"][benefit]}
    return plan_from_dict(data, "复制的方案")


def _shape(plan: Plan, benefit: str) -> list[tuple[object, ...]]:
    return [(f.name, f.label, f.type, f.choices, f.required, f.hint) for f in specs_of(plan, benefit)]


@pytest.mark.parametrize(("plan_code", "benefit"), BENEFITS)
def test_a_benefit_under_new_codes_asks_the_same_facts(plan_code: str, benefit: str) -> None:
    plan = SHIPPED.get(plan_code)
    assert _shape(_renamed(plan, benefit), f"new_{benefit}") == _shape(plan, benefit)


def test_what_the_declarations_ask() -> None:
    relief = SHIPPED.get("beijing-relief")
    names = {b: [f.name for f in specs_of(relief, b)] for b in relief.benefits}
    assert "reason" in names["condolence"] and "reason" not in names["relief"]  # reasons = [...]
    assert "member_deceased" in names["relief"]  # materials_if_member_deceased = [...]
    assert "member_deceased" not in names["family_condolence"]  # the member applies for the family
    family = {f.name: f for f in specs_of(relief, "family_condolence")}
    assert [v for v, _label in family["cause"].choices] == ["long_term_illness", "accident_disability"]
    medical = SHIPPED.get("beijing-inservice-medical")
    assert "first_stay_of_year" in [f.name for f in specs_of(medical, "inpatient")]  # deductible per stay
    assert "first_stay_of_year" not in [f.name for f in specs_of(medical, "outpatient")]  # per year
    child = SHIPPED.get("beijing-accident")
    assert "during_illness_hospitalization" not in [f.name for f in specs_of(child, "child_accident")]
    jilin = SHIPPED.get("jilin-2020-hospital-combo")
    assert "during_illness_hospitalization" in [f.name for f in specs_of(jilin, "accident")]
    diseases = {f.name: f for f in specs_of(jilin, "critical_illness")}["disease"].choices
    assert diseases[0] == ("恶性肿瘤", "恶性肿瘤") and len(diseases) == 15  # the plan file's order


def test_every_cause_and_reason_the_rules_accept_has_an_intake_label() -> None:
    assert [c for c, _label in CAUSE_CHOICES] == list(CAUSE_NAMES)
    assert [r for r, _label in REASON_CHOICES] == list(REASON_NAMES)
