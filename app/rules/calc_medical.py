"""Medical cost sharing: Beijing's proportion above a deductible, Weihai's cumulative bands."""

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
from app.rules.values import ClaimCase, PeriodCost, Treatment

if TYPE_CHECKING:
    from app.rules.plans import Benefit, Plan


@dataclass(frozen=True, slots=True)
class DeductibleProportion:
    """A proportion of self_pay_1 above a deductible, with an annual cap shared by benefits.

    ``deductible_scope = "year"``: the deductible applies once to the year's cumulative
    self_pay_1 (history carries each earlier claim's ``self_borne``); ``"claim"``: per claim,
    with ``later_deductible`` for stays after the first of the year.
    """

    period_kind: str
    deductible: Decimal
    later_deductible: Decimal
    deductible_scope: str
    proportion: Decimal
    annual_cap: Decimal
    annual_cap_benefits: tuple[str, ...]
    claim_from_day: int

    @classmethod
    def build(cls, p: Params) -> DeductibleProportion:
        kind, scope = p.text("period_kind"), p.text("deductible_scope", "claim")
        if kind not in ("quarter", "month") or scope not in ("year", "claim"):
            raise PlanError(
                f"{p.where}：period_kind 须为 quarter 或 month，deductible_scope 须为 year 或 claim"
            )
        deductible = p.money("deductible")
        return cls(
            kind,
            deductible,
            p.money("later_deductible", deductible),
            scope,
            p.ratio("proportion"),
            p.money("annual_cap"),
            p.texts("annual_cap_benefits", []),
            p.integer("claim_from_day", 1),
        )

    def decide(self, case: ClaimCase, benefit: Benefit, plan: Plan) -> ClaimDecision:
        cost = expect(case, PeriodCost)
        if ("Q" in cost.period) != (self.period_kind == "quarter"):
            shape = "2021-Q1" if self.period_kind == "quarter" else "2021-03"
            raise CaseError(case.id, "event.period", f"须写成 {shape} 的形式")
        audit = Audit()
        gate(case, benefit, plan, audit)
        after = cost.period_last_day + dt.timedelta(days=1)
        earliest = after.replace(day=self.claim_from_day)
        if case.applied_on < earliest:
            audit.reason("application_too_early", f"{cost.period} 的互助金自 {earliest.isoformat()} 起申请")
        year = cost.period_first_day.year
        shared = self.annual_cap_benefits or (benefit.code,)
        paid_year = sum((e.paid for e in paid_entries(case, shared) if e.date.year == year), ZERO)
        remaining = self.annual_cap - paid_year
        if remaining <= ZERO:
            audit.reason(
                "annual_cap", f"{year} 年已领取 {paid_year:.2f} 元，已达年度最高 {self.annual_cap:.2f} 元"
            )
        refused = refuse_if_any(audit, max(remaining, ZERO))
        if refused:
            return refused
        if self.deductible_scope == "year":
            same = [e for e in case.history if e.benefit == benefit.code and e.date.year == year]
            before = sum((e.self_borne or ZERO for e in same), ZERO)
            paid_before = sum((e.paid for e in same), ZERO)
            cumulative = before + cost.self_pay_1
            audit.note(
                f"{year} 年累计自付一 {before:.2f} + {cost.self_pay_1:.2f} = {cumulative:.2f} 元，"
                f"起付线 {num(self.deductible)} 元"
            )
            entitled = quantize(max(cumulative - self.deductible, ZERO) * self.proportion)
            audit.note(
                f"({cumulative:.2f} − {num(self.deductible)}) × {pct(self.proportion)} = {entitled:.2f} 元，"
                f"已领取 {paid_before:.2f} 元"
            )
            due = entitled - paid_before
        else:
            deductible = self.deductible if cost.first_stay_of_year else self.later_deductible
            which = "年内首次住院" if cost.first_stay_of_year else "年内再次住院"
            due = quantize(max(cost.self_pay_1 - deductible, ZERO) * self.proportion)
            audit.note(
                f"{which}起付线 {num(deductible)} 元：({cost.self_pay_1:.2f} − {num(deductible)}) × "
                f"{pct(self.proportion)} = {due:.2f} 元"
            )
        if due <= ZERO:
            audit.reason("below_threshold", "自付一未超过起付线，无可给付金额")
            return audit.refuse(remaining)
        if due > remaining:
            audit.reason(
                "annual_cap", f"{year} 年已领取 {paid_year:.2f} 元，年度最高 {self.annual_cap:.2f} 元"
            )
            audit.note(f"年度剩余额度 {remaining:.2f} 元，按 {remaining:.2f} 元")
        return audit.pay(due, remaining)


