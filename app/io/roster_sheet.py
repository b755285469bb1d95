"""A roster worksheet as read: title lines, header, and the member rows kept column by column.

Columns, not a dict per row: at 100k rows building the dicts cost a quarter of calamine's
own parse, and validation works column by column anyway. ``rows`` still gives the familiar
(Excel row, field → value) pairs, built on first use; once handed out they are the truth (a
caller may edit them), and ``columns`` is rebuilt from them.
"""

from __future__ import annotations

from itertools import repeat
from typing import Literal

from app.io.roster_types import RowError

Layout = Literal["personnel", "full"]

# (Excel row number, canonical field -> raw cell value, "" when empty).
RawRow = tuple[int, dict[str, object]]


class RosterSheet:
    def __init__(
        self,
        title: str | None,
        unit_name: str | None,
        unit_code: str | None,
        layout: Layout,
        rows: list[RawRow] | None,
        errors: list[RowError],
        warnings: list[str] | None = None,
        headers: dict[str, str] | None = None,
        header_row: int = 0,
        header: list[str] | None = None,
        grid: list[list[object]] | None = None,
        *,
        row_numbers: list[int] | None = None,
        columns: dict[str, list[object]] | None = None,
        first_row: int = 1,
    ) -> None:
        self.title, self.unit_name, self.unit_code, self.layout = title, unit_name, unit_code, layout
        self.errors = errors  # file-level problems (row 0) or the header row
        self.warnings = warnings if warnings is not None else []
        self.headers = headers if headers is not None else {}  # field -> header text as in the file
        self.header_row = header_row
        self.header = header if header is not None else []  # every header cell, in file order
        self._grid = grid if grid is not None else []
        self._first_row = first_row  # Excel row of grid[0] (a streamed chunk holds only its rows)
        self._rows = rows if rows is not None or columns is None else None
        self._row_numbers = row_numbers if row_numbers is not None else []
        self._columns = columns if columns is not None else {}

    def __repr__(self) -> str:
        return f"RosterSheet({self.title!r}, {self.unit_name!r}, {self.layout!r}, {len(self)} rows)"

    def __len__(self) -> int:
        """How many member rows."""
        return len(self._rows) if self._rows is not None else len(self._row_numbers)

    @property
    def rows(self) -> list[RawRow]:
        if self._rows is None:
            names = list(self._columns)
            values = zip(*self._columns.values(), strict=True) if names else repeat(())
            self._rows = [
                (row, dict(zip(names, cells, strict=True)))
                for row, cells in zip(self._row_numbers, values, strict=False)
            ]
        return self._rows

    @property
    def row_numbers(self) -> list[int]:
        if self._rows is not None:
            return [row for row, _ in self._rows]
        return self._row_numbers

    def column(self, fname: str) -> list[object]:
        """The raw cells of one field, in row order ("" for every row when the sheet lacks it)."""
        if self._rows is not None:
            return [values.get(fname, "") for _, values in self._rows]
        found = self._columns.get(fname)
        return found if found is not None else [""] * len(self._row_numbers)

    def cells_of(self, row: int) -> list[object]:
        """The original cells of Excel row ``row`` (for write_bad_rows)."""
        at = row - self._first_row
        return list(self._grid[at]) if 0 <= at < len(self._grid) else []
