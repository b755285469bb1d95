"""A claim's place in its coverage period: its application number (slot), the amounts of the
period's applications up to it and their running total (Weihai's 申请审核表, `claim show`).

The period is the coverage period of the claim's enrollment, never the calendar year (RULES.md,
"Across a period"). The applications are the claims the office has audited and decided — paid,
approved, or closed with nothing due — in the order they were applied for, and the claim itself.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import Claim, CoveragePeriod, Enrollment
from app.rules.money import ZERO, from_fen
from app.rules.plans import PlanCatalogue
from app.services.claim_decisions import AUDITED_STATUSES, self_borne_of


@dataclass(frozen=True)
class PeriodFigures:
    period: tuple[dt.date, dt.date] | None
    slot: int
    slots: tuple[Decimal, ...]  # the amounts of applications 1 … slot of the period
    self_borne: Decimal | None

    @property
    def period_total(self) -> Decimal:
        return sum(self.slots, ZERO)


def claim_amount(c: Claim) -> Decimal:
    """What a claim stands for in the running total: paid, else approved, else computed."""
    fen = c.paid_fen if c.paid_fen is not None else c.approved_fen
    return from_fen(fen if fen is not None else c.amount_fen)


def coverage_of(s: Session, claim: Claim) -> tuple[dt.date, dt.date] | None:
    if claim.enrollment_id is None:
        return None
    found = s.execute(
        select(CoveragePeriod.start, CoveragePeriod.end)
        .join(Enrollment, Enrollment.period_id == CoveragePeriod.id)
        .where(Enrollment.id == claim.enrollment_id)
    ).first()
    return (found[0], found[1]) if found else None


def period_figures(s: Session, claim: Claim, catalogue: PlanCatalogue) -> PeriodFigures:
    period = coverage_of(s, claim)
    q = select(Claim).where(
        Claim.member_id == claim.member_id,
        Claim.plan_code == claim.plan_code,
        Claim.benefit == claim.benefit,
        or_(Claim.status.in_(AUDITED_STATUSES), Claim.id == claim.id),
    )
    if period is not None:
        q = q.where(Claim.event_date >= period[0], Claim.event_date <= period[1])
    else:
        q = q.where(Claim.id == claim.id)
    ordered = sorted(s.scalars(q), key=lambda c: (c.applied_on, c.id))
    upto = ordered[: next(i for i, c in enumerate(ordered) if c.id == claim.id) + 1]
    plan = catalogue.get(claim.plan_code, claim.event_date)
    kind = plan.benefits[claim.benefit].kind if claim.benefit in plan.benefits else ""
    borne = self_borne_of(kind, json.loads(claim.facts))
    return PeriodFigures(
        period, len(upto), tuple(claim_amount(c) for c in upto), Decimal(borne) if borne is not None else None
    )


def claim_summary(s: Session, claim_no: str, catalogue: PlanCatalogue) -> dict[str, object]:
    """`claim show --json`: the claim's money as decided, its slot and the period's running total."""
    from app.services.claims import STATUS_LABELS  # the workflow module imports the rules' side first

    claim = s.scalars(select(Claim).where(Claim.claim_no == claim_no.strip())).first()
    if claim is None:
        from app.services.errors import NotFound

        raise NotFound(f"理赔编号 {claim_no} 不存在")
    figures = period_figures(s, claim, catalogue)
    decision = json.loads(claim.decision or "{}")

    def money(fen: int | None) -> str | None:
        return f"{from_fen(fen):.2f}" if fen is not None else None

    return {
        "claim_no": claim.claim_no,
        "status": claim.status,
        "status_label": STATUS_LABELS.get(claim.status, claim.status),
        "plan": claim.plan_code,
        "benefit": claim.benefit,
        "event_date": claim.event_date.isoformat(),
        "applied_on": claim.applied_on.isoformat(),
        "computed": money(claim.amount_fen),
        "cap": money(claim.cap_fen),
        "approved": money(claim.approved_fen),
        "paid": money(claim.paid_fen),
        "self_borne": f"{figures.self_borne:.2f}" if figures.self_borne is not None else None,
        "period": [d.isoformat() for d in figures.period] if figures.period else None,
        "slot": figures.slot,
        "period_total": f"{figures.period_total:.2f}",
        "reasons": [{"code": code, "message": message} for code, message in decision.get("reasons", [])],
        "trace": list(decision.get("trace", [])),
    }
