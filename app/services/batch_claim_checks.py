"""What the office checks of a claim that came in a unit's batch before it prices it itself.

A unit's claims batch carries each claim's facts; the office's rules decide from those alone. So a
claim without the facts its benefit needs is refused (never taken at the unit's figure), and the
office's own assessment either prices it or says why it cannot.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.rules.errors import RulesError
from app.rules.plans import PlanCatalogue
from app.services.claim_decisions import Assessment, ClaimDraft, assess
from app.services.claim_fields import clean_facts, fields_for
from app.services.errors import InputErrors, ServiceError


def facts_problem(catalogue: PlanCatalogue, line: Any) -> str | None:
    """Why the facts a batch line carries cannot price its benefit (missing or bad fields), or None."""
    if not isinstance(line.facts, dict) or not line.facts:
        return "没有随批次报送理赔事实（费用、日期等）"
    try:
        benefit = catalogue.get(line.plan).benefit(line.benefit)
    except RulesError as exc:
        return f"的保障项目不对（{exc}）"
    _facts, errors = clean_facts(fields_for(benefit), line.facts)
    if errors:
        return "的理赔事实不全或有误（" + "；".join(f"{e.column}{e.message}" for e in errors[:5]) + "）"
    return None


def office_assessment(
    s: Session, catalogue: PlanCatalogue, draft: ClaimDraft, claim_id: int | None = None
) -> tuple[Assessment | None, str]:
    """The office's own decision on a batch claim, or None and the reason it cannot be made."""
    try:
        return assess(s, catalogue, draft, claim_id), ""
    except InputErrors as exc:
        return None, "；".join(f"{e.column}{e.message}" for e in exc.errors[:5])
    except ServiceError as exc:
        return None, str(exc)
