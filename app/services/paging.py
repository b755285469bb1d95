"""Pages of a sorted, filtered table read straight from the database (keyset pagination).

The window's big tables (roster, claims, enrollment, audit log) never hold their rows: a table
model asks for the page it shows. Each table is a ``PageSource`` — its columns, the filters of
its view, the SQL sort key of every sortable column, and optionally a search — and
``PagedQuery`` answers, for one view in one order:

- ``page(after=key)`` / ``page(before=key)``: the rows next to a known row, by a range on the
  sort key's index (``(k1, …, id) > (v1, …, id0)``), so scrolling costs the same at row 3,000,000
  as at row 30;
- ``page_at(offset)``: a jump (scroll bar dragged): the key at that offset is read from the index
  alone, then a keyset page follows;
- ``count()``, ``position(id)``: done by the database.

A search needs one more decision. Its predicate can be evaluated two ways — walking the sort
index and testing each row (cost: the rows walked until a page is full, about page ÷ density),
or asking the search index for the matching rows and sorting them (cost: every match, about
density × table) — and neither database's planner chooses well for substring searches. So a
page first *walks* ``FIRST_WALK`` rows in order; a full page is the answer (the first matches in
order). Otherwise the matches found so far estimate the density, and the page either walks on
(the rows past the last one walked, as many as should fill it) or asks the index, whichever the
estimate says is cheaper; a walk never goes past ``MAX_WALK`` rows. Both forms give the same
rows; tests hold them to a plain query on SQLite and PostgreSQL.

At a city's size most searches (a name, six digits of an ID) match well under 1 % of members: a
walk of 10,000 rows found nothing in 35–44 ms where the index answered in 2–17 ms (1 M members,
SQLite); a four-digit search matches 0.5–0.7 % (15–23 thousand of 3.2 M on PostgreSQL), where
sorting every match took 100–150 ms and walking on to a full page 40 ms.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select, text, tuple_
from sqlalchemy.orm import Session

from app.models.db import SessionFactory
from app.models.interrupt import StatementStop as StatementStop  # for the tables that count

Key = tuple[Any, ...]
Row = tuple[Any, ...]
PAGE = 100
WALK = 10_000  # a search matching fewer than PAGE in WALK rows is sparse (a jump asks the index)
FIRST_WALK = 1_000  # rows a search page walks in order before it estimates the density
MAX_WALK = 50_000  # rows a search page walks at most before it asks the search index
# Finding and sorting one match through the search index, against testing one row in the walk:
# measured at 1 M members on SQLite (FTS5: 2.4–2.8 µs a match, 3.4–4.4 µs a walked row) and at
# 3.2 M on PostgreSQL (trigram GIN with its recheck: 6.3–11 µs a match, 1.6–3.6 µs a row).
INDEX_COST = {"sqlite": 0.7, "postgresql": 2.5}


@dataclass(frozen=True)
class Search:
    """A search predicate in its two forms (see the module docstring); both select the same rows."""

    exact: ColumnElement[bool]
    indexed: ColumnElement[bool]


@dataclass(frozen=True)
class Page:
    rows: list[Row]  # display columns, as ``PageSource.columns``
    keys: list[Key]  # each row's sort key (for the next page's range)


@dataclass
class PageSource:
    """One table: ``select_from`` joins, display ``columns``, sort keys, ``id`` (unique)."""

    sessions: SessionFactory
    columns: Sequence[Any]
    sorts: dict[str, tuple[Any, ...]]  # column name → key, ending in a unique column
    joins: Any = None  # a FROM clause (table or join) when the columns span tables
    row_id: Any = None  # the unique id of a row (for ``position``)
    dialect: str = field(init=False)

    def __post_init__(self) -> None:
        bind = self.sessions.kw.get("bind")
        self.dialect = bind.dialect.name if bind is not None else "sqlite"

    def query(
        self,
        sort: str,
        descending: bool = False,
        where: Sequence[ColumnElement[bool]] = (),
        search: Search | None = None,
    ) -> PagedQuery:
        return PagedQuery(self, self.sorts[sort], descending, tuple(where), search)


class PagedQuery:
    """One view of a ``PageSource``: its filters, search and order. Cheap to make; holds no rows."""

    def __init__(
        self,
        source: PageSource,
        key: tuple[ColumnElement[Any], ...],
        descending: bool,
        where: tuple[ColumnElement[bool], ...],
        search: Search | None,
    ) -> None:
        self.source = source
        self.key = key
        self.descending = descending
        self.where = where
        self.search = search

    # -- building blocks -------------------------------------------------------------------
    def _select(self, *extra: ColumnElement[Any], labelled: bool = False) -> Select[Any]:
        cols = [*self.source.columns, *self.key]
        if labelled:  # for a subquery: a key column may also be shown (names would clash)
            cols = [c.label(f"c{i}") for i, c in enumerate(cols)]
        q = select(*cols, *extra)
        return q.select_from(self.source.joins) if self.source.joins is not None else q

    def _order(self, reverse: bool = False) -> list[ColumnElement[Any]]:
        down = self.descending != reverse
        return [k.desc() if down else k.asc() for k in self.key]

    def _range(self, key: Key, forward: bool, inclusive: bool = False) -> ColumnElement[bool]:
        """Rows after ``key`` in this order (``forward``), or before it."""
        cols, vals = tuple_(*self.key), tuple_(*key)
        up = forward != self.descending
        if inclusive:
            return cols >= vals if up else cols <= vals
        return cols > vals if up else cols < vals

    def _split(self, rows: Sequence[Any]) -> Page:
        n = len(self.source.columns)
        return Page([tuple(r[:n]) for r in rows], [tuple(r[n:]) for r in rows])

    def _session(self) -> Session:
        return self.source.sessions()

    # -- pages -----------------------------------------------------------------------------
    def page(
        self,
        after: Key | None = None,
        before: Key | None = None,
        limit: int = PAGE,
        start_at: Key | None = None,
    ) -> Page:
        """The ``limit`` rows after ``after`` (or from the start), or the ones before ``before``
        (returned in order), or from ``start_at`` inclusive."""
        backwards = before is not None
        where = list(self.where)
        if after is not None:
            where.append(self._range(after, True))
        if before is not None:
            where.append(self._range(before, False))
        if start_at is not None:
            where.append(self._range(start_at, True, inclusive=True))
        with self._session() as s:
            rows = self._rows(s, where, limit, backwards)
        if backwards:
            rows.reverse()
        return self._split(rows)

    def _rows(self, s: Session, where: list[ColumnElement[bool]], limit: int, backwards: bool) -> list[Any]:
        order = self._order(reverse=backwards)
        if self.search is None:
            return list(s.execute(self._select().where(*where).order_by(*order).limit(limit)))
        found: list[Any] = []
        rest = list(where)  # the rows not walked yet
        step, walked, size = FIRST_WALK, 0, None
        while True:
            # The next ``step`` rows in order (bounded by the key of the last of them, read from
            # the sort index alone), each tested; it stops when the page is full.
            bound_q = select(*self.key).select_from(self._from()).where(*rest).order_by(*order)
            bound = s.execute(bound_q.offset(step - 1).limit(1)).first()
            walk = list(rest)
            if bound is not None:
                walk.append(self._range(tuple(bound), backwards, inclusive=True))
            q = self._select().where(*walk, self.search.exact).order_by(*order).limit(limit - len(found))
            found += s.execute(q)
            walked += step
            if len(found) >= limit or bound is None:
                return found  # a full page of the first matches, or every row was looked at
            if size is None:
                size = self._table_size(s)
            density = (len(found) + 1) / walked  # +1: nothing found yet is not "never"
            more = int((limit - len(found)) / density * 1.25) + 1  # rows that should fill the page
            cheaper = more <= density * size * INDEX_COST.get(self.source.dialect, 1.0)
            if not cheaper or walked + more > MAX_WALK:
                return self._indexed(s, where, limit, backwards)
            rest = [*where, self._range(tuple(bound), not backwards)]
            step = max(more, FIRST_WALK)

    def _table_size(self, s: Session) -> int:
        """About how many rows the search index may hand over: the searched table's highest id
        (an index lookup on both databases; ids are dense unless rows were deleted)."""
        ident = self.source.row_id
        if ident is None:
            return 10**9  # unknown: as if large (the walk is the safer guess)
        return int(s.scalar(select(func.max(ident))) or 0)

    def _indexed(
        self, s: Session, where: list[ColumnElement[bool]], limit: int, backwards: bool
    ) -> list[Any]:
        """Few rows match: let the search index find them all, then sort (the sort index is kept
        out of it by sorting on ``coalesce(k, k)``, which no index serves)."""
        assert self.search is not None
        down = self.descending != backwards
        order = [func.coalesce(k, k).desc() if down else func.coalesce(k, k).asc() for k in self.key]
        self._prefer_index_scans(s)
        q = self._select().where(*where, self.search.indexed).order_by(*order).limit(limit)
        return list(s.execute(q))

    def _prefer_index_scans(self, s: Session) -> None:
        if self.source.dialect == "postgresql":
            # The trigram index's estimates are rough; a sequential scan of millions of rows is
            # never the better plan for a search that the walk found sparse.
            s.execute(text("SET LOCAL enable_seqscan = off"))

    def key_at(self, offset: int, dense: bool = True) -> Key | None:
        """The sort key of the row at ``offset`` (0-based), read from the sort index alone where
        possible. ``dense``: most rows of the view match its search (walk rather than index)."""
        q = select(*self.key)
        if self.source.joins is not None:
            q = q.select_from(self.source.joins)
        with self._session() as s:
            where = list(self.where)
            order = self._order()
            if self.search is not None:
                if dense:
                    where.append(self.search.exact)
                else:
                    where.append(self.search.indexed)
                    order = [
                        func.coalesce(k, k).desc() if self.descending else func.coalesce(k, k).asc()
                        for k in self.key
                    ]
                    self._prefer_index_scans(s)
            found = s.execute(q.where(*where).order_by(*order).offset(offset).limit(1)).first()
        return tuple(found) if found is not None else None

    def page_at(self, offset: int, limit: int = PAGE, dense: bool = True) -> Page:
        key = self.key_at(offset, dense)
        return self.page(start_at=key, limit=limit) if key is not None else Page([], [])

    def values(self, column: int) -> list[Any]:
        """One display column of every row of the view, in order — for an action on the whole list
        (print every listed claim), streamed from the cursor; never for showing the table."""
        col = self.source.columns[column]
        where = [*self.where, *([self.search.exact] if self.search is not None else [])]
        q = select(col).select_from(self._from()).where(*where).order_by(*self._order())
        with self._session() as s:
            return list(s.scalars(q.execution_options(yield_per=5000)))

    # -- counting --------------------------------------------------------------------------
    def count(self, stop: StatementStop | None = None) -> int:
        """Rows of the view (its search included): an index count, or the search index's.
        ``stop`` lets another thread stop the count (it then raises)."""
        with self._session() as s:
            where = list(self.where)
            if self.search is not None:
                where.append(self.search.indexed)
                self._prefer_index_scans(s)
            q = select(func.count()).select_from(self._from()).where(*where)
            with stop.running(s) if stop is not None else nullcontext():
                return int(s.scalar(q) or 0)

    def base_count(self) -> int:
        """Rows of the view without its search (how dense the search is)."""
        with self._session() as s:
            q = select(func.count()).select_from(self._from()).where(*self.where)
            return int(s.scalar(q) or 0)

    def _from(self) -> Any:
        if self.source.joins is not None:
            return self.source.joins
        return self.source.columns[0].table

    def position(self, row_id: Any) -> int | None:
        """The 0-based row of the record ``row_id`` in this view, or None when it is not in it."""
        ident = self.source.row_id
        assert ident is not None, "the source has no row id"
        with self._session() as s:
            where = [*self.where, *([self.search.exact] if self.search is not None else [])]
            q = select(*self.key).select_from(self._from()).where(ident == row_id, *where)
            key = s.execute(q).first()
            if key is None:
                return None
            before = (
                select(func.count()).select_from(self._from()).where(*where, self._range(tuple(key), False))
            )
            return int(s.scalar(before) or 0)
