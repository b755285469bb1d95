"""Allowances paid by the day: hospital allowance (Jilin) and accident allowance (Beijing)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from app.rules.calc_common import expect, gate, num, paid_entries, refuse_if_any
from app.rules.decision import Audit, ClaimDecision
from app.rules.errors import CaseError, PlanError
from app.rules.money import ZERO
from app.rules.params import Params
from app.rules.values import ClaimCase, HospitalStay, Injury, PaidStay

if TYPE_CHECKING:
    from app.rules.plans import Benefit, Plan


@dataclass(frozen=True, slots=True)
class DailyAllowance:
    """Days × daily rate per stay, capped per stay and per period, with a count per period."""

    local_daily: Decimal
    local_stay_cap: Decimal
    remote_daily: Decimal
    remote_stay_cap: Decimal
    min_stay_days: int
    min_hospital_grade: int
    max_paid_per_period: int
    period_cap: Decimal
    min_payment: Decimal

    @classmethod
    def build(cls, p: Params) -> DailyAllowance:
        return cls(
            local_daily=p.money("local_daily"),
            local_stay_cap=p.money("local_stay_cap"),
            remote_daily=p.money("remote_daily"),
            remote_stay_cap=p.money("remote_stay_cap"),
            min_stay_days=p.integer("min_stay_days"),
            min_hospital_grade=p.integer("min_hospital_grade"),
            max_paid_per_period=p.integer("max_paid_per_period"),
            period_cap=p.money("period_cap"),
            min_payment=p.money("min_payment", 0),
        )

    def decide(self, case: ClaimCase, benefit: Benefit, plan: Plan) -> ClaimDecision:
        stay = expect(case, HospitalStay)
        audit = Audit()
        gate(case, benefit, plan, audit)
        daily, stay_cap, where = (
            (self.local_daily, self.local_stay_cap, "本地")
            if stay.local
            else (self.remote_daily, self.remote_stay_cap, "异地")
        )
        days = (stay.discharge_date - stay.admission_date).days
        if days < self.min_stay_days:
            audit.reason(
                "stay_too_short", f"住院 {days} 天（出院日期减入院日期），须超过 {self.min_stay_days - 1} 天"
            )
        if stay.hospital_grade < self.min_hospital_grade:
            audit.reason(
                "hospital_grade_too_low",
                f"医院为 {stay.hospital_grade} 级，须为 {self.min_hospital_grade} 级（含）以上医疗机构",
            )
        earlier = paid_entries(case, (benefit.code,), period=True)
        already = sum((e.paid for e in earlier), ZERO)
        count = len(earlier)
        remaining = self.period_cap - already
        if count >= self.max_paid_per_period:
            audit.reason(
                "period_claim_limit",
                f"本期已领取 {count} 次，每个保障期最多 {self.max_paid_per_period} 次",
            )
        elif remaining <= ZERO:
            audit.reason(
                "period_amount_limit", f"本期已领取 {already:.2f} 元，已达每期最高 {self.period_cap:.2f} 元"
            )
        payable = _days_not_yet_paid(case, stay, days, audit)
        refused = refuse_if_any(audit, stay_cap)
        if refused:
            return refused
        if payable < days:
            audit.reason("overlapping_stay", f"{days - payable} 天已给付，只给付未给付的 {payable} 天")
        amount = daily * payable
        audit.note(
            f"{where}住院 {payable} 天 × {num(daily)} 元/天 = {amount:.2f} 元；"
            f"本期已领取 {count} 次，未超过 {self.max_paid_per_period} 次"
        )
        if amount > stay_cap:
            amount = stay_cap
            audit.reason("stay_amount_limit", f"超过{where}住院每次最高 {stay_cap:.2f} 元")
            audit.note(f"每次最高 {stay_cap:.2f} 元，按 {stay_cap:.2f} 元")
        if amount < self.min_payment:
            amount = self.min_payment
            audit.reason("minimum_payment", f"每次最低给付 {self.min_payment:.2f} 元")
            audit.note(f"不足每次最低 {self.min_payment:.2f} 元，按 {self.min_payment:.2f} 元")
        cap = min(stay_cap, remaining)
        if amount > remaining:
            amount = remaining
            audit.reason(
                "period_amount_limit",
                f"本期已领取 {already:.2f} 元，每期最高 {self.period_cap:.2f} 元，"
                f"本次至多 {remaining:.2f} 元",
            )
            audit.note(f"本期剩余额度 {remaining:.2f} 元，按 {remaining:.2f} 元")
        return audit.pay(amount, cap)


def _days_not_yet_paid(case: ClaimCase, stay: HospitalStay, days: int, audit: Audit) -> int:
    """The stay's days less those of stays already paid or approved (RULES.md: the same days are
    paid once); every overlapping earlier claim is named in the trace."""
    own = PaidStay("", stay.admission_date, stay.discharge_date).days()
    taken: set[dt.date] = set()
    for earlier in case.stays:
        common = own & earlier.days()
        if common:
            taken |= common
            audit.note(
                f"与理赔 {earlier.claim}（{earlier.admission_date.isoformat()} 至 "
                f"{earlier.discharge_date.isoformat()}）重叠 {len(common)} 天，已给付的天数不再给付"
            )
    if not taken:
        return days
    left = max(days - len(taken), 0)
    if left == 0:
        claims = "、".join(s.claim for s in case.stays if own & s.days())
        audit.reason("overlapping_stay", f"住院日期与已给付的理赔 {claims} 完全重叠，不再给付")
    return left


@dataclass(frozen=True, slots=True)
class AllowanceEra:
    starts: dt.date
    max_days: int
    # tier code → (daily life allowance, daily hospital allowance)
    tiers: dict[str, tuple[Decimal, Decimal]]


@dataclass(frozen=True, slots=True)
class TieredDailyAllowance:
    """Life and hospital allowance by fee tier; figures and day limits change by era."""

    eras: tuple[AllowanceEra, ...]

    @classmethod
    def build(cls, p: Params) -> TieredDailyAllowance:
        eras = []
        for e in p.tables("eras"):
            tiers = e.table("tiers")
            rates = {
                code: (tiers.table(code).money("life"), tiers.table(code).money("hospital"))
                for code in tiers.data
            }
            starts = e.date("from", None) or dt.date.min
            eras.append(AllowanceEra(starts, e.integer("max_days"), rates))
        if not eras:
            raise PlanError(f"{p.where}：参数 eras 至少须有一个时期")
        return cls(tuple(sorted(eras, key=lambda era: era.starts)))

    def era_for(self, day: dt.date) -> AllowanceEra:
        chosen = self.eras[0]
        for era in self.eras:
            if era.starts <= day:
                chosen = era
        return chosen

    def decide(self, case: ClaimCase, benefit: Benefit, plan: Plan) -> ClaimDecision:
        injury = expect(case, Injury)
        era = self.era_for(injury.injury_date)
        tier = case.coverage.tier
        if tier not in era.tiers:
            raise CaseError(
                case.id, "coverage.tier", f"须为 {'、'.join(era.tiers)} 之一，实际为 {tier or '空'}"
            )
        life_rate, hospital_rate = era.tiers[tier]
        cap = (life_rate + hospital_rate) * era.max_days
        audit = Audit()
        gate(case, benefit, plan, audit)
        refused = refuse_if_any(audit, cap)
        if refused:
            return refused
        since = f"{era.starts.isoformat()} 起" if era.starts != dt.date.min else "早期"
        audit.note(
            f"会费档次 {tier}，适用{since}标准：生活补助 {num(life_rate)} 元/天，"
            f"住院补助 {num(hospital_rate)} 元/天，"
            f"各最多 {era.max_days} 天"
        )
        total = ZERO
        for label, days, rate in (
            ("生活补助", injury.life_days, life_rate),
            ("住院补助", injury.hospital_days, hospital_rate),
        ):
            paid_days = min(days, era.max_days)
            if days > era.max_days:
                audit.reason("days_limit", f"{label} {days} 天，最多给付 {era.max_days} 天")
            part = rate * paid_days
            audit.note(f"{label} {paid_days} 天 × {num(rate)} 元/天 = {part:.2f} 元")
            total += part
        return audit.pay(total, cap)
