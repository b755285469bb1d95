"""An .xlsx worksheet read a piece at a time, so a million-row sheet never sits whole in memory.

python-calamine parses a sheet only whole (1.8 GB for a city's million members). Here the
sheet's XML is streamed out of the zip and cut between ``</row>`` and ``<row``; each piece is
wrapped in a one-sheet workbook of its own (in memory, with the original styles and shared
strings, so dates and strings read the same) and handed to calamine, the next piece parsing in a
second thread while the caller works on this one. The rows come out exactly as
``CalamineSheet.iter_rows()`` gives them: from row 1, from the sheet's first used column.

``sheet_rows`` answers None when the file cannot be read this way (not an .xlsx, no
``<dimension>``, a namespace prefix, a large shared-string table that every piece would parse
again); the caller then reads the sheet whole. A piece that fails to parse later raises
``PieceUnreadable``.
"""

from __future__ import annotations

import contextlib
import io
import re
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from queue import Full, Queue
from typing import IO, Any

from app.io.sheet_guard import MAX_COLUMNS
from app.io.xlsx_safe import column_index

PIECE_BYTES = 8 << 20  # of sheet XML: about 8,000 roster rows, ~60 MB while parsed
SHARED_STRINGS_LIMIT = 4 << 20  # bigger: re-parsing it for every piece costs more than it saves
_HEAD_LIMIT = 1 << 20  # <sheetData> must start within the first MiB (sheetViews, cols …)

_DIMENSION_RE = re.compile(
    rb'<dimension\s+ref="\$?([A-Z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Z]{1,3})\$?([0-9]{1,7}))?"\s*/>'
)
_WIDEST = MAX_COLUMNS  # a <dimension> wider is not believed (rows are padded to it): the guard's limit
_REL_TAG_RE = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_TYPE_RE = re.compile(rb'\bType="[^"]*/([A-Za-z]+)"')
_TARGET_RE = re.compile(rb'\bTarget="([^"]*)"')
_ROW_START_RE = re.compile(rb"<row\b([^>]*)>")
_R_ATTR_RE = re.compile(rb"\br=\"")


class PieceUnreadable(ValueError):
    """A piece of the sheet that calamine could not parse, or whose rows go back to earlier row
    numbers (no spreadsheet program writes that; read in pieces, the rows would be misnumbered)."""

    def __init__(self, first_row: int, why: str = "工作表内容已损坏") -> None:
        super().__init__(f"第 {first_row} 行附近的{why}")
        self.first_row = first_row


@dataclass
class SheetRows:
    rows: Iterator[list[Any]]
    height: int  # rows from row 1 to the last the sheet's <dimension> names


def sheet_rows(path: Any, part: str) -> SheetRows | None:
    """The rows of worksheet ``part`` (its zip member name), read in pieces; None when this file
    must be read whole instead."""
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, ValueError):
        return None
    try:
        opened = _opened(zf, part)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, RuntimeError):
        opened = None
    if opened is None:
        zf.close()
        return None
    frame, stream, rest, height = opened
    return SheetRows(_rows(zf, stream, rest, frame), height)


def _opened(zf: zipfile.ZipFile, part: str) -> tuple[_Frame, IO[bytes], bytes, int] | None:
    names = set(zf.namelist())
    if part not in names or not _parts_where_expected(zf, names):
        return None
    strings = b""
    if "xl/sharedStrings.xml" in names:
        if zf.getinfo("xl/sharedStrings.xml").file_size > SHARED_STRINGS_LIMIT:
            return None
        strings = zf.read("xl/sharedStrings.xml")
    styles = zf.read("xl/styles.xml") if "xl/styles.xml" in names else b""
    workbook = zf.read("xl/workbook.xml") if "xl/workbook.xml" in names else b""
    stream = zf.open(part)
    head, rest = _head(stream)
    if head is None:
        stream.close()
        return None
    prefix, height, columns = head
    date1904 = b'date1904="1"' in workbook or b'date1904="true"' in workbook
    return _Frame(prefix, styles, strings, date1904, columns), stream, rest, height