@dataclass(frozen=True, slots=True)
class Band:
    start: Decimal
    end: Decimal | None
    rate: Decimal


@dataclass(frozen=True, slots=True)
class BandedCumulative:
    """Rates by band of the period's cumulative self-borne cost; each claim pays the cumulative
    figure less what was already paid, within a period cap and a number of claims."""

    bands: tuple[Band, ...]
    period_cap: Decimal
    max_claims_per_period: int

    @classmethod
    def build(cls, p: Params) -> BandedCumulative:
        bands = tuple(
            Band(b.money("from"), b.money("to") if b.has("to") else None, b.ratio("rate"))
            for b in p.tables("bands")
        )
        if not bands:
            raise PlanError(f"{p.where}：参数 bands 至少须有一档")
        return cls(bands, p.money("period_cap"), p.integer("max_claims_per_period"))

    def banded(self, total: Decimal, audit: Audit) -> Decimal:
        result = ZERO
        for band in self.bands:
            top = total if band.end is None else min(total, band.end)
            if top <= band.start:
                continue
            part = quantize((top - band.start) * band.rate)
            upper = "以上" if band.end is None else f"至 {num(band.end)}"
            audit.note(
                f"{num(band.start)} {upper} 元段：{top - band.start:.2f} × {pct(band.rate)} = {part:.2f} 元"
            )
            result += part
        return result

    def decide(self, case: ClaimCase, benefit: Benefit, plan: Plan) -> ClaimDecision:
        treatment = expect(case, Treatment)
        audit = Audit()
        gate(case, benefit, plan, audit)
        earlier = [
            e
            for e in case.history
            if e.benefit == benefit.code
            and e.date >= case.coverage.period_start
            and e.date <= case.coverage.period_end
        ]
        paid = sum((e.paid for e in earlier), ZERO)
        remaining = max(self.period_cap - paid, ZERO)
        if len(earlier) >= self.max_claims_per_period:
            audit.reason(
                "period_claim_limit",
                f"本期已申请 {len(earlier)} 次，每个保障期最多 {self.max_claims_per_period} 次",
            )
        refused = refuse_if_any(audit, remaining)
        if refused:
            return refused
        before = sum((e.self_borne or ZERO for e in earlier), ZERO)
        borne = max(treatment.self_borne, ZERO)
        total = before + borne
        audit.note(
            f"本次自负 {treatment.total_cost:.2f} − 医保支付 {treatment.insurance_paid:.2f} "
            f"= {borne:.2f} 元；"
            f"本期累计 {before:.2f} + {borne:.2f} = {total:.2f} 元（第 {len(earlier) + 1} 次申请）"
        )
        entitled = self.banded(total, audit)
        if entitled > self.period_cap:
            audit.note(
                f"累计 {entitled:.2f} 元超过每期最高 {self.period_cap:.2f} 元，按 {self.period_cap:.2f} 元"
            )
            entitled = self.period_cap
        due = entitled - paid
        audit.note(f"累计应付 {entitled:.2f} − 已付 {paid:.2f} = {due:.2f} 元")
        if due <= ZERO:
            if paid >= self.period_cap:
                audit.reason(
                    "period_amount_limit", f"本期已领取 {paid:.2f} 元，已达每期最高 {self.period_cap:.2f} 元"
                )
            else:
                audit.reason(
                    "below_threshold",
                    f"本期累计自负 {total:.2f} 元，未超过起付 {num(self.bands[0].start)} 元"
                    if total <= self.bands[0].start
                    else "累计应付未超过已付金额",
                )
            return audit.refuse(remaining)
        if entitled >= self.period_cap:
            audit.reason("period_amount_limit", f"每期最高 {self.period_cap:.2f} 元")
        return audit.pay(due, remaining)
