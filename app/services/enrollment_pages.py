"""The 参保缴费 grid's rows, a page at a time: one unit's members with their enrollment in a period.

Eligibility is the rules engine's (app.rules.enrollment), worked out for the rows on screen when
they are read (``line``), exactly as ``EnrollmentService.overview`` works it out for the whole
unit (a test holds the two to the same lines). It is the one column that does not sort: sorting
by it would need the plan's rules in SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_

from app.models import Enrollment, Member
from app.models.db import SessionFactory
from app.rules.enrollment import member_eligibility
from app.rules.idnumber import age_on
from app.rules.plans import Plan
from app.services.enrollment import MemberLine, _record
from app.services.paging import PagedQuery, PageSource, Row

M, E = Member, Enrollment
COLUMNS = (
    M.id, M.name, M.id_number, M.gender, M.birth_date, M.employment, M.basic_medical_insurance,
    M.jingka_card, E.id, E.shares, E.effective_date, M.engagement, M.engagement_months,
)  # fmt: skip
# Sort key per sortable column of app/ui/enrollment/member_model.py ("age" is the birth date:
# the model turns the order round, so ascending ages are the youngest first).
ENROLLMENT_SORTS: dict[str, tuple[Any, ...]] = {
    "name": (M.name_key, M.id),
    "id_number": (M.id_number,),
    "gender": (M.gender, M.name_key, M.id),
    "age": (M.birth_date, M.id),
    "employment": (M.employment, M.name_key, M.id),
    "enrolled": (E.id.is_(None), M.name_key, M.id),
}


@dataclass(frozen=True)
class _Facts:
    id: int
    birth_date: dt.date
    employment: str
    basic_medical_insurance: bool
    jingka_card: str
    engagement: str
    engagement_months: int | None


class EnrollmentPages:
    def __init__(self, sessions: SessionFactory) -> None:
        self.sessions = sessions

    def query(self, unit_id: int, period_id: int, sort: str = "name", descending: bool = False) -> PagedQuery:
        active = and_(E.member_id == M.id, E.period_id == period_id, E.status == "active")
        joins = M.__table__.outerjoin(E.__table__, active)
        source = PageSource(self.sessions, COLUMNS, ENROLLMENT_SORTS, joins=joins, row_id=M.id)
        return source.query(sort, descending, [M.unit_id == unit_id])


def line(row: Row, plan: Plan, as_of: dt.date) -> MemberLine:
    """A grid row as the MemberLine the overview would give for it."""
    mid, name, id_number, gender, born, employment, insured, jingka, eid, shares, effective, *engaged = row
    record = _record(_Facts(mid, born, employment, insured, jingka, *engaged), shares or 1)
    # Judged on the effective date: the enrollment's, or (``as_of``) the one a new enrollment has.
    judged = effective if eid is not None else as_of
    verdict = member_eligibility(record, plan, judged)
    reasons = tuple(f.message.split("：", 1)[-1] for f in verdict.findings)
    return MemberLine(
        mid, name, id_number, gender, age_on(born, judged), employment, verdict.eligible, reasons, eid,
        shares if eid is not None else 1, effective,
    )  # fmt: skip
