"""Chinese names for the program's internal codes, so none reaches a clerk.

Plan codes (``jilin-2020-hospital-combo``) and benefit codes (``hospital_allowance``) are keys of
the plan files; lists, sheets, warnings and the audit log show the plan's and the benefit's own
names instead. An unknown code (a plan file since removed) is shown as 未知方案 / 未知项目 rather
than the raw key.
"""

from __future__ import annotations

from app.rules.plans import PlanCatalogue


class PlanNames:
    """Plan and benefit names from a catalogue, over every version a plan had."""

    def __init__(self, catalogue: PlanCatalogue) -> None:
        self._plans: dict[str, str] = {}
        self._benefits: dict[tuple[str, str], str] = {}
        self._any_benefit: dict[str, str] = {}
        for code, versions in catalogue.versions.items():
            for plan in versions:  # the latest version's names win
                self._plans[code] = plan.name
                for key, benefit in plan.benefits.items():
                    self._benefits[(code, key)] = benefit.name
                    self._any_benefit.setdefault(key, benefit.name)

    def plan(self, code: str | None) -> str:
        if not code:
            return ""
        return self._plans.get(code, "未知方案")

    def benefit(self, plan_code: str | None, benefit: str | None) -> str:
        if not benefit:
            return ""
        return self._benefits.get((plan_code or "", benefit)) or self._any_benefit.get(benefit, "未知项目")
