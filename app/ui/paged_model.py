"""A table model over the database: it holds a few pages of rows, never the table.

``PagedTableModel`` shows one view of a ``PageSource`` (app/services/paging.py). The tab gives it
a *view*: a function from (sort column, descending) to a ``PagedQuery``; the model asks for pages
as the table scrolls, keeping at most ``max_pages`` of them (the least recently shown go), and
finds page *n* by the key range next to a page it holds, or by a jump to its offset.

The first page shows at once. When it is full, the database counts the view's rows in a
background thread (a count over millions of rows can take a second on a server) and the table
grows to that many rows when the count arrives (``sig_counted``); until then scrolling to the
end loads the next pages. A later view (the next keystroke) makes an earlier count void.

Columns are chosen by key (``set_visible_columns``), so a tab can show fewer or reorder them;
every visible column with a sort key sorts in SQL. ``refresh()`` reads the shown rows again after a
change, cheaply (the count again, and only the pages the table asks for).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from app.services.paging import PAGE, WALK, Page, PagedQuery, Row, StatementStop

Index = QModelIndex | QPersistentModelIndex
View = Callable[[str, bool], PagedQuery]
log = logging.getLogger("hzbz.ui")


@dataclass(frozen=True)
class Column:
    key: str  # the sort name in the PageSource (when ``sortable``) and the column's identity
    header: str  # Chinese, translated when shown (QT_TRANSLATE_NOOP in the subclass's module)
    sortable: bool = True
    reverse: bool = False  # the sort key runs against the shown value (birth date for an age)


class _Bridge(QObject):
    sig_counted = Signal(int, object)
    """(generation, (count, base count)) from the counting thread, delivered on the UI thread."""


class PagedTableModel(QAbstractTableModel):
    sig_counted = Signal(int)
    """The database counted the view's rows (the table now has that many)."""

    COLUMNS: Sequence[Column] = ()
    CONTEXT = "PagedTableModel"  # the translation context of the headers

    def __init__(self, parent: Any = None, *, page_size: int = PAGE, max_pages: int = 12) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self.max_pages = max_pages
        self._visible: list[Column] = list(self.COLUMNS)
        self._view: View | None = None
        self._query: PagedQuery | None = None
        self._sort: tuple[str, bool] = (self._visible[0].key, False) if self._visible else ("", False)
        self._pages: OrderedDict[int, Page] = OrderedDict()
        self._rows = 0
        self._counted = True  # _rows is the database's count (not just the pages read so far)
        self.count: int | None = 0  # the view's rows as counted (None: still counting)
        self._base_count: int | None = None
        self._generation = 0
        self._bridge = _Bridge()
        self._bridge.sig_counted.connect(self._on_bridge_counted)
        self._pool: ThreadPoolExecutor | None = None
        self._count_stop = StatementStop()

    # -- the view -------------------------------------------------------------------------
    def set_view(self, view: View | None) -> None:
        """Show another view (filters, search): from its first page, in the current order."""
        self._view = view
        self._reload()

    def refresh(self) -> None:
        """Read the view again (rows changed): the count, and the pages as the table asks.

        The table keeps its place and selection (no model reset): the rows are told they changed,
        and the row count follows the database's count when it comes.
        """
        if self._query is None:
            self._reload()
            return
        self._generation += 1
        self._count_stop.stop()  # the last view's count, if still running, is void
        first = self._query.page(limit=self.page_size)
        self._pages.clear()
        self._pages[0] = first
        if len(first.rows) < self.page_size:
            self._resize(len(first.rows))
            self._counted, self.count = True, len(first.rows)
        else:
            self._resize(max(self._rows, len(first.rows)))
            self._counted, self.count, self._base_count = False, None, None
            self._count_in_background(self._query, self._generation)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(self._rows - 1, self.columnCount() - 1))

    def _resize(self, rows: int) -> None:
        if rows > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, rows - 1)
            self._rows = rows
            self.endInsertRows()
        elif rows < self._rows:
            self.beginRemoveRows(QModelIndex(), rows, self._rows - 1)
            self._rows = rows
            for p in [p for p in self._pages if p * self.page_size >= rows]:
                del self._pages[p]
            self.endRemoveRows()

    def _reload(self) -> None:
        self._generation += 1
        self._count_stop.stop()  # the last view's count, if still running, is void
        self.beginResetModel()
        self._pages.clear()
        self._query = self._view(*self._sort) if self._view is not None else None
        if self._query is None:
            self._rows, self._counted, self.count = 0, True, 0
        else:
            first = self._query.page(limit=self.page_size)
            self._pages[0] = first
            self._set_shape(first)
        self.endResetModel()

    def _set_shape(self, first: Page) -> None:
        """Rows known from the first page; a full one means: count in the background."""
        assert self._query is not None
        if len(first.rows) < self.page_size:
            self._rows, self._counted, self.count = len(first.rows), True, len(first.rows)
            self._base_count = None
            if self._query.search is None:
                self._base_count = self._rows
            return
        self._rows, self._counted, self.count = len(first.rows), False, None
        self._base_count = None
        self._count_in_background(self._query, self._generation)

    def _count_in_background(self, query: PagedQuery, generation: int) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hzbz-count")
        bridge = self._bridge
        stop = self._count_stop = StatementStop()

        def work() -> tuple[int, int]:
            if generation != self._generation:  # a newer view came while this one waited
                return (-1, -1)
            n = query.count(stop)
            return (n, n if query.search is None else -1)

        def done(future: Future[tuple[int, int]]) -> None:
            try:
                result = future.result()
            except Exception:  # the database went away or refused: the table keeps its pages
                if not stop.stopped:  # a count stopped for a newer view is no failure
                    log.exception("counting a table's rows failed")
                return
            try:
                bridge.sig_counted.emit(generation, result)
            except RuntimeError:  # the model was deleted meanwhile
                pass

        self._pool.submit(work).add_done_callback(done)

    def _on_bridge_counted(self, generation: int, result: tuple[int, int]) -> None:
        n, base = result
        if generation != self._generation or n < 0:
            return
        self.count, self._base_count = n, (base if base >= 0 else None)
        self._counted = True
        self._resize(n)
        self.sig_counted.emit(n)

    def wait_for_count(self) -> int:
        """For scripts and benchmarks: block until the view is counted (UI code uses sig_counted)."""
        if self._counted:
            return self._rows
        assert self._query is not None
        n = self._query.count()
        self._on_bridge_counted(self._generation, (n, n if self._query.search is None else -1))
        return self._rows

    @property
    def query(self) -> PagedQuery | None:
        return self._query

    # -- columns and sorting ----------------------------------------------------------------
    def set_visible_columns(self, keys: Sequence[str]) -> None:
        """Show these columns, in this order (keys of ``COLUMNS``)."""
        by_key = {c.key: c for c in self.COLUMNS}
        self.beginResetModel()
        self._visible = [by_key[k] for k in keys]
        self.endResetModel()

    def visible_columns(self) -> list[str]:
        return [c.key for c in self._visible]

    def column_key(self, section: int) -> str:
        return self._visible[section].key

    def section_of(self, key: str) -> int | None:
        return next((i for i, c in enumerate(self._visible) if c.key == key), None)

    @property
    def sort_order(self) -> tuple[str, bool]:
        return self._sort

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._visible) or not self._visible[column].sortable:
            return
        shown = self._visible[column]
        self.set_sort(shown.key, (order == Qt.SortOrder.DescendingOrder) != shown.reverse)

    def set_sort(self, key: str, descending: bool = False) -> None:
        if (key, descending) == self._sort and self._query is not None:
            return
        self._sort = (key, descending)
        self._reload()

    # -- rows -------------------------------------------------------------------------------
    def row_at(self, row: int) -> Any:
        """The row as the table's users want it (subclasses return their own type)."""
        return self.raw_row(row)

    def raw_row(self, row: int) -> Row:
        """Table row ``row`` as the page source's tuple, reading its page when not held."""
        page, offset = divmod(row, self.page_size)
        found = self._page(page)
        return found.rows[offset]

    def _page(self, number: int) -> Page:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        page = self._read_page(number)
        self._pages[number] = page
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)
        return page

    def _read_page(self, number: int) -> Page:
        assert self._query is not None
        size = self.page_size
        before, after = self._pages.get(number - 1), self._pages.get(number + 1)
        if before is not None and len(before.rows) == size:
            return self._query.page(after=before.keys[-1], limit=size)
        if after is not None and after.rows:
            return self._query.page(before=after.keys[0], limit=size)
        return self._query.page_at(number * size, limit=size, dense=self._dense())

    def _dense(self) -> bool:
        """Whether most rows of the view's base match its search (a walk finds them sooner)."""
        if self._query is None or self._query.search is None:
            return True
        if self.count is None:
            return False
        if self._base_count is None:  # asked for here, not per keystroke: jumps are rare
            self._base_count = self._query.base_count()
        if not self._base_count:
            return False
        return self.count * WALK >= self._base_count * self.page_size

    def cached_rows(self) -> int:
        """How many rows the model holds now (bounded by ``max_pages × page_size``)."""
        return sum(len(p.rows) for p in self._pages.values())

    def row_of_id(self, row_id: Any) -> int | None:
        """The table row showing record ``row_id`` in this view and order, by a database count."""
        if self._query is None:
            return None
        for number, page in self._pages.items():  # a shown row needs no query
            for i, row in enumerate(page.rows):
                if row[0] == row_id:
                    return number * self.page_size + i
        position = self._query.position(row_id)
        return position if position is not None and position < self._rows else None

    # -- Qt interface -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self._counted or self._query is None:
            return False
        last = self._pages.get((self._rows - 1) // self.page_size)
        return last is None or len(last.rows) == self.page_size

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """Before the count arrives: the next page after the last row read."""
        if not self.canFetchMore(parent):
            return
        number = self._rows // self.page_size
        page = self._page(number)
        if page.rows:
            self.beginInsertRows(QModelIndex(), self._rows, self._rows + len(page.rows) - 1)
            self._rows += len(page.rows)
            self.endInsertRows()
        if len(page.rows) < self.page_size:  # the end: that is the count
            self._counted, self.count = True, self._rows
            self._generation += 1  # the background count, if running, is not needed
            self._count_stop.stop()
            self.sig_counted.emit(self._rows)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            from PySide6.QtCore import QCoreApplication

            return QCoreApplication.translate(self.CONTEXT, self._visible[section].header)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._rows:
            return None
        try:
            row = self.raw_row(index.row())
            return self.cell(row, self._visible[index.column()].key, role)
        except IndexError:  # rows went away since the count (another clerk): refresh() catches up
            return None
        except Exception:  # an exception escaping data() takes Qt down with it: log, show nothing
            log.exception("reading row %d of a paged table failed", index.row())
            return None

    def cell(self, row: Row, key: str, role: int) -> Any:
        """What a cell shows for ``role``; subclasses override (DisplayRole text at least)."""
        raise NotImplementedError
