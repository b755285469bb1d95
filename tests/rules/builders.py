"""Builders for rules tests: a case with sensible defaults, overridden where a test cares."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from functools import cache
from typing import Any

from app.rules.plans import Plan, PlanCatalogue, load_plans
from app.rules.values import (
    Accident,
    ClaimCase,
    Coverage,
    Diagnosis,
    Event,
    HistoryEntry,
    HospitalStay,
    Injury,
    MedicalHardship,
    MemberFacts,
    PeriodCost,
    Treatment,
)

D = dt.date
JILIN = "jilin-2020-hospital-combo"
RELIEF = "beijing-relief"
MEDICAL = "beijing-inservice-medical"
WEIHAI = "weihai-2012-supplementary-medical"
ACCIDENT = "beijing-accident"
MAY_2020 = D(2020, 5, 1)
JUNE_2012 = D(2012, 6, 1)


@cache
def catalogue() -> PlanCatalogue:
    return load_plans()


def plan(code: str) -> Plan:
    return catalogue().get(code)


def money(text: str) -> Decimal:
    return Decimal(text)


def claim(plan_code: str, benefit: str, event: Event, **changes: Any) -> ClaimCase:
    base = ClaimCase(
        id="t1",
        plan=plan_code,
        benefit=benefit,
        applied_on=D(2020, 6, 1),
        member=MemberFacts(D(1980, 5, 1)),
        coverage=Coverage(D(2020, 2, 1), D(2021, 1, 31), D(2020, 2, 1)),
        event=event,
    )
    return replace(base, **changes)


def coverage(start: dt.date, end: dt.date, effective: dt.date | None = None, **changes: Any) -> Coverage:
    return Coverage(start, end, effective or start, **changes)


def paid(
    benefit: str, amount: str, when: dt.date, event_id: str | None = None, borne: str | None = None
) -> HistoryEntry:
    return HistoryEntry(
        benefit, event_id, Decimal(amount), when, Decimal(borne) if borne is not None else None
    )


def stay(days: int, *, local: bool = True, grade: int = 2, start: dt.date = MAY_2020) -> HospitalStay:
    return HospitalStay(start, start + dt.timedelta(days=days), local, grade)


def diagnosis(when: dt.date, disease: str = "恶性肿瘤", first: bool = True) -> Diagnosis:
    return Diagnosis(when, disease, first)


def accident(
    outcome: str = "disability", grade: int | None = 1, when: dt.date = MAY_2020, **kw: Any
) -> Accident:
    return Accident(kw.pop("event_id", "a1"), when, outcome, grade, **kw)  # type: ignore[arg-type]


def hardship(
    total: str, *, cause: str = "critical_illness", when: dt.date = MAY_2020, **kw: Any
) -> MedicalHardship:
    return MedicalHardship(
        kw.pop("event_id", "h1"), when, cause, Decimal(total), Decimal("0"), Decimal("0"), **kw
    )


def period_cost(period: str, self_pay_1: str, first_stay: bool = True) -> PeriodCost:
    from app.rules.case_json import _period_cost, _Reader

    data = {"period": period, "self_pay_1": self_pay_1, "first_stay_of_year": first_stay}
    return _period_cost(_Reader("t1", data))


def treatment(total: str, insurance: str = "0", when: dt.date = JUNE_2012, event_id: str = "w1") -> Treatment:
    return Treatment(event_id, when, when + dt.timedelta(days=5), Decimal(total), Decimal(insurance))


def injury(when: dt.date, life: int, hospital: int, event_id: str = "i1") -> Injury:
    return Injury(event_id, when, life, hospital)
