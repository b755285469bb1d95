"""Search-as-you-type and column sorting over the loaded roster, in plain Python.

Filtering a 100k roster through a QSortFilterProxyModel costs ~0.6 s and sorting ~18 s
(PITFALLS.md); here one lower-cased haystack per row is scanned (tens of ms) and sorts use
precomputed keys (the stored pinyin key for names).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from app.services.roster import MemberRow

F = {name: i for i, name in enumerate(MemberRow._fields)}
SortKey = Callable[[tuple[Any, ...]], Any]

# Keys on the raw row tuples (see RosterService.member_tuples); itemgetter runs in C.
SORT_KEYS: dict[str, SortKey] = {
    "name": itemgetter(F["name_key"]),
    "gender": itemgetter(F["gender"]),
    "birth_date": lambda r: r[F["id_number"]][6:14],
    "id_number": itemgetter(F["id_number"]),
    "phone": itemgetter(F["phone"]),
    "medical_card": itemgetter(F["medical_card"]),
    "social_security_card": itemgetter(F["social_security_card"]),
    "jingka_card": itemgetter(F["jingka_card"]),
    "bank_name": itemgetter(F["bank_name"]),
    "bank_account": itemgetter(F["bank_account"]),
    "employment": itemgetter(F["employment"]),
    "categories": itemgetter(F["is_model_worker"], F["is_hardship"]),
    "unit_id": itemgetter(F["unit_id"]),
}
_SEARCHED = itemgetter(
    *(
        F[f]
        for f in (
            "name",
            "id_number",
            "phone",
            "medical_card",
            "social_security_card",
            "jingka_card",
            "bank_account",
        )
    )
)


def normalise_query(text: str) -> str:
    """Full-width digits and letters → ASCII, lower case, no spaces (a scanned ID's x matches X)."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


class RosterIndex:
    """The rows of one roster view, with the current query and sort applied as index lists."""

    def __init__(self, rows: Sequence[tuple[Any, ...]], presorted_by: str | None = None) -> None:
        """``rows``: plain tuples in ``MemberRow`` field order (RosterService.member_tuples)."""
        self.rows = list(rows)
        self._presorted_by = presorted_by  # rows arrive in this column's ascending order
        self._hay: list[str] | None = None  # built on the first search, not at start-up
        self._query = ""
        self._matches: list[int] = list(range(len(self.rows)))
        self._order: list[int] | None = None  # all row indices in the current sort order
        self._sort: tuple[str, bool] | None = None
        self.view: list[int] = list(self._matches)

    def __len__(self) -> int:
        return len(self.view)

    def row(self, view_index: int) -> MemberRow:
        return MemberRow._make(self.rows[self.view[view_index]])

    def id_at(self, row_index: int) -> int:
        return int(self.rows[row_index][F["id"]])

    def search(self, text: str) -> None:
        query = normalise_query(text)
        if not query:
            matches = list(range(len(self.rows)))
        else:
            # Typing one more character only narrows: scan the previous matches, not all rows.
            pool = self._matches if self._query and query.startswith(self._query) else range(len(self.rows))
            hay = self._haystack()
            matches = [i for i in pool if query in hay[i]]
        self._query, self._matches = query, matches
        self._apply()

    def _haystack(self) -> list[str]:
        if self._hay is None:
            self._hay = ["\x00".join(_SEARCHED(r)).lower() for r in self.rows]
        return self._hay

    def sort(self, column: str, descending: bool = False) -> None:
        key = SORT_KEYS[column]
        rows = self.rows
        if column == self._presorted_by and not descending:
            self._order = list(range(len(rows)))
        else:
            self._order = sorted(range(len(rows)), key=lambda i: key(rows[i]), reverse=descending)
        self._sort = (column, descending)
        self._apply()

    def _apply(self) -> None:
        if self._order is None:
            self.view = self._matches
        elif len(self._matches) == len(self.rows):
            self.view = self._order
        else:
            wanted = set(self._matches)
            self.view = [i for i in self._order if i in wanted]
