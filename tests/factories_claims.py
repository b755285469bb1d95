"""Builders for claim tests: an enrolled member and the facts of typical claims."""

from __future__ import annotations

import datetime as dt

from app.models.db import SessionFactory
from app.rules.plans import load_plans
from app.services.auth import Actor
from app.services.claim_decisions import ClaimDraft
from app.services.enrollment import EnrollmentService
from app.services.periods import PeriodService
from app.services.roster import RosterService
from tests import factories

D = dt.date
JILIN = "jilin-2020-hospital-combo"
RELIEF = "beijing-relief"
WEIHAI = "weihai-2012-supplementary-medical"


def materials(plan: str, benefit: str) -> tuple[str, ...]:
    return load_plans().get(plan).benefit(benefit).materials


def enrolled_member(
    sessions: SessionFactory,
    clerk: Actor,
    plan: str = JILIN,
    start: dt.date = dt.date(2020, 2, 1),  # noqa: B008 - an immutable value
    unit_code: str = "U001",
    name: str = "张三",
    **member: object,
) -> tuple[int, int]:
    """(unit id, member id) of a member enrolled in ``plan`` for the period starting ``start``."""
    roster = RosterService(sessions, clerk)
    units = {u.code: u.id for u in roster.list_units()}
    uid = units.get(unit_code) or factories.unit(roster, unit_code, f"单位{unit_code}")
    mid = factories.member(roster, uid, name, factories.id_number(D(1980, 5, 1)), **member)
    periods = PeriodService(sessions, clerk)
    existing = [p for p in periods.list(plan) if p.start == start]
    period = (
        existing[0]
        if existing
        else periods.create(
            plan,
            len(periods.list(plan)) + 1,
            start,
            start.replace(year=start.year + 1) - dt.timedelta(days=1),
            "110",
        )
    )
    EnrollmentService(sessions, clerk).enroll(uid, period.id, [mid], start, as_of=start)
    return uid, mid


def hospital_stay(
    member_id: int,
    admission: dt.date = dt.date(2020, 5, 1),  # noqa: B008 - an immutable value
    days: int = 10,
    received: tuple[str, ...] | None = None,
) -> ClaimDraft:
    facts = {
        "admission_date": admission,
        "discharge_date": admission + dt.timedelta(days=days),
        "local": True,
        "hospital_grade": "2",
    }
    got = materials(JILIN, "hospital_allowance") if received is None else received
    return ClaimDraft(
        member_id,
        JILIN,
        "hospital_allowance",
        facts,
        admission + dt.timedelta(days=days + 5),
        materials_received=got,
    )


def relief(
    member_id: int, event_id: str = "病-2020-01", received: tuple[str, ...] | None = None
) -> ClaimDraft:
    facts = {
        "event_id": event_id,
        "event_date": "2020-06-01",
        "cause": "critical_illness",
        "self_pay_1": "150000",
        "self_pay_2": "30000",
        "out_of_pocket": "20000.00",
    }
    got = materials(RELIEF, "relief") if received is None else received
    return ClaimDraft(member_id, RELIEF, "relief", facts, D(2020, 9, 1), materials_received=got)
