"""Relief and condolence (Beijing): a cap once the year's self-borne cost reaches a threshold."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from app.rules.calc_common import CATEGORY_NAMES, expect, gate, num, refuse_if_any
from app.rules.decision import Audit, ClaimDecision
from app.rules.errors import CaseError
from app.rules.params import Params
from app.rules.values import ClaimCase, MedicalHardship

if TYPE_CHECKING:
    from app.rules.plans import Benefit, Plan

CAUSE_NAMES = {
    "critical_illness": "重大疾病",
    "accident": "意外伤害",
    "long_term_illness": "患病需长期治疗",
    "accident_disability": "意外伤害致残",
}
REASON_NAMES = {"waiting_period": "因免责期、减责期未获赔付", "outside_scope": "保障范围以外的疾病或意外"}


@dataclass(frozen=True, slots=True)
class ReliefCap:
    """The figure computed is the most that may be paid; the auditor approves up to it.

    ``causes`` are the causes the benefit covers (a family benefit: the family's causes), and
    ``reasons`` the condolence reasons it is paid for: the claim is taken with those, so a benefit
    under any code that declares them is asked and decided alike.
    """

    threshold: Decimal
    cap: Decimal
    causes: tuple[str, ...]
    double_for: frozenset[str]
    reasons: tuple[str, ...]
    min_consecutive_years: int

    @classmethod
    def build(cls, p: Params) -> ReliefCap:
        return cls(
            threshold=p.money("threshold"),
            cap=p.money("cap"),
            causes=p.choices("causes", CAUSE_NAMES, []),
            double_for=frozenset(p.texts("double_for", [])),
            reasons=p.choices("reasons", REASON_NAMES, []),
            min_consecutive_years=p.integer("min_consecutive_years_outside_scope", 0),
        )

    def decide(self, case: ClaimCase, benefit: Benefit, plan: Plan) -> ClaimDecision:
        event = expect(case, MedicalHardship)
        audit = Audit()
        gate(case, benefit, plan, audit)
        if self.causes and event.cause not in self.causes:
            allowed = "、".join(CAUSE_NAMES.get(c, c) for c in self.causes)
            audit.reason(
                "cause_not_covered",
                f"原因“{CAUSE_NAMES.get(event.cause, event.cause)}”不属于本项目（{allowed}）",
            )
        if self.reasons:
            if event.reason not in self.reasons:
                raise CaseError(case.id, "event.reason", f"须为 {'、'.join(self.reasons)} 之一")
            years = case.coverage.consecutive_years
            if event.reason == "outside_scope" and years < self.min_consecutive_years:
                audit.reason(
                    "member_not_eligible",
                    f"连续参加 {years} 年，保障范围以外的情形须连续参加 {self.min_consecutive_years} 年以上",
                )
            else:
                audit.note(f"慰问情形：{REASON_NAMES.get(event.reason, event.reason)}")
        borne = event.self_borne
        audit.note(
            f"自付一 {event.self_pay_1:.2f} + 自付二 {event.self_pay_2:.2f} + 自费 {event.out_of_pocket:.2f}"
            f" = 自负医疗费用 {borne:.2f} 元"
        )
        if borne < self.threshold:
            audit.reason(
                "below_threshold", f"自负医疗费用 {borne:.2f} 元，未达到 {num(self.threshold)} 元（含）"
            )
        refused = refuse_if_any(audit, self.cap)
        if refused:
            return refused
        audit.note(f"达到 {num(self.threshold)} 元（含）起点，最高给付 {self.cap:.2f} 元")
        cap = self.cap
        held = sorted(case.member.categories & self.double_for)
        if held:
            names = "、".join(CATEGORY_NAMES.get(c, c) for c in held)
            cap = self.cap * 2
            audit.reason(
                "doubled_for_category", f"{names}会员，最高额翻倍为 {cap:.2f} 元，且不高于自负医疗费用"
            )
            audit.note(f"{names}会员翻倍：{self.cap:.2f} × 2 = {cap:.2f} 元")
        if cap > borne:
            cap = borne
            audit.note(f"不高于自负医疗费用，按 {borne:.2f} 元")
        return audit.pay(cap, cap)
