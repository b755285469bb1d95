"""The claims table's rows, a page at a time: by status, by member (name, ID) or claim number,
sorted on any column in SQL; and the payments-due counts the tab shows under it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select

from app.models import Claim, FamilyMember, Member, Unit
from app.models.db import SessionFactory
from app.rules.money import from_fen
from app.services import member_search
from app.services.claim_queries import RELATION_LABELS, ClaimRow
from app.services.claims import STATUS_LABELS
from app.services.paging import PagedQuery, PageSource, Row, Search
from app.services.roster_pages import RosterPages

C, M, U, F = Claim, Member, Unit, FamilyMember
COLUMNS = (
    C.id, C.claim_no, C.member_id, M.name, M.id_number, C.unit_id, U.name, C.relation, F.name, C.plan_code,
    C.benefit, C.event_key, C.event_date, C.applied_on, C.status, C.amount_fen, C.cap_fen, C.approved_fen,
    C.paid_fen, C.paid_on, C.due_on, C.eligible, C.version,
)  # fmt: skip
_STATUS_ORDER = case(
    {code: i for i, code in enumerate(STATUS_LABELS)}, value=C.status, else_=len(STATUS_LABELS)
)
# Sort key per column of app/ui/claims/claim_model.COLUMNS; nullable figures sort as if 0 / last.
CLAIM_SORTS: dict[str, tuple[Any, ...]] = {
    "claim_no": (C.claim_no,),
    "member": (M.name_key, C.id),
    "id_number": (M.id_number, C.id),
    "unit": (U.name_key, C.id),
    "beneficiary": (C.relation, C.id),
    "plan": (C.plan_code, C.id),
    "benefit": (C.benefit, C.id),
    "event_date": (C.event_date, C.id),
    "status": (_STATUS_ORDER, C.id),
    "amount": (C.amount_fen, C.id),
    "approved": (func.coalesce(C.approved_fen, -1), C.id),
    "paid": (func.coalesce(C.paid_fen, -1), C.id),
    "due_on": (func.coalesce(C.due_on, dt.date(9999, 12, 31)), C.id),
}


@dataclass(frozen=True)
class ClaimView:
    statuses: tuple[str, ...] = ()
    text: str = ""
    unit_id: int | None = None


def claim_row(r: Row) -> ClaimRow:
    """A page row as the ClaimRow the rest of the program knows."""
    (cid, no, member_id, name, id_number, unit_id, unit_name, relation, family, plan, benefit,
     event_key, event_date, applied_on, status, amount, cap, approved, paid, paid_on, due_on, eligible,
     version) = r  # fmt: skip
    beneficiary = f"{family}（{RELATION_LABELS[relation]}）" if family is not None else "本人"
    return ClaimRow(
        cid, no, member_id, name, id_number, unit_id, unit_name, beneficiary, plan, benefit, event_key,
        event_date, applied_on, status, from_fen(amount), from_fen(cap),
        from_fen(approved) if approved is not None else None, from_fen(paid) if paid is not None else None,
        paid_on, due_on, eligible, version,
    )  # fmt: skip


class ClaimPages:
    def __init__(self, sessions: SessionFactory) -> None:
        joins = (
            C.__table__.join(M.__table__, C.member_id == M.id)
            .join(U.__table__, C.unit_id == U.id)
            .outerjoin(F.__table__, C.family_member_id == F.id)
        )
        self.source = PageSource(sessions, COLUMNS, CLAIM_SORTS, joins=joins, row_id=C.id)
        self._members = RosterPages(sessions)

    def _search(self, text: str) -> tuple[Search | None, bool]:
        """Member by name / ID / phone (the roster's rules) or claim number anywhere."""
        parsed = member_search.parse(text)
        if not parsed.active:
            return None, parsed.too_short
        dialect = self.source.dialect
        number = member_search.normalise_query(text)
        by_no: ColumnElement[bool] = (
            func.strpos(C.claim_no, number) > 0
            if dialect == "postgresql"
            else func.instr(C.claim_no, number) > 0
        )
        found = self._members.search(parsed)
        assert found is not None
        narrow = member_search.narrowing(parsed)
        hits = select(M.id).where(*narrow, found.indexed).correlate(None).scalar_subquery()
        return Search(
            or_(member_search.exact(parsed, dialect), by_no), or_(C.member_id.in_(hits), by_no)
        ), False

    def query(
        self, view: ClaimView, sort: str = "claim_no", descending: bool = True
    ) -> tuple[PagedQuery, bool]:
        """The paged query, and whether the search text was too short to search by."""
        where: list[ColumnElement[bool]] = []
        if view.statuses:
            where.append(C.status.in_(view.statuses))
        if view.unit_id is not None:
            where.append(C.unit_id == view.unit_id)
        found, too_short = self._search(view.text)
        return self.source.query(sort, descending, where, found), too_short

    def id_of(self, claim_no: str) -> int | None:
        with self.source.sessions() as s:
            return s.scalar(select(C.id).where(C.claim_no == claim_no))

    def payments_due(self, today: dt.date) -> tuple[int, int]:
        """(approved claims waiting for payment, of which past their due date), counted in SQL."""
        late = func.sum(case((C.due_on < today, 1), else_=0))
        with self.source.sessions() as s:
            n, overdue = s.execute(select(func.count(), late).where(C.status == "approved")).one()
        return int(n or 0), int(overdue or 0)
