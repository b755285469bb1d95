"""Safe cells and safe saves for openpyxl write-only workbooks.

Two dangers of roster files handled here:

* Text that looks like a formula (``=1+1``, ``+86…``, ``-``, ``@x``): openpyxl turns a str
  starting with ``=`` into a formula, and Excel re-parses ``+``/``-``/``@`` text when a clerk
  edits the cell. Such text goes out as a string cell with the quote-prefix style, so Excel
  shows it literally and keeps it text.
* Files that cannot be read: ``unreadable_reason`` says why in Chinese (a password-protected
  workbook makes plain readers fail with unclear errors), ``load_grids`` closes the workbook
  even on error so Windows does not keep the file locked.
* A half-written file when a USB stick is pulled or the program is killed: ``atomic_write``
  writes beside the target, fsyncs, then renames over it in one step.

ID, card, account and phone numbers are always written as str (never int/float), which
openpyxl stores as string cells; their columns also get the text format ``@`` so numbers a
clerk types there later stay text too.
"""

from __future__ import annotations

import contextlib
import html
import os
import posixpath
import re
import tempfile
import threading
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence, Sized
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

# Re-exported for the writers (the "as" form says so to mypy).
from app.io.progress import CancelCheck as CancelCheck
from app.io.progress import Cancelled as Cancelled
from app.io.progress import Progress as Progress
from app.io.sheet_guard import bomb_problem, content_suffix, encrypted_ods


class SheetRefused(ValueError):
    """A spreadsheet refused before parsing (a zip bomb, a cell or sheet too large)."""


if TYPE_CHECKING:  # openpyxl loads when a sheet is written, not when the window starts
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet
    from python_calamine import CalamineWorkbook

TEXT_FORMAT = "@"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FORMULA_STARTS = ("=", "+", "-", "@")


def total_of(members: Iterable[object]) -> int | None:
    return len(members) if isinstance(members, Sized) else None


