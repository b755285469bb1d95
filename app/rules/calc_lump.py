"""One-off sums: critical illness by days since the effective date, death or disability by grade."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from app.rules.calc_common import expect, gate, num, paid_entries, pct, refuse_if_any
from app.rules.decision import Audit, ClaimDecision
from app.rules.errors import CaseError, PlanError
from app.rules.money import ZERO, quantize
from app.rules.params import Params
from app.rules.values import Accident, ClaimCase, Diagnosis

if TYPE_CHECKING:
    from app.rules.plans import Benefit, Plan


@dataclass(frozen=True, slots=True)
class DayTier:
    up_to_days: int | None  # None: no upper bound
    amount: Decimal
    label: str


@dataclass(frozen=True, slots=True)
class LumpSumByDays:
    """A listed illness, first diagnosed: the sum depends on days since the effective date."""

    diseases: tuple[str, ...]  # in the plan file's order, as the intake form offers them
    tiers: tuple[DayTier, ...]
    once_per_period: bool

    @classmethod
    def build(cls, p: Params) -> LumpSumByDays:
        tiers = tuple(
            DayTier(t.optional_integer("up_to_days"), t.money("amount"), t.text("label"))
            for t in p.tables("tiers")
        )
        if not tiers or tiers[-1].up_to_days is not None:
            raise PlanError(f"{p.where}：参数 tiers 的最后一档不能有 up_to_days")
        return cls(p.texts("diseases"), tiers, p.boolean("once_per_period", True))

    def decide(self, case: ClaimCase, benefit: Benefit, plan: Plan) -> ClaimDecision:
        diagnosis = expect(case, Diagnosis)
        audit = Audit()
        gate(case, benefit, plan, audit)
        if diagnosis.disease not in self.diseases:
            audit.reason(
                "disease_not_covered", f"“{diagnosis.disease}”不在本计划所列 {len(self.diseases)} 种疾病内"
            )
        if not diagnosis.first_diagnosis:
            audit.reason("not_first_diagnosis", "须为首次确诊")
        if self.once_per_period:
            earlier = paid_entries(case, (benefit.code,), period=True)
            if earlier:
                audit.reason("period_claim_limit", f"本期已于 {earlier[0].date.isoformat()} 领取，每期限一次")
        top = self.tiers[-1].amount
        refused = refuse_if_any(audit, top)
        if refused:
            return refused
        days = (diagnosis.diagnosis_date - case.coverage.effective_date).days
        tier = next(t for t in self.tiers if t.up_to_days is None or days <= t.up_to_days)
        audit.note(
            f"生效日 {case.coverage.effective_date.isoformat()} 至确诊日 "
            f"{diagnosis.diagnosis_date.isoformat()} 共 {days} 日：{tier.label}"
        )
        if tier.amount <= ZERO:
            audit.reason("waiting_period", f"生效后第 {days} 日确诊，处于等待期（{tier.up_to_days} 日内）")
            return audit.refuse(ZERO)
        if tier is not self.tiers[-1]:
            audit.reason(
                "reduced_benefit_period", f"生效后第 {days} 日确诊，给付{tier.label} {tier.amount:.2f} 元"
            )
        audit.note(f"一次性给付 {tier.amount:.2f} 元")
        return audit.pay(tier.amount, tier.amount)


@dataclass(frozen=True, slots=True)
class DisabilityByGrade:
    """Death pays a fixed sum, disability a base × the grade's proportion; once per accident,
    except that a death after a paid disability pays the difference."""

    death_amount: Decimal
    disability_base: Decimal
    # Declared: an accident during a hospital stay for illness pays on this base (and the claim asks).
    in_hospital_disability_base: Decimal | None
    proportions: tuple[Decimal, ...]  # grade 1 first
    in_force_from: dt.date | None

    @classmethod
    def build(cls, p: Params) -> DisabilityByGrade:
        proportions = p.moneys("grade_proportions")
        if len(proportions) != 10 or any(x > 1 for x in proportions):
            raise PlanError(f"{p.where}：参数 grade_proportions 须为 1–10 级的 10 个比例")
        in_hospital = p.money("in_hospital_disability_base") if p.has("in_hospital_disability_base") else None
        return cls(
            p.money("death_amount"),
            p.money("disability_base"),
            in_hospital,
            proportions,
            p.date("in_force_from", None),
        )

    def entitlement(self, case: ClaimCase, accident: Accident, audit: Audit) -> Decimal:
        if accident.outcome == "death":
            audit.note(f"意外身故：{self.death_amount:.2f} 元")
            return self.death_amount
        grade = accident.disability_grade
        if grade is None or not 1 <= grade <= 10:
            raise CaseError(case.id, "event.disability_grade", "须为 1 到 10 的伤残等级")
        base, how = self.disability_base, "意外伤残"
        if accident.during_illness_hospitalization and self.in_hospital_disability_base is not None:
            base, how = self.in_hospital_disability_base, "因病住院期间发生意外致残"
        proportion = self.proportions[grade - 1]
        amount = quantize(base * proportion)
        audit.note(f"{how}：{num(base)} 元 × {grade} 级伤残比例 {pct(proportion)} = {amount:.2f} 元")
        return amount

    def decide(self, case: ClaimCase, benefit: Benefit, plan: Plan) -> ClaimDecision:
        accident = expect(case, Accident)
        audit = Audit()
        gate(case, benefit, plan, audit, check_event=False)
        if self.in_force_from and accident.accident_date < self.in_force_from:
            audit.reason("benefit_not_in_force", f"本项目自 {self.in_force_from.isoformat()} 起实施")
        entitled = self.entitlement(case, accident, audit)
        # The same event once per benefit; across benefits only where the plan says so (seed 000).
        wanted = plan.benefits if plan.one_benefit_per_event else (benefit.code,)
        same_event = [e for e in paid_entries(case, wanted) if e.event_id == accident.event_id]
        other = [e for e in same_event if e.benefit != benefit.code]
        prior = sum((e.paid for e in same_event), ZERO)
        if other:
            audit.reason(
                "already_paid_for_event",
                f"同一事件 {accident.event_id} 已领取{plan.benefits[other[0].benefit].name}，"
                "同一事件只给付一次",
            )
        elif prior > ZERO and (accident.outcome != "death" or prior >= entitled):
            audit.reason(
                "already_paid_for_event",
                f"同一事件 {accident.event_id} 已领取 {prior:.2f} 元，每次意外只给付一次",
            )
        refused = refuse_if_any(audit, max(entitled - prior, ZERO))
        if refused:
            return refused
        if prior > ZERO:
            audit.reason("paid_difference", f"同一事件已给付伤残互助金 {prior:.2f} 元，身故只补差额")
            audit.note(f"{entitled:.2f} 元 − 已给付 {prior:.2f} 元 = {entitled - prior:.2f} 元")
        return audit.pay(entitled - prior, entitled - prior)
