"""Lists a clerk opens, edits and sums: one typed column per field, written with XlsxWriter.

Each column says what it holds, and the cell and the whole column get the matching format, so
what a clerk later types there in Excel, WPS or LibreOffice keeps its kind:

* ``code``  — ID, card, account, claim numbers: text cells in a column formatted ``@``; an
  18-digit number retyped there stays 18 digits (a General column turns it into 1.1E+17).
* ``date``  — real date cells (yyyy-mm-dd), so the list sorts and filters by date.
* ``money`` — numeric cells with the format ``0.00``; the 合计 row is a number too, so sums work.
* ``int``   — whole numbers (counts, 序号).
* ``text``  — anything else; text that looks like a formula carries the quote prefix.

The header row is bold and frozen, widths fit the content (CJK characters count two), and the
file appears only when complete (``atomic_write``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from app.io.xlsx_safe import TEXT_FORMAT, atomic_write, looks_like_formula

Kind = Literal["text", "code", "date", "money", "int"]
MONEY_FORMAT = "0.00"
DATE_FORMAT = "yyyy-mm-dd"
_MAX_WIDTH = 50.0


@dataclass(frozen=True)
class Col:
    title: str
    kind: Kind = "text"


def columns(titles: Sequence[str], kinds: Sequence[Kind]) -> list[Col]:
    return [Col(t, k) for t, k in zip(titles, kinds, strict=True)]


@dataclass(frozen=True)
class Table:
    name: str
    columns: Sequence[Col]
    rows: Sequence[Sequence[object]]
    total: Sequence[object] | None = None  # a 合计 line under the rows, typed like them
    notes: Sequence[str] = field(default_factory=tuple)  # lines under everything


def display_width(value: object) -> float:
    """Excel character units: CJK and full-width characters count two."""
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, Decimal | float):
        return len(f"{value:.2f}")
    text = "" if value is None else str(value)
    return float(sum(2 if ord(ch) > 0x2E7F else 1 for ch in text))


def _widths(table: Table) -> list[float]:
    widths = [display_width(c.title) + 2 for c in table.columns]
    for row in (*table.rows, *([table.total] if table.total else [])):
        for i, value in enumerate(row[: len(widths)]):
            widths[i] = max(widths[i], min(display_width(value) + 2, _MAX_WIDTH))
    for i, c in enumerate(table.columns):
        if c.kind == "code":
            widths[i] = max(widths[i], 12)  # room to type an ID
    return widths


class _Formats:
    def __init__(self, wb: Any) -> None:
        self.header = wb.add_format({"bold": True, "align": "center", "valign": "vcenter"})
        self.code = wb.add_format({"num_format": TEXT_FORMAT})
        self.quoted = wb.add_format({"num_format": TEXT_FORMAT, "quote_prefix": True})
        self.plain_quoted = wb.add_format({"quote_prefix": True})
        self.date = wb.add_format({"num_format": DATE_FORMAT})
        self.money = wb.add_format({"num_format": MONEY_FORMAT})
        self.bold = wb.add_format({"bold": True})
        self.bold_money = wb.add_format({"bold": True, "num_format": MONEY_FORMAT})

    def column(self, kind: Kind) -> Any:
        return {"code": self.code, "date": self.date, "money": self.money}.get(kind)


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def put_cell(
    ws: Any, row: int, col: int, kind: Kind, value: object, fmt: _Formats, bold: bool = False
) -> None:
    """One cell of ``kind``; None and "" leave it empty (the column format still applies)."""
    if value is None or value == "":
        return
    if (kind == "date" or isinstance(value, dt.date)) and (day := _as_date(value)) is not None:
        ws.write_datetime(row, col, dt.datetime.combine(day, dt.time()), fmt.date)
    elif kind == "code" and isinstance(value, int | float) and not isinstance(value, bool):
        ws.write_number(row, col, value, fmt.code)  # as the clerk sent it: its digits are gone already
    elif kind == "money" and isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        ws.write_number(row, col, float(value), fmt.bold_money if bold else fmt.money)
    elif kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        ws.write_number(row, col, value, fmt.bold if bold else None)
    else:
        text = value if isinstance(value, str) else _text(value)
        if kind == "code":
            ws.write_string(row, col, text, fmt.quoted if looks_like_formula(text) else fmt.code)
        elif looks_like_formula(text):
            ws.write_string(row, col, text, fmt.plain_quoted)
        else:
            ws.write_string(row, col, text, fmt.bold if bold else None)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_tables(path: str | os.PathLike[str], tables: Sequence[Table]) -> None:
    """Write each table as a worksheet of ``path`` (atomically)."""
    import xlsxwriter

    with atomic_write(path) as tmp:
        wb = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
        )
        try:
            fmt = _Formats(wb)
            for table in tables:
                _write_sheet(wb, table, fmt)
        finally:
            wb.close()


def _write_sheet(wb: Any, table: Table, fmt: _Formats) -> None:
    ws = wb.add_worksheet(table.name)
    kinds = [c.kind for c in table.columns]
    for col, width in enumerate(_widths(table)):
        ws.set_column(col, col, width, fmt.column(kinds[col]))
    for col, c in enumerate(table.columns):
        ws.write_string(0, col, c.title, fmt.header)
    ws.freeze_panes(1, 0)
    row = 1
    for values in table.rows:
        for col, value in enumerate(values[: len(kinds)]):
            put_cell(ws, row, col, kinds[col], value, fmt)
        row += 1
    if table.total is not None:
        for col, value in enumerate(table.total[: len(kinds)]):
            put_cell(ws, row, col, kinds[col], value, fmt, bold=True)
        row += 1
    for i, note in enumerate(table.notes):
        put_cell(ws, row + 1 + i, 0, "text", note, fmt)