def tick(done: int, total: int | None, progress: Progress | None, cancel: CancelCheck | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled
    if progress is not None:
        progress(done, total)


def merged_line(ws: WriteOnlyWorksheet, row: int, last_col: str, cell: object) -> None:
    ws.append([cell])
    ws.merged_cells.add(f"A{row}:{last_col}{row}")


def looks_like_formula(text: str) -> bool:
    return text.startswith(_FORMULA_STARTS)


def text_cell(ws: WriteOnlyWorksheet, value: str) -> WriteOnlyCell:
    """A cell that is text whatever the value looks like (string type, quote prefix, format @)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"  # after the value: assigning "=…" made it a formula
    cell.quotePrefix = True
    cell.number_format = TEXT_FORMAT
    return cell


def safe_value(ws: WriteOnlyWorksheet, value: object) -> object:
    """The value itself (cheap plain append), or a forced text cell for formula-looking text."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return text_cell(ws, value)
    return value


def styled_cell(
    ws: WriteOnlyWorksheet,
    value: object,
    *,
    bold: bool = False,
    size: float | None = None,
    horizontal: str | None = None,
) -> WriteOnlyCell:
    """A title or header cell; values that look like formulas stay text."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    cell = (
        text_cell(ws, value)
        if isinstance(value, str) and looks_like_formula(value)
        else WriteOnlyCell(ws, value=value)
    )
    if bold or size:
        cell.font = Font(bold=bold, size=size or 11)
    if horizontal:
        cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=False)
    return cell


def set_column_widths(
    ws: WriteOnlyWorksheet, widths: Sequence[float], *, text_columns: Collection[int] = ()
) -> None:
    """Widths in Excel character units; 1-based columns in ``text_columns`` get format @.

    Must run before the first append: write-only sheets emit <cols> at the start.
    """
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, 1):
        dim = ws.column_dimensions[get_column_letter(index)]
        dim.width = width
        if index in text_columns:
            dim.number_format = TEXT_FORMAT


def _fsync_dir(folder: Path) -> None:
    # POSIX only: make the rename itself durable. Windows cannot open a directory.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success fsync it and rename it over ``path``.

    On any exception (including ``Cancelled``) the temporary file is removed and ``path``
    is left as it was. A target held open by Excel (Windows) becomes a clear PermissionError.
    """
    target = Path(path)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise PermissionError(f"无法写入“{target.name}”：文件可能正被 Excel 打开，请关闭后重试") from exc
        _fsync_dir(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def save_write_only(wb: Workbook, path: str | os.PathLike[str], fill: Callable[[], None]) -> None:
    """Run ``fill`` (which appends the rows), then save atomically to ``path``.

    On any error, including a cancel raised inside ``fill``, nothing is left behind: neither
    the target nor the temp file openpyxl streams write-only rows into (it would otherwise
    linger in the system temp folder until the program exits).
    """
    try:
        fill()
        with atomic_write(path) as tmp:
            wb.save(tmp)
    except BaseException:
        for ws in wb.worksheets:
            writer = getattr(ws, "_writer", None)
            if writer is not None and os.path.exists(writer.out):
                with contextlib.suppress(Exception):  # ends the open XML elements in order
                    ws.close()
                writer.cleanup()
        raise


def unreadable_reason(path: Path) -> str | None:
    """A Chinese reason why ``path`` cannot be read (missing, empty, password-protected), or None."""
    try:
        with open(path, "rb") as fh:
            magic = fh.read(8)
            if magic == _OLE_MAGIC:  # encrypted xlsx and legacy .xls are both OLE files
                import msoffcrypto

                fh.seek(0)
                try:
                    if msoffcrypto.OfficeFile(fh).is_encrypted():
                        return "文件已加密（设置了打开密码），请在 Excel 中取消密码后重新导入"
                except Exception:  # not an Office file msoffcrypto knows: let calamine decide
                    return None
    except FileNotFoundError:
        return "文件不存在"
    except IsADirectoryError:
        return "所选路径是文件夹，不是 Excel 文件"
    except PermissionError:
        return "无权读取该文件，或文件正被其他程序占用"
    except OSError as exc:
        return f"无法读取文件：{exc.strerror or exc}"
    if not magic:
        return "文件为空（0 字节），不是有效的 Excel 文件"
    if encrypted_ods(path):
        return "文件已加密（设置了打开密码），请在 WPS 或 LibreOffice 中取消密码后重新导入"
    return bomb_problem(path)  # sizes, cell lengths, rows and columns, before any parser runs


def open_calamine(path: Path) -> CalamineWorkbook:
    """A calamine workbook read by the file's content, whatever its name says (.xls named .xlsx …)."""
    from python_calamine import CalamineWorkbook

    wanted, suffix = content_suffix(path), path.suffix.lower()
    if wanted is None or suffix == wanted or (wanted == ".xlsx" and suffix == ".xlsm"):
        return CalamineWorkbook.from_path(os.fspath(path))
    with open(path, "rb") as fh:  # calamine tells the format by the bytes
        return CalamineWorkbook.from_filelike(fh)


MergedRanges = list[tuple[tuple[int, int], tuple[int, int]]]  # 0-based ((row, col), (last row, last col))


class Sheet(NamedTuple):
    name: str
    grid: list[list[object]]  # from A1, so indexes are Excel rows - 1 and columns - 1
    merged: MergedRanges


def load_sheets(path: Path) -> list[Sheet]:
    """Every worksheet with its raw calamine values and merged ranges.

    Raises :class:`SheetRefused` for a file too big to read safely (see app/io/sheet_guard.py).
    """
    if problem := bomb_problem(path):
        raise SheetRefused(f"“{path.name}”：{problem}")
    wb = open_calamine(path)
    try:
        sheets = []
        for i, meta in enumerate(wb.sheets_metadata):
            if str(meta.typ).endswith("WorkSheet"):
                sheet = wb.get_sheet_by_index(i)
                cells = cast("list[list[object]]", sheet.to_python(skip_empty_area=False))
                sheets.append(Sheet(meta.name, cells,
                                    list(sheet.merged_cell_ranges or ())))  # fmt: skip
        return sheets
    finally:
        wb.close()


def load_grids(path: Path) -> list[list[list[object]]]:
    """Every worksheet as rows of raw calamine values, from A1 so indexes are Excel rows - 1."""
    return [sheet.grid for sheet in load_sheets(path)]


# <c r="B3" …><f>A1&amp;"x"</f>: a cell whose first child is a formula (shared ones have no text).
_FORMULA_RE = re.compile(
    rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>]*>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>([^<]{0,200}))'
)
# <mergeCell ref="A3:B4"/>: the same ranges calamine's merged_cell_ranges gives, 0-based.
_MERGE_RE = re.compile(
    rb'<(?:\w+:)?mergeCell\s[^>]*?\bref="([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?"'
)
_OVERLAP = 4096  # bytes kept between chunks: longer than any cell's start tag
# Not an .xlsx, or a damaged one (ElementTree's ParseError is a SyntaxError): no formulas found.
_UNREADABLE = (OSError, KeyError, ValueError, zipfile.BadZipFile, SyntaxError)