def _parts_where_expected(zf: zipfile.ZipFile, names: set[str]) -> bool:
    """Shared strings and styles at the paths copied into every piece (a file that keeps them
    elsewhere is read whole, as calamine finds them)."""
    rels = zf.read("xl/_rels/workbook.xml.rels") if "xl/_rels/workbook.xml.rels" in names else b""
    for tag in _REL_TAG_RE.findall(rels):
        kind, target = _TYPE_RE.search(tag), _TARGET_RE.search(tag)
        if kind is None or target is None or kind[1] not in (b"sharedStrings", b"styles"):
            continue
        if target[1].lstrip(b"/").removeprefix(b"xl/") != kind[1] + b".xml":
            return False
    return True


def _head(stream: IO[bytes]) -> tuple[tuple[bytes, int, tuple[int, int] | None] | None, bytes]:
    """The worksheet's start up to ``<sheetData>`` (its ``<dimension>`` taken out: calamine would
    reserve the whole sheet's cells for every piece), the sheet's height and, when the dimension
    is a believable range, its first and last column."""
    buf = b""
    while len(buf) < _HEAD_LIMIT:
        block = stream.read(1 << 16)
        if not block:
            break
        buf += block
        if (at := buf.find(b"<sheetData>")) >= 0:
            prefix, rest = buf[:at], buf[at + len(b"<sheetData>") :]
            dim = _DIMENSION_RE.search(prefix)
            if dim is None or b"<sheetData" in prefix:
                return None, b""
            height = int(dim[4] or dim[2])
            columns = (column_index(dim[1]), column_index(dim[3])) if dim[3] else None
            if columns and not 0 <= columns[1] - columns[0] < _WIDEST:
                columns = None
            return (_DIMENSION_RE.sub(b"", prefix) + b"<sheetData>", height, columns), rest
    return None, b""  # no <sheetData> (an empty sheet: <sheetData/>), or a prefixed namespace


@dataclass(frozen=True)
class _Frame:
    """What every piece's one-sheet workbook shares with the original file."""

    prefix: bytes
    styles: bytes
    strings: bytes
    date1904: bool
    columns: tuple[int, int] | None = None  # the <dimension>'s first and last column, 0-based

    def workbook(self, piece: bytes) -> bytes:
        out = io.BytesIO()
        rels = _REL.format(id=1, kind="worksheet", target="worksheets/sheet1.xml")
        if self.styles:
            rels += _REL.format(id=2, kind="styles", target="styles.xml")
        if self.strings:
            rels += _REL.format(id=3, kind="sharedStrings", target="sharedStrings.xml")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
            zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
            zf.writestr("_rels/.rels", _ROOT_RELS)
            zf.writestr("xl/workbook.xml", _WORKBOOK.format(pr=' date1904="1"' if self.date1904 else ""))
            zf.writestr("xl/_rels/workbook.xml.rels", _RELS.format(rels=rels))
            if self.styles:
                zf.writestr("xl/styles.xml", self.styles)
            if self.strings:
                zf.writestr("xl/sharedStrings.xml", self.strings)
            zf.writestr("xl/worksheets/sheet1.xml", self.prefix + piece + b"</sheetData></worksheet>")
        return out.getvalue()


def _pieces(stream: IO[bytes], rest: bytes) -> Iterator[bytes]:
    """The sheetData's rows, cut after the last ``</row>`` within every ``PIECE_BYTES``."""
    buf, done = rest, False
    while True:
        while not done and len(buf) < PIECE_BYTES:
            block = stream.read(1 << 20)
            done = not block
            buf += block
        if done and len(buf) <= PIECE_BYTES:
            if (piece := _rows_only(buf)).strip():
                yield piece
            return
        cut = buf.rfind(b"</row>", 0, PIECE_BYTES)
        if cut < 0 and (cut := buf.find(b"</row>")) < 0:  # one row longer than a piece: read on
            if done:
                yield _rows_only(buf)
                return
            block = stream.read(1 << 20)
            done = not block
            buf += block
            continue
        cut += len(b"</row>")
        yield buf[:cut]
        buf = buf[cut:]


