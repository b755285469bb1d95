"""One statistics table (a chart's data) as an .xlsx: a bold header row, then the rows.

Numbers stay numbers so the clerk can sum and chart them in Excel; Decimal money keeps two
decimals through the number format. Labels go out as text (formula-looking ones quoted).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from app.io.xlsx_safe import safe_value, save_write_only, set_column_widths, styled_cell

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(title: str) -> str:
    # Excel refuses these characters and titles over 31 characters.
    return (_SHEET_FORBIDDEN.sub(" ", title).strip() or "统计")[:31]


def _width(value: object) -> float:
    text = str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text) + 2  # CJK characters are two wide


def write_table(
    path: str | os.PathLike[str], title: str, header: Sequence[str], rows: Sequence[Sequence[object]]
) -> int:
    """Write ``header`` and ``rows`` to ``path`` atomically; returns the number of rows."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_sheet_title(title))
    widths = [_width(h) for h in header]
    for row in rows:
        for i, value in enumerate(row[: len(widths)]):
            widths[i] = max(widths[i], min(_width(value), 40))
    set_column_widths(ws, widths)

    def fill() -> None:
        ws.append([styled_cell(ws, h, bold=True, horizontal="center") for h in header])
        for row in rows:
            ws.append([_cell(ws, v) for v in row])

    save_write_only(wb, path, fill)
    return len(rows)


def _cell(ws: WriteOnlyWorksheet, value: object) -> object:
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(ws, value=value)
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        cell.number_format = "#,##0." + "0" * places if places else "#,##0"
        return cell
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return safe_value(ws, value)
