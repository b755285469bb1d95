"""Immutable inputs of the rules layer: claim cases and enrollment cases.

The services build these from the database, the headless command from JSON
(``case_json``). Amounts are Decimal, dates are ``datetime.date``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Employment = Literal["in_service", "retired", "left"]
Relation = Literal["self", "spouse", "child"]
Outcome = Literal["death", "disability"]

EMPLOYMENTS: tuple[str, ...] = ("in_service", "retired", "left")
# How an in-service worker is engaged (seed 001: 正式职工、合同制职工、聘用期超过一年的临时职工).
Engagement = Literal["regular", "contract", "temporary"]
ENGAGEMENTS: tuple[str, ...] = ("regular", "contract", "temporary")
RELATIONS: tuple[str, ...] = ("self", "spouse", "child")
CATEGORIES: tuple[str, ...] = ("model_worker", "hardship")


@dataclass(frozen=True, slots=True)
class MemberFacts:
    birth_date: dt.date
    employment: Employment = "in_service"
    categories: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Coverage:
    """The member's enrollment in the plan: coverage period, effective date, tier."""

    period_start: dt.date
    period_end: dt.date
    effective_date: dt.date
    tier: str | None = None
    consecutive_years: int = 1


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """An earlier payment to the same member (or family member) under the same plan."""

    benefit: str
    event_id: str | None
    paid: Decimal
    date: dt.date
    self_borne: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PaidStay:
    """A hospital stay of the same member already paid or approved by the day, under any plan."""

    claim: str
    admission_date: dt.date
    discharge_date: dt.date

    def days(self) -> set[dt.date]:
        """The days a stay pays for: admission day up to the day before discharge."""
        n = (self.discharge_date - self.admission_date).days
        return {self.admission_date + dt.timedelta(days=i) for i in range(n)}


@dataclass(frozen=True, slots=True)
class HospitalStay:
    admission_date: dt.date
    discharge_date: dt.date
    local: bool
    hospital_grade: int
    event_id: str | None = None

    @property
    def event_date(self) -> dt.date:
        return self.admission_date


@dataclass(frozen=True, slots=True)
class Diagnosis:
    diagnosis_date: dt.date
    disease: str
    first_diagnosis: bool
    event_id: str | None = None

    @property
    def event_date(self) -> dt.date:
        return self.diagnosis_date


@dataclass(frozen=True, slots=True)
class Accident:
    """An accident of the member (``accident``) or of the member's child (``child_accident``)."""

    event_id: str
    accident_date: dt.date
    outcome: Outcome
    disability_grade: int | None = None
    during_illness_hospitalization: bool = False

    @property
    def event_date(self) -> dt.date:
        return self.accident_date


@dataclass(frozen=True, slots=True)
class MedicalHardship:
    """Beijing relief / condolence / family condolence: a year's self-borne cost."""

    event_id: str
    event_date: dt.date
    cause: str
    self_pay_1: Decimal
    self_pay_2: Decimal
    out_of_pocket: Decimal
    reason: str | None = None

    @property
    def self_borne(self) -> Decimal:
        return self.self_pay_1 + self.self_pay_2 + self.out_of_pocket


@dataclass(frozen=True, slots=True)
class PeriodCost:
    """Beijing in-service medical: self_pay_1 of one quarter (outpatient) or one month (inpatient)."""

    period: str
    period_first_day: dt.date
    period_last_day: dt.date
    self_pay_1: Decimal
    first_stay_of_year: bool = True
    event_id: str | None = None

    @property
    def event_date(self) -> dt.date:
        return self.period_last_day


@dataclass(frozen=True, slots=True)
class Treatment:
    """Weihai supplementary medical: one treatment's total cost and what basic insurance paid."""

    event_id: str
    treatment_start: dt.date
    treatment_end: dt.date
    total_cost: Decimal
    insurance_paid: Decimal

    @property
    def event_date(self) -> dt.date:
        return self.treatment_start

    @property
    def self_borne(self) -> Decimal:
        return self.total_cost - self.insurance_paid


@dataclass(frozen=True, slots=True)
class Injury:
    """Beijing accident allowance: days of life allowance and of hospital allowance."""

    event_id: str
    injury_date: dt.date
    life_days: int
    hospital_days: int

    @property
    def event_date(self) -> dt.date:
        return self.injury_date


Event = HospitalStay | Diagnosis | Accident | MedicalHardship | PeriodCost | Treatment | Injury


@dataclass(frozen=True, slots=True)
class ClaimCase:
    id: str
    plan: str
    benefit: str
    applied_on: dt.date
    member: MemberFacts
    coverage: Coverage
    event: Event
    relation: Relation = "self"
    history: tuple[HistoryEntry, ...] = ()
    # None: materials not checked; otherwise the names of the materials handed in.
    materials: frozenset[str] | None = None
    # Stays already paid or approved by the day (any plan): their days are not paid again.
    stays: tuple[PaidStay, ...] = ()


@dataclass(frozen=True, slots=True)
class UnitFacts:
    has_union: bool
    headcount: int
    remits_union_funds: bool = False


@dataclass(frozen=True, slots=True)
class MemberRecord:
    key: str
    birth_date: dt.date
    employment: Employment = "in_service"
    union_member: bool = True
    basic_medical_insurance: bool = True
    shares: int = 1
    jingka: bool = False
    engagement: Engagement = "regular"
    engagement_months: int | None = None  # a temporary worker's engagement, in months


@dataclass(frozen=True, slots=True)
class EnrollmentCase:
    id: str
    plan: str
    as_of: dt.date
    unit: UnitFacts
    members: tuple[MemberRecord, ...]
    enrolled: tuple[str, ...]
    tier: str | None = None
    # A coverage period's own collection window replaces the plan file's when given.
    collection_start: dt.date | None = None
    collection_end: dt.date | None = None
