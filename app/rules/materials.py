"""The materials a claim needs, as the plan lists them for its case (seed 000, 个性材料):

- relief and condolence when the member has died (``member_deceased``): the plan's
  ``materials_if_member_deceased`` are added (受救助人身份证、关系证明、受救助人银行卡);
- a family benefit for a minor child: ``minor_child_bank_card`` = [the beneficiary's card, the
  member's card] swaps the first for the second (未成年子女须提供会员银行卡复印件).

and what a decision becomes while some are missing (nothing due until they come in).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.rules.decision import ClaimDecision, Reason
from app.rules.idnumber import age_on
from app.rules.money import ZERO
from app.rules.plans import Plan

ADULT_AGE = 18


def required_materials(
    plan: Plan,
    benefit_code: str,
    facts: dict[str, Any],
    relation: str = "self",
    beneficiary_birth: dt.date | None = None,
    on: dt.date | None = None,
) -> tuple[str, ...]:
    benefit = plan.benefit(benefit_code)
    names = list(benefit.materials)
    if facts.get("member_deceased") is True:
        names += [m for m in benefit.materials_if_member_deceased if m not in names]
    swap = benefit.minor_child_bank_card
    minor = (
        relation == "child"
        and beneficiary_birth is not None
        and age_on(beneficiary_birth, on or dt.date.today()) < ADULT_AGE
    )
    if minor and len(swap) == 2:
        names = [swap[1] if m == swap[0] else m for m in names]
    return tuple(names)


def lacking_materials(decision: ClaimDecision, missing: list[str]) -> ClaimDecision:
    """As the rules do for the plan's own list: nothing is due until the materials come in, and
    the computed figure stays visible as the cap."""
    if not missing:
        return decision
    reason = Reason("materials_missing", "缺少材料：" + "、".join(missing))
    trace = (*decision.trace, "材料不全，补齐后方可给付")
    cap = decision.amount if decision.eligible else decision.cap
    return ClaimDecision(False, ZERO, cap, (*decision.reasons, reason), trace)
