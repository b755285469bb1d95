"""The registry of benefit calculators: a plan's benefit names one by its ``kind``."""

from __future__ import annotations

from collections.abc import Callable

from app.rules import calc_allowance, calc_lump, calc_medical, calc_relief
from app.rules.calc_common import Calculator
from app.rules.errors import PlanError
from app.rules.params import Params

__all__ = ["KINDS", "Calculator", "build_calculator"]

KINDS: dict[str, Callable[[Params], Calculator]] = {
    "daily_allowance": calc_allowance.DailyAllowance.build,
    "tiered_daily_allowance": calc_allowance.TieredDailyAllowance.build,
    "lump_sum_by_days": calc_lump.LumpSumByDays.build,
    "disability_by_grade": calc_lump.DisabilityByGrade.build,
    "relief_cap": calc_relief.ReliefCap.build,
    "deductible_proportion": calc_medical.DeductibleProportion.build,
    "banded_cumulative": calc_medical.BandedCumulative.build,
}


def build_calculator(kind: str, params: Params) -> Calculator:
    try:
        builder = KINDS[kind]
    except KeyError:
        known = "、".join(KINDS)
        raise PlanError(f"{params.where}：未知的计算方式 kind = {kind}（可选：{known}）") from None
    return builder(params)