def column_index(letters: bytes) -> int:
    """0-based column of a cell reference's letters: b"A" → 0, b"AA" → 26."""
    col = 0
    for ch in letters:
        col = col * 26 + ch - 64
    return col - 1


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet name → the zip member holding it (workbook.xml → its relationships)."""
    from xml.etree import ElementTree

    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    parts: dict[str, str] = {}
    for el in ElementTree.fromstring(zf.read("xl/workbook.xml")).iter():
        if el.tag.endswith("}sheet") and (name := el.get("name")) is not None and name not in parts:
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
            target = targets.get(rid, "")
            parts[name] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    return parts


class SheetScan:
    """Every worksheet's formula cells and merged ranges, found by streaming its XML in a thread:
    call it with a sheet's name for the formulas, ``merged(name)`` for the merges (both wait for the
    scan); ``part(name)`` is the zip member that holds the sheet. ``cells`` False: no scan, no
    formulas or merges (a preview of the first rows need not read a million)."""

    def __init__(self, path: Path, cells: bool = True) -> None:
        self._formulas: dict[str, dict[tuple[int, int], str]] = {}
        self._merged: dict[str, MergedRanges] = {}
        self._parts: dict[str, str] = {}
        with contextlib.suppress(*_UNREADABLE), zipfile.ZipFile(path) as zf:
            self._parts = _sheet_parts(zf)  # two small XML parts: read now, the caller needs them first
        self._worker = threading.Thread(target=self._scan, args=(path,), name="formula-scan", daemon=True)
        if cells:
            self._worker.start()

    def _scan(self, path: Path) -> None:
        with contextlib.suppress(*_UNREADABLE), zipfile.ZipFile(path) as zf:
            for name, part in self._parts.items():
                with contextlib.suppress(*_UNREADABLE):
                    self._formulas[name], self._merged[name] = _scan_sheet(zf, part)

    def __call__(self, sheet_name: str) -> dict[tuple[int, int], str]:
        self._wait()
        return self._formulas.get(sheet_name, {})

    def merged(self, sheet_name: str) -> MergedRanges:
        self._wait()
        return self._merged.get(sheet_name, [])

    def _wait(self) -> None:
        if self._worker.ident is not None:  # started
            self._worker.join()

    def part(self, sheet_name: str) -> str | None:
        return self._parts.get(sheet_name)


def formula_scan(path: Path, cells: bool = True) -> SheetScan:
    """Start scanning every worksheet for formulas and merged cells in a thread.

    Meant to run while calamine parses the same file: both spend their time outside the GIL
    (zlib, Rust), so on two cores the scan costs next to nothing.
    """
    return SheetScan(path, cells)


def formula_cells(path: Path, sheet_name: str) -> dict[tuple[int, int], str]:
    """Cells of an .xlsx worksheet that hold a formula: 0-based (row, col) → formula text ("" if shared).

    calamine hands over only the value Excel cached, which a program-written file lacks
    (the cell then reads as empty). Streams the sheet XML; {} when the file is not an .xlsx.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            part = _sheet_parts(zf).get(sheet_name)
            return {} if part is None else _scan_sheet(zf, part)[0]
    except _UNREADABLE:
        return {}


def _scan_sheet(zf: zipfile.ZipFile, part: str) -> tuple[dict[tuple[int, int], str], MergedRanges]:
    found: dict[tuple[int, int], str] = {}
    merged: MergedRanges = []
    with zf.open(part) as fh:
        tail = b""
        while True:
            block = fh.read(1 << 20)
            buf = tail + block
            limit = len(buf) - _OVERLAP if block else len(buf)
            if b"<f" in buf or b":f" in buf:
                for m in _FORMULA_RE.finditer(buf, 0, len(buf)):
                    if m.start() >= limit:
                        break
                    text = html.unescape(m[3].decode("utf-8", "replace")) if m[3] else ""
                    found[(int(m[2]) - 1, column_index(m[1]))] = text
            if b"mergeCell " in buf:
                for m in _MERGE_RE.finditer(buf, 0, len(buf)):
                    if m.start() >= limit:
                        break
                    top, left = int(m[2]) - 1, column_index(m[1])
                    bottom, right = (int(m[4]) - 1, column_index(m[3])) if m[3] else (top, left)
                    merged.append(((top, left), (bottom, right)))
            if not block:
                return found, merged
            tail = buf[max(limit, 0) :]
