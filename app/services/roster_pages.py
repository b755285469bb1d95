"""The roster table's rows, a page at a time: a unit (or all), the search box, a sort per column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.models import Member, search
from app.models.db import SessionFactory
from app.services import member_search
from app.services.member_search import MemberQuery
from app.services.paging import PagedQuery, PageSource, Search
from app.services.roster import MemberRow

M = Member
# Sort key per table column (app/ui/roster/member_model.COLUMNS), each ending in a unique column
# and served by an index of app.models.roster.MEMBER_SORT_INDEXES (id_number is unique itself).
MEMBER_SORTS: dict[str, tuple[Any, ...]] = {
    "name": (M.name_key, M.id),
    "gender": (M.gender, M.name_key, M.id),
    "birth_date": (M.birth_date, M.id),
    "id_number": (M.id_number,),
    "phone": (M.phone, M.id),
    "medical_card": (M.medical_card, M.id),
    "social_security_card": (M.social_security_card, M.id),
    "jingka_card": (M.jingka_card, M.id),
    "bank_name": (M.bank_name, M.name_key, M.id),
    "bank_account": (M.bank_account, M.id),
    "employment": (M.employment, M.name_key, M.id),
    "categories": (M.is_model_worker, M.is_hardship, M.name_key, M.id),
    "unit_id": (M.unit_id, M.name_key, M.id),
}


@dataclass(frozen=True)
class RosterView:
    unit_id: int | None = None  # None: every unit
    text: str = ""


class RosterPages:
    """Pages of ``MemberRow`` tuples for the roster tab (and anything that lists members)."""

    def __init__(self, sessions: SessionFactory) -> None:
        self.source = PageSource(
            sessions, [getattr(M, f) for f in MemberRow._fields], MEMBER_SORTS, row_id=M.id
        )
        self._has_index: bool | None = None

    @property
    def dialect(self) -> str:
        return self.source.dialect

    def has_search_index(self) -> bool:
        if self._has_index is None:
            with self.source.sessions() as s:
                conn = s.connection()
                check = search.has_trigram_index if self.dialect == "postgresql" else search.has_fts
                self._has_index = check(conn)
        return self._has_index

    def search(self, query: MemberQuery) -> Search | None:
        if not query.active:
            return None
        return Search(
            member_search.exact(query, self.dialect),
            member_search.indexed(query, self.dialect, self.has_search_index()),
        )

    def query(
        self, view: RosterView, sort: str = "name", descending: bool = False
    ) -> tuple[PagedQuery, MemberQuery]:
        """The paged query of ``view`` in that order, and what its search text was taken to mean."""
        parsed = member_search.parse(view.text)
        where = [M.unit_id == view.unit_id] if view.unit_id is not None else []
        if parsed.active:
            where += member_search.narrowing(parsed)
        return self.source.query(sort, descending, where, self.search(parsed)), parsed

    def units_finding(self, text: str, limit: int = 50) -> list[int]:
        """The units of the first ``limit`` members the search ``text`` finds in every unit (to say
        "not in this unit, but in …" when a search of one unit finds nobody)."""
        q, parsed = self.query(RosterView(None, text))
        if not parsed.active:
            return []
        at = MemberRow._fields.index("unit_id")
        return sorted({row[at] for row in q.page(limit=limit).rows})