def _rows_only(tail: bytes) -> bytes:
    """The sheet's last rows, without ``</sheetData>`` and what follows it (merged cells …)."""
    end = tail.find(b"</sheetData>")
    return tail[:end] if end >= 0 else tail


def _parse(frame: _Frame, piece: bytes, next_row: int) -> tuple[tuple[int, int], list[list[Any]]]:
    """One piece's cells from calamine: ((first row, first column), rows), 0-based."""
    from python_calamine import CalamineWorkbook

    first = _ROW_START_RE.search(piece)
    if first is not None and not _R_ATTR_RE.search(first[1]):
        # A row without r="" follows the one before: say which that is, as the piece starts alone.
        at = first.start() + len(b"<row")
        piece = piece[:at] + b' r="%d"' % (next_row + 1) + piece[at:]
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(frame.workbook(piece)))
        sheet = wb.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=True)
        start = sheet.start or (next_row, 0)
        wb.close()
    except Exception as exc:  # calamine raises several types for damaged XML
        raise PieceUnreadable(next_row + 1) from exc
    return (int(start[0]), int(start[1])), rows


def _rows(zf: zipfile.ZipFile, stream: IO[bytes], rest: bytes, frame: _Frame) -> Iterator[list[Any]]:
    """Row lists as ``iter_rows`` gives them: every row from the first, blank ones as [""] * width,
    each from the sheet's first used column to its last (as the dimension and first piece say)."""
    parsed: Queue[tuple[tuple[int, int], list[list[Any]]] | BaseException | None] = Queue(maxsize=1)
    stop = threading.Event()

    def hand_over(item: tuple[tuple[int, int], list[list[Any]]] | BaseException | None) -> bool:
        while not stop.is_set():  # the reader may have gone (a preview reads one chunk): stop then
            with contextlib.suppress(Full):
                parsed.put(item, timeout=0.1)
                return True
        return False

    def parse_ahead() -> None:  # zlib and calamine run outside the GIL: this overlaps the caller
        next_row = 0
        try:
            for piece in _pieces(stream, rest):
                result = _parse(frame, piece, next_row)
                (top, _left), rows = result
                next_row = top + len(rows)
                if not hand_over(result):
                    return
            hand_over(None)
        except BaseException as exc:  # handed to the reader, raised there
            hand_over(exc)
        finally:  # the worker owns the file: the reader never waits for it to finish a piece
            stream.close()
            zf.close()

    worker = threading.Thread(target=parse_ahead, name="xlsx-pieces", daemon=True)
    worker.start()
    try:
        row = 0
        left: int | None = None
        width = 0
        while (item := parsed.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            (top, first_col), rows = item
            if left is None:  # the frame: the dimension's columns, widened to the first piece's
                right = first_col + max((len(r) for r in rows), default=0) - 1
                left, last = first_col, right
                if frame.columns is not None:
                    left, last = min(left, frame.columns[0]), max(right, frame.columns[1])
                width = last - left + 1
            if top < row:
                raise PieceUnreadable(
                    top + 1, f"行号倒退（第 {row} 行之后又出现第 {top + 1} 行），文件可能被改动"
                )
            blank = [""] * width
            while row < top:
                yield list(blank)
                row += 1
            lead = first_col - left  # < 0: cells left of the frame, which no header names
            for cells in rows:
                if lead or len(cells) != width:
                    cells = [""] * lead + cells if lead >= 0 else cells[-lead:]
                    cells = cells[:width] + [""] * (width - len(cells))
                yield cells
                row += 1
    finally:
        stop.set()  # the worker ends after the piece it is parsing, and closes the file


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_REL = (
    '<Relationship Id="rId{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    '{kind}" Target="{target}"/>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
)
_ROOT_RELS = _RELS.format(rels=_REL.format(id=1, kind="officeDocument", target="xl/workbook.xml"))
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<workbookPr{pr}/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
