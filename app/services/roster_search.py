"""Search-as-you-type and column sorting over the loaded roster, in plain Python.

Filtering a 100k roster through a QSortFilterProxyModel costs ~0.6 s and sorting ~18 s
(PITFALLS.md); here one lower-cased haystack per row is scanned (tens of ms) and sorts use
precomputed keys (the stored pinyin key for names).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from app.services.roster import MemberRow

SortKey = Callable[[MemberRow], Any]

SORT_KEYS: dict[str, SortKey] = {
    "name": lambda r: r.name_key,
    "gender": lambda r: r.gender,
    "birth_date": lambda r: r.id_number[6:14],
    "id_number": lambda r: r.id_number,
    "phone": lambda r: r.phone,
    "medical_card": lambda r: r.medical_card,
    "social_security_card": lambda r: r.social_security_card,
    "jingka_card": lambda r: r.jingka_card,
    "bank_name": lambda r: r.bank_name,
    "bank_account": lambda r: r.bank_account,
    "employment": lambda r: r.employment,
    "categories": lambda r: (r.is_model_worker, r.is_hardship),
    "unit_id": lambda r: r.unit_id,
}


def normalise_query(text: str) -> str:
    """Full-width digits and letters → ASCII, lower case, no spaces (a scanned ID's x matches X)."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


class RosterIndex:
    """The rows of one roster view, with the current query and sort applied as index lists."""

    def __init__(self, rows: Sequence[MemberRow]) -> None:
        self.rows = list(rows)
        self._hay = [
            "\x00".join(
                (
                    r.name,
                    r.id_number,
                    r.phone,
                    r.medical_card,
                    r.social_security_card,
                    r.jingka_card,
                    r.bank_account,
                )
            ).lower()
            for r in self.rows
        ]
        self._query = ""
        self._matches: list[int] = list(range(len(self.rows)))
        self._order: list[int] | None = None  # all row indices in the current sort order
        self._sort: tuple[str, bool] | None = None
        self.view: list[int] = list(self._matches)

    def __len__(self) -> int:
        return len(self.view)

    def row(self, view_index: int) -> MemberRow:
        return self.rows[self.view[view_index]]

    def search(self, text: str) -> None:
        query = normalise_query(text)
        if not query:
            matches = list(range(len(self.rows)))
        else:
            # Typing one more character only narrows: scan the previous matches, not all rows.
            pool = self._matches if self._query and query.startswith(self._query) else range(len(self.rows))
            hay = self._hay
            matches = [i for i in pool if query in hay[i]]
        self._query, self._matches = query, matches
        self._apply()

    def sort(self, column: str, descending: bool = False) -> None:
        key = SORT_KEYS[column]
        rows = self.rows
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
