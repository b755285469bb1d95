"""A roster worksheet read in chunks, for imports of any size with bounded memory.

``read_roster`` (app/io/roster_xlsx.py) hands over a whole sheet as Python lists — fine for a
unit, 1.4 GB for a city's million rows. ``stream_roster`` finds the header the same way, then
yields the member rows ``CHUNK`` at a time as small ``RosterSheet`` values, each with the
problems found in it (merged cells, formulas): the importer validates and inserts a chunk, then
lets it go. The same rules decide which rows are members (a name or an ID, or other data above
the 说明 footer), carried across chunk boundaries.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import Any

from app.io import xlsx_chunks
from app.io.roster_rows import footer_notice, skip_footers
from app.io.roster_sheet import RosterSheet
from app.io.roster_text import NOT_A_WORKBOOK, WORKBOOK_SUFFIXES, is_text_file, read_text_grid
from app.io.roster_types import RowError
from app.io.roster_xlsx import (
    _HEADER_SCAN_ROWS,
    _NOTE_RE,
    _failed,
    _find_header,
    _formula_errors,
    _header_of,
    _is_blank,
    _merged_errors,
)
from app.io.xlsx_safe import (
    CancelCheck,
    Progress,
    SheetScan,
    formula_scan,
    open_calamine,
    tick,
    unreadable_reason,
)

CHUNK = 20_000  # rows validated and inserted at a time: ~60 MB of Python objects


@dataclass
class RosterStream:
    head: RosterSheet  # title, unit, layout, header; no member rows. ``head.errors``: cannot import
    chunks: Iterator[RosterSheet] = field(default_factory=lambda: iter(()))
    height: int = 0  # the sheet's rows, for progress


def stream_roster(
    path: str | os.PathLike[str],
    *,
    chunk: int | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    cell_checks: bool = True,
) -> RosterStream:
    """The first worksheet with a 姓名 + 身份证 header row, ready to read in chunks; never raises
    on bad files (``head.errors`` says what is wrong). ``cell_checks`` False: formulas and merged
    cells are not looked for (a preview of the first rows; the import itself always checks)."""
    path = Path(path)
    if problem := unreadable_reason(path):
        return RosterStream(_failed(problem))
    if is_text_file(path):
        try:
            grid, how = read_text_grid(path)
        except (OSError, ValueError, csv.Error) as exc:
            return RosterStream(_failed(f"无法读取文本文件：{exc}"))
        sheets: list[_Source] = [_Source("", iter(grid), len(grid), [], True)]
        opened = _open(sheets, lambda _name: {}, chunk, progress, cancel, [how])
        if opened.head.errors and path.suffix.lower() in WORKBOOK_SUFFIXES:  # web systems' "xls" is text
            return RosterStream(_failed(NOT_A_WORKBOOK))
        return opened
    formulas = formula_scan(path, cell_checks)  # in a thread, while calamine parses
    try:
        wb = open_calamine(path)  # by content: an .xls named .xlsx is no "damaged file"
    except Exception as exc:  # calamine raises several types for zip/xml/format damage
        why = f"无法读取文件：不是有效的 Excel 文件（.xlsx/.xls/.ods）或已损坏（{type(exc).__name__}）"
        return RosterStream(_failed(why))
    try:
        sources = (
            _sheet_source(path, wb, i, meta, formulas)
            for i, meta in enumerate(wb.sheets_metadata)
            if str(meta.typ).endswith("WorkSheet")
        )
        return _open(sources, formulas, chunk, progress, cancel, [])
    except xlsx_chunks.PieceUnreadable as exc:
        return RosterStream(_failed(f"无法读取文件：{exc}"))
    except Exception as exc:
        return RosterStream(_failed(f"无法读取文件：工作表已损坏（{type(exc).__name__}）"))


def _sheet_source(path: Path, wb: Any, index: int, meta: Any, scan: SheetScan) -> _Source:
    """A visible .xlsx sheet read in pieces (bounded memory); any other read whole by calamine."""
    visible = str(meta.visible).endswith(".Visible")
    if visible and (part := scan.part(meta.name)) and (pieces := xlsx_chunks.sheet_rows(path, part)):
        return _Source(meta.name, pieces.rows, pieces.height, scan.merged(meta.name), True)
    sheet = wb.get_sheet_by_index(index)
    return _Source(meta.name, sheet.iter_rows(), sheet.height, list(sheet.merged_cell_ranges or ()), visible)


@dataclass
class _Source:
    name: str
    rows: Iterator[list[Any]]
    height: int
    merged: list[Any]
    visible: bool


def _open(
    sources: Iterable[_Source],
    formulas: Callable[[str], dict[tuple[int, int], str]],
    chunk: int | None,
    progress: Progress | None,
    cancel: CancelCheck | None,
    notices: list[str],
) -> RosterStream:
    """The first visible sheet with a header row; hidden sheets are skipped and said so."""
    anything = False
    hidden: list[str] = []
    for source in sources:
        if not source.visible:
            hidden.append(source.name)
            continue
        rows = source.rows
        top: list[list[Any]] = []
        for row in rows:
            top.append(row)
            if len(top) >= _HEADER_SCAN_ROWS:
                break
        anything = anything or any(not _is_blank(v) for r in top for v in r)
        if found := _find_header(top):
            header_idx, fields = found
            head = _header_of(top, header_idx, fields)
            if hidden:
                notices.append(f"已跳过隐藏的工作表：{'、'.join(hidden)}")
            head.warnings[:0] = notices
            if source.name:
                head.warnings.insert(0, f"读取工作表“{source.name}”")
            body = _chain(top[header_idx + 1 :], rows)
            size = chunk or CHUNK
            chunks = _chunks(head, body, fields, source.merged, formulas(source.name), size, source.height,
                             progress, cancel)  # fmt: skip
            return RosterStream(head, chunks, source.height)
    if hidden and not anything:
        names = "、".join(hidden)
        return RosterStream(_failed(f"只有隐藏的工作表（{names}），请在 Excel 中取消隐藏后再导入"))
    if not anything:
        return RosterStream(_failed("工作簿为空，没有任何数据"))
    message = f"前 {_HEADER_SCAN_ROWS} 行中没有找到同时含“姓名”和“身份证号码”的表头行"
    return RosterStream(_failed(message, "身份证号码"))


def _chain(first: list[list[Any]], rest: Iterator[list[Any]]) -> Iterator[list[Any]]:
    yield from first
    yield from rest


def _chunks(
    head: RosterSheet,
    body: Iterator[list[Any]],
    fields: list[str | None],
    merged: Any,
    formulas: dict[tuple[int, int], str],
    size: int,
    height: int,
    progress: Progress | None,
    cancel: CancelCheck | None,
) -> Iterator[RosterSheet]:
    name_col, id_col = fields.index("name"), fields.index("id_number")
    indices = [fields.index(f) for f in head.headers]
    first = head.header_row + 1  # Excel row of the body's first line
    in_notes = False
    kept_any = False
    while True:
        block: list[list[Any]] = []
        try:
            for row in body:
                block.append(row)
                if len(block) >= size:
                    break
        except xlsx_chunks.PieceUnreadable as exc:  # the importer stops there and writes nothing
            yield RosterSheet(head.title, head.unit_name, head.unit_code, head.layout, None,
                              [RowError(0, "", f"无法读取文件：{exc}")])  # fmt: skip
            return
        if not block:
            break
        tick(first - 1, height, progress, cancel)
        named = [
            (v := c[name_col]).__class__ is not str
            or v.strip()
            or (v := c[id_col]).__class__ is not str
            or v.strip()
            for c in block
        ]
        keep: list[object] = list(named)  # truthy: the row is kept
        for k in (k for k, n in enumerate(named) if not n):  # no name and no ID: decided one by one
            lead = next((v for v in block[k] if not _is_blank(v)), "")
            if isinstance(lead, str) and _NOTE_RE.match(lead):
                in_notes = True
            keep[k] = not in_notes and any(
                f and f != "seq" and not _is_blank(v) for f, v in zip(fields, block[k], strict=True)
            )
        if footers := skip_footers(block, [k for k, on in enumerate(keep) if on], name_col, id_col, first):
            head.warnings.append(footer_notice(footers))  # the importer reports them after the chunks
            for footer_row, _text in footers:
                keep[footer_row - first] = False
        rows = list(compress(block, keep))
        numbers = list(compress(range(first, first + len(block)), keep))
        if rows:
            kept_any = True
            columns = {
                f: list(map(itemgetter(col), rows)) for f, col in zip(head.headers, indices, strict=True)
            }
            part = RosterSheet(
                head.title, head.unit_name, head.unit_code, head.layout, None, [], [], head.headers,
                head.header_row, head.header, block, row_numbers=numbers, columns=columns, first_row=first,
            )  # fmt: skip
            part.errors = _merged_errors(part, merged) + _formula_errors(part, formulas)
            yield part
        first += len(block)
    if not kept_any:  # importing it would only create an empty unit
        empty = RosterSheet(head.title, head.unit_name, head.unit_code, head.layout, None,
                            [RowError(0, "", f"第 {head.header_row} 行表头下没有任何人员数据")])  # fmt: skip
        yield empty
    if progress is not None:
        progress(height, height)
