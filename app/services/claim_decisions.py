"""Gathering a claim's facts from the database and asking the rules for the decision.

The rules take the headless JSON claim case (RULES.md); this module builds exactly that from the
roster, the enrollments and the member's earlier claims, so the window, the printed form, the
command line and the tests all see the same decision and trace.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Claim, CoveragePeriod, Enrollment, FamilyMember, Member, PlanVersion
from app.rules.case_json import parse_claim_case
from app.rules.claims import evaluate_claim
from app.rules.decision import ClaimDecision, Reason
from app.rules.errors import RulesError
from app.rules.materials import lacking_materials, required_materials
from app.rules.money import from_fen
from app.rules.plans import Plan, PlanCatalogue
from app.services.claim_fields import clean_facts, event_date_of, event_key_of, fields_for
from app.services.code_labels import PlanNames
from app.services.errors import InputErrors, NotFound
from app.services.roster_types import RowError

PAID_STATUSES = ("approved", "paid")
# Claims the office has audited and decided: their costs count toward running figures (RULES.md).
AUDITED_STATUSES = (*PAID_STATUSES, "closed_no_payment")
LIVE_STATUSES = (
    "draft", "submitted", "unit_reviewed", "office_audited", "approved", "paid", "returned",
    "closed_no_payment",
)  # fmt: skip


@dataclass(frozen=True)
class ClaimDraft:
    """What the clerk entered for a claim (facts as typed; they are cleaned and checked here)."""

    member_id: int
    plan_code: str
    benefit: str
    facts: dict[str, Any]
    applied_on: dt.date
    relation: str = "self"
    family_member_id: int | None = None
    materials_received: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assessment:
    """The rules' decision for a draft, with everything the intake screen shows beside it."""

    decision: ClaimDecision
    plan: Plan
    facts: dict[str, Any]
    event_key: str
    event_date: dt.date
    enrollment_id: int | None
    plan_version_id: int | None
    materials: tuple[tuple[str, bool], ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def missing_materials(self) -> list[str]:
        return [name for name, received in self.materials if not received]


def self_borne_of(kind: str, facts: dict[str, Any]) -> str | None:
    """The claim's own self-borne cost where its plan adds it up over a period or a year."""
    if kind == "banded_cumulative":
        return str(Decimal(facts["total_cost"]) - Decimal(facts["insurance_paid"]))
    if kind == "deductible_proportion":
        return str(facts["self_pay_1"])
    return None


def _covering_enrollment(
    s: Session, member_id: int, plan: Plan, on: dt.date
) -> tuple[Enrollment, CoveragePeriod] | None:
    q = (
        select(Enrollment, CoveragePeriod)
        .join(CoveragePeriod, Enrollment.period_id == CoveragePeriod.id)
        .where(Enrollment.member_id == member_id, Enrollment.status == "active")
        .order_by(CoveragePeriod.start, Enrollment.id)
    )
    if plan.covered_by == "fee_based_plans":
        # Seed 000: any fee-based plan's coverage on the event date; nothing else qualifies.
        rows = s.execute(q.where(CoveragePeriod.fee_fen > 0)).tuples().all()
        covering = [(e, p) for e, p in rows if max(p.start, e.effective_date) <= on <= p.end]
        return covering[-1] if covering else None
    rows = s.execute(q.where(CoveragePeriod.plan_code == plan.code)).tuples().all()
    covering = [(e, p) for e, p in rows if p.start <= on <= p.end]
    if covering:
        return covering[-1]
    earlier = [(e, p) for e, p in rows if p.start <= on]
    # Past the last period: the rules then explain that the event is outside the coverage period.
    return earlier[-1] if earlier else (rows[0] if rows else None)


def _consecutive_years(s: Session, member_id: int, period: CoveragePeriod) -> int:
    numbers = set(
        s.scalars(
            select(CoveragePeriod.number)
            .join(Enrollment, Enrollment.period_id == CoveragePeriod.id)
            .where(Enrollment.member_id == member_id, CoveragePeriod.plan_code == period.plan_code)
        )
    )
    years, n = 0, period.number
    while n in numbers:
        years, n = years + 1, n - 1
    return years


def _fee_based_years(s: Session, member_id: int, on: dt.date) -> int:
    """Consecutive calendar years up to ``on``'s in which the member was in coverage of a fee-based
    plan (RULES.md: from the member's real enrollments, year by year)."""
    covered: set[int] = set()
    for effective, start, end in s.execute(
        select(Enrollment.effective_date, CoveragePeriod.start, CoveragePeriod.end)
        .join(CoveragePeriod, Enrollment.period_id == CoveragePeriod.id)
        .where(Enrollment.member_id == member_id, Enrollment.status == "active", CoveragePeriod.fee_fen > 0)
    ):
        first = max(start, effective)
        covered.update(range(first.year, min(end, on).year + 1) if first <= on else ())
    years, year = 0, on.year
    while year in covered:
        years, year = years + 1, year - 1
    return years


def _history(s: Session, member_id: int, plan: Plan, exclude: int | None) -> list[dict[str, Any]]:
    q = select(Claim).where(
        Claim.member_id == member_id, Claim.plan_code == plan.code, Claim.status.in_(AUDITED_STATUSES)
    )
    out = []
    for c in s.scalars(q):
        if c.id == exclude:
            continue
        kind = plan.benefits[c.benefit].kind if c.benefit in plan.benefits else ""
        paid = c.paid_fen if c.paid_fen is not None else c.approved_fen or 0
        out.append(
            {
                "benefit": c.benefit,
                "event_id": c.event_key,
                "paid": str(from_fen(paid)),
                "date": c.event_date.isoformat(),
                "self_borne": self_borne_of(kind, json.loads(c.facts)),
            }
        )
    return out


def _paid_stays(s: Session, draft: ClaimDraft, exclude: int | None) -> list[dict[str, str]]:
    """The member's stays paid or approved by the day under any plan (their days are paid once)."""
    q = select(Claim.id, Claim.claim_no, Claim.facts).where(
        Claim.member_id == draft.member_id,
        Claim.relation == draft.relation,
        Claim.status.in_(PAID_STATUSES),
    )
    out = []
    for cid, claim_no, text in s.execute(q.order_by(Claim.id)):
        facts = json.loads(text)
        if cid != exclude and facts.get("admission_date") and facts.get("discharge_date"):
            out.append(
                {"claim": claim_no, "admission_date": facts["admission_date"],
                 "discharge_date": facts["discharge_date"]}
            )  # fmt: skip
    return out


def _not_enrolled(plan: Plan, on: dt.date) -> ClaimDecision:
    if plan.covered_by == "fee_based_plans":
        reason = f"事件日期 {on.isoformat()} 该会员不在任何会费型互助保障活动的保障期内"
        trace = "本活动面向参加会费型互助保障活动、在保障期内的会员及其家属，该会员不符合，不能给付"
    else:
        reason, trace = "查无该会员参加本计划的记录", "该会员没有参加本计划的有效参保记录，不能给付"
    refused = (Reason("member_not_eligible", reason),)
    return ClaimDecision(False, Decimal("0.00"), Decimal("0.00"), refused, (trace,))


def assess(
    s: Session, catalogue: PlanCatalogue, draft: ClaimDraft, claim_id: int | None = None
) -> Assessment:
    """Clean the facts (raising InputErrors with every bad field) and decide."""
    member = s.get(Member, draft.member_id)
    if member is None:
        raise NotFound("会员不存在")
    try:
        plan_any = catalogue.get(draft.plan_code)
        kind = plan_any.benefit(draft.benefit).kind
    except RulesError as exc:
        raise InputErrors([RowError(0, "保障项目", str(exc))], "理赔资料有误") from exc
    facts, errors = clean_facts(fields_for(plan_any.benefit(draft.benefit)), draft.facts)
    if draft.relation not in ("self", "spouse", "child"):
        errors.append(RowError(0, "受益人", "应为本人、配偶或子女"))
    if draft.relation != "self":
        fam = s.get(FamilyMember, draft.family_member_id) if draft.family_member_id else None
        if fam is None or fam.member_id != member.id or fam.relation != draft.relation:
            errors.append(RowError(0, "受益人", "请选择该会员登记的配偶或子女"))
    if errors:
        raise InputErrors(errors, "理赔资料有误")
    event_date = event_date_of(kind, facts)
    plan = catalogue.get(draft.plan_code, event_date)
    benefit = (
        plan.benefit(draft.benefit) if draft.benefit in plan.benefits else plan_any.benefit(draft.benefit)
    )
    fam_id = draft.family_member_id if draft.relation != "self" else None
    fam = s.get(FamilyMember, fam_id) if fam_id else None
    needed = required_materials(
        plan if draft.benefit in plan.benefits else plan_any, draft.benefit, facts, draft.relation,
        fam.birth_date if fam else None, draft.applied_on,
    )  # fmt: skip
    materials = tuple((m, m in draft.materials_received) for m in needed)
    own_list = needed == tuple(benefit.materials)
    found = _covering_enrollment(s, member.id, plan, event_date)
    event_key = event_key_of(kind, draft.benefit, facts)
    if found is None:
        decision = _not_enrolled(plan, event_date)
        enrollment_id = None
    else:
        enrollment, period = found
        enrollment_id = enrollment.id
        years = (
            _fee_based_years(s, member.id, event_date)
            if plan.covered_by == "fee_based_plans"
            else _consecutive_years(s, member.id, period)
        )
        categories = [
            c for c, on in (("model_worker", member.is_model_worker), ("hardship", member.is_hardship)) if on
        ]
        case = {
            "id": str(claim_id or "new"), "plan": plan.code, "benefit": draft.benefit,
            "applied_on": draft.applied_on.isoformat(),
            "member": {"birth_date": member.birth_date.isoformat(), "employment": member.employment,
                       "categories": categories},
            "beneficiary": {"relation": draft.relation},
            "coverage": {"period_start": period.start.isoformat(), "period_end": period.end.isoformat(),
                         "effective_date": enrollment.effective_date.isoformat(), "tier": period.tier,
                         "consecutive_years": years},
            "event": {**facts, "event_id": event_key},  # the rules pay one event once, across benefits
            "history": _history(s, member.id, plan, claim_id),
            # the plan's own list goes to the rules; a case's other list is checked below
            "materials": list(draft.materials_received) if benefit.materials and own_list else None,
            "stays": _paid_stays(s, draft, claim_id) if kind == "daily_allowance" else [],
        }  # fmt: skip
        try:
            decision = evaluate_claim(parse_claim_case(case, catalogue), plan)
        except RulesError as exc:
            raise InputErrors([RowError(0, "理赔资料", str(exc))], "理赔资料有误") from exc
        if not own_list:
            decision = lacking_materials(decision, [m for m, ok in materials if not ok])
    version_id = s.scalar(
        select(PlanVersion.id)
        .where(PlanVersion.plan_code == plan.code, PlanVersion.version == plan.version.isoformat())
        .order_by(PlanVersion.id.desc())
        .limit(1)
    )
    warnings = duplicate_warnings(s, member, draft, kind, facts, event_key, claim_id, PlanNames(catalogue))
    return Assessment(
        decision, plan, facts, event_key, event_date, enrollment_id, version_id, materials, tuple(warnings)
    )


def _span(kind: str, facts: dict[str, Any]) -> tuple[str, str] | None:
    if kind == "daily_allowance":
        return facts["admission_date"], facts["discharge_date"]
    if kind == "banded_cumulative":
        return facts["treatment_start"], facts["treatment_end"]
    return None


def duplicate_warnings(
    s: Session,
    member: Member,
    draft: ClaimDraft,
    kind: str,
    facts: dict[str, Any],
    event_key: str,
    claim_id: int | None,
    names: PlanNames,
) -> list[str]:
    """Flags before submission: the event already paid, the same stay under another benefit or plan,
    and the same person and event claimed through another unit."""
    warnings: list[str] = []
    others = [
        c
        for c in s.scalars(select(Claim).where(Claim.member_id == member.id, Claim.status.in_(LIVE_STATUSES)))
        if c.id != claim_id
    ]
    for c in others:
        if c.event_key == event_key and c.status in PAID_STATUSES:
            amount = from_fen(c.paid_fen if c.paid_fen is not None else c.approved_fen or 0)
            benefit = names.benefit(c.plan_code, c.benefit)
            warnings.append(f"同一事件已给付：理赔 {c.claim_no}（{benefit}）{amount} 元")
        span = _span(kind, facts)
        if span and (c.plan_code, c.benefit) != (draft.plan_code, draft.benefit):
            other = json.loads(c.facts)
            other_span = (
                other.get("admission_date") or other.get("treatment_start"),
                other.get("discharge_date") or other.get("treatment_end"),
            )
            if other_span[0] and other_span[1] and other_span[0] <= span[1] and span[0] <= other_span[1]:
                warnings.append(
                    f"同一住院期间已在其他项目申请：理赔 {c.claim_no}"
                    f"（{names.plan(c.plan_code)} / {names.benefit(c.plan_code, c.benefit)}，"
                    f"{other_span[0]} 至 {other_span[1]}）"
                )
    person = member.id_number
    if draft.relation != "self" and draft.family_member_id:
        fam = s.get(FamilyMember, draft.family_member_id)
        person = fam.id_number if fam else person
    q = (
        select(Claim.claim_no, Claim.unit_id, Member.id_number, FamilyMember.id_number)
        .join(Member, Claim.member_id == Member.id)
        .outerjoin(FamilyMember, Claim.family_member_id == FamilyMember.id)
        .where(Claim.event_key == event_key, Claim.unit_id != member.unit_id, Claim.status.in_(LIVE_STATUSES))
    )
    for claim_no, _unit, member_number, family_number in s.execute(q):
        if person in (member_number if family_number is None else family_number,):
            warnings.append(f"同一人、同一事件已由其他单位申请：理赔 {claim_no}")
    return warnings
