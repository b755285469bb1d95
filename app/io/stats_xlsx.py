"""One statistics table (a chart's data) as an .xlsx: a bold, frozen header row, then the rows.

Numbers stay numbers so the clerk can sum and chart them in Excel: counts as whole numbers,
Decimal money with the format 0.00. Labels go out as text (formula-looking ones quoted); a
column of codes (unit codes) is a text column (@).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from decimal import Decimal

from app.io.xlsx_table import Col, Kind, Table, write_tables

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_CODE_HEADERS = ("编码", "编号", "身份证", "卡号", "账号")


def _sheet_title(title: str) -> str:
    # Excel refuses these characters and titles over 31 characters.
    return (_SHEET_FORBIDDEN.sub(" ", title).strip() or "统计")[:31]


def _kind(title: str, values: list[object]) -> Kind:
    if any(word in title for word in _CODE_HEADERS):
        return "code"
    present = [v for v in values if v is not None and v != ""]
    if present and all(isinstance(v, Decimal) for v in present):
        return "money"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "int"
    return "text"


def write_table(
    path: str | os.PathLike[str], title: str, header: Sequence[str], rows: Sequence[Sequence[object]]
) -> int:
    """Write ``header`` and ``rows`` to ``path`` atomically; returns the number of rows."""
    cols = [Col(h, _kind(h, [row[i] for row in rows if i < len(row)])) for i, h in enumerate(header)]
    write_tables(path, [Table(_sheet_title(title), cols, rows)])
    return len(rows)
