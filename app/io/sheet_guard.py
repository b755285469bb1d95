"""Refuse spreadsheets that would take the machine's memory before any parser touches them.

A 1 MB .xlsx can hold a 1 GiB cell, or one cell at XFD1048576 that makes a reader allocate
17 billion empty cells. So, before calamine parses anything:

* the zip directory (.xlsx, .ods): number of parts, each part's and the total uncompressed
  size, and the compression ratio of large parts;
* the worksheet and shared-string parts, streamed in 1 MB blocks (never held whole): no text
  longer than 16 MB in one cell, no column beyond ``MAX_COLUMNS``, no row
  beyond Excel's 1,048,576, and the sheet's rows × columns within ``MAX_CELLS``; an .ods may
  not repeat a filled cell or row past the same limits;
* .xls (binary, at most 65,536 × 256 cells by format): the file size.

Every refusal is one Chinese sentence; the check reads the directory and streams the parts
with constant memory, so even the bomb is refused in well under a second.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_PARTS = 10_000
# One sheet of 1,048,576 rows as the program exports them (inline strings, 17 columns) is ~1.1 GB of
# XML: our own export of a city's roster must come back in; a bomb is stopped by its ratio.
MAX_PART = 2_200_000_000
MAX_TOTAL = 2_600_000_000
MAX_RATIO = 200  # roster XML compresses 10-40×; a bomb of one repeated byte ~1000×
RATIO_FROM = 32_000_000  # only parts bigger than this are judged by their ratio
MAX_XLS = 256_000_000
# A cell's text beyond this is refused unread; shorter over-long text reaches the importer, whose
# field limits name the row and column (Excel itself stops at 32,767 characters).
MAX_TEXT_BYTES = 16_000_000
MAX_ROWS = 1_048_576
MAX_COLUMNS = 256
MAX_CELLS = 50_000_000  # rows × columns a reader lays out densely (~1.6 GB of cells at worst)
_BLOCK = 1 << 20

_WIDE_REF = re.compile(rb'r="([A-Z]{2,3})[0-9]')  # cells from column AA on (rare: a few per row)
_HIGH_ROW = re.compile(rb'r="[A-Z]{0,3}([0-9]{6,})"')  # rows from 100,000 on
_ODS_REPEAT = re.compile(rb'number-(rows|columns)-repeated="([0-9]+)"[^>]*?(/?)>')
_MB = 1_000_000


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _mb(size: int) -> str:
    return f"{size / _MB:,.0f} MB"


def sniff(path: Path) -> str:
    """``zip``, ``ole`` or ``other`` from the first bytes (the content, never the name)."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head == OLE_MAGIC:
        return "ole"
    return "other"


def zip_format(zf: zipfile.ZipFile) -> str | None:
    """``xlsx``, ``xlsb`` or ``ods`` by what the archive holds, or None for another zip."""
    names = set(zf.namelist())
    if "mimetype" in names and zf.getinfo("mimetype").file_size < 100:
        if zf.read("mimetype").strip() == b"application/vnd.oasis.opendocument.spreadsheet":
            return "ods"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    return None


def content_suffix(path: Path) -> str | None:
    """The suffix the file's content calls for (``.xlsx``, ``.xls``, ``.ods`` …), None if unknown."""
    try:
        kind = sniff(path)
        if kind == "ole":
            return ".xls"
        if kind == "zip":
            with zipfile.ZipFile(path) as zf:
                found = zip_format(zf)
                return f".{found}" if found else None
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return None
    return None


def encrypted_ods(path: Path) -> bool:
    """Whether ``path`` is an OpenDocument file saved with a password."""
    try:
        with zipfile.ZipFile(path) as zf:
            if zip_format(zf) != "ods" or "META-INF/manifest.xml" not in zf.namelist():
                return False
            if zf.getinfo("META-INF/manifest.xml").file_size > 4 * _MB:
                return False
            return b"encryption-data" in zf.read("META-INF/manifest.xml")
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return False


def bomb_problem(path: Path) -> str | None:
    """A Chinese reason to refuse ``path`` before parsing it, or None when it is safe to read."""
    try:
        kind = sniff(path)
        if kind == "ole":
            size = path.stat().st_size
            return f"文件过大（{_mb(size)}），.xls 文件不应超过 {_mb(MAX_XLS)}" if size > MAX_XLS else None
        if kind != "zip":
            return None
        with zipfile.ZipFile(path) as zf:
            return _directory_problem(zf) or _content_problem(zf)
    except (OSError, zipfile.BadZipFile, ValueError, EOFError, RuntimeError, NotImplementedError):
        return None  # damaged: the reader says so in its own words


def part_problem(name: str, size: int, compressed: int) -> str | None:
    """One part of the zip by its directory entry: too big, or compressed like a bomb."""
    if size > MAX_PART:
        return (
            f"文件解压后过大（其中“{name[:60]}”达 {_mb(size)}，上限 {_mb(MAX_PART)}），"
            "可能是恶意构造的文件，拒绝读取"
        )
    if size > RATIO_FROM and size > MAX_RATIO * max(compressed, 1):
        return (
            f"文件解压后过大、压缩比异常（“{name[:60]}”由 {_mb(compressed)} 解压为 {_mb(size)}），"
            "可能是恶意构造的文件，拒绝读取"
        )
    return None


def _directory_problem(zf: zipfile.ZipFile) -> str | None:
    infos = zf.infolist()
    if len(infos) > MAX_PARTS:
        return f"文件内部部件过多（{len(infos):,} 个），不是正常的表格文件，拒绝读取"
    total = 0
    for info in infos:
        total += info.file_size
        if problem := part_problem(info.filename, info.file_size, info.compress_size):
            return problem
    if total > MAX_TOTAL:
        return f"文件解压后过大（共 {_mb(total)}，上限 {_mb(MAX_TOTAL)}），拒绝读取"
    return None


def _parts_to_scan(zf: zipfile.ZipFile) -> list[str]:
    names = zf.namelist()
    xlsx = [n for n in names if n.startswith("xl/") and n.endswith(".xml") and (
        n.startswith("xl/worksheets/") or n == "xl/sharedStrings.xml")]  # fmt: skip
    return xlsx + [n for n in names if n == "content.xml"]


def _blocks(zf: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    with zf.open(name) as fh:
        while block := fh.read(_BLOCK):
            yield block


def _content_problem(zf: zipfile.ZipFile) -> str | None:
    for name in _parts_to_scan(zf):
        problem = _scan_part(zf, name)
        if problem:
            return problem
    return None


def _scan_part(zf: zipfile.ZipFile, name: str) -> str | None:
    ods = name == "content.xml"
    run = 0  # bytes of text without a tag, carried across blocks
    max_col, max_row = 0, 0
    tail = b""
    for block in _blocks(zf, name):
        first = block.find(b"<")
        if first < 0:
            run += len(block)
            if run >= MAX_TEXT_BYTES:
                return _too_long(name)
            continue
        if run + first >= MAX_TEXT_BYTES or _long_run_inside(block):
            return _too_long(name)
        run = len(block) - block.rfind(b"<") - 1
        buf = tail + block
        if ods:
            problem = _ods_repeats(buf)
            if problem:
                return problem
        elif "worksheets/" in name:
            if wide := _WIDE_REF.findall(buf):
                max_col = max(max_col, *map(_col, set(wide)))
            if high := _HIGH_ROW.findall(buf):  # every cell past row 99,999: a set, then the numbers
                max_row = max(max_row, *map(int, set(high)))
            if max_col > MAX_COLUMNS:
                return f"工作表列数过多（超过 {MAX_COLUMNS} 列），不是正常的名册，拒绝读取"
            if max_row > MAX_ROWS:
                return f"工作表行数超过 {MAX_ROWS:,} 行，拒绝读取"
            if max(max_row, 99_999) * max(max_col, 26) > MAX_CELLS:
                return (
                    f"工作表过大（{max_row:,} 行 × {max_col} 列），超过可读取的 {MAX_CELLS:,} 个单元格，"
                    "请分成几个文件"
                )
        tail = block[-64:]
    return None


def _long_run_inside(block: bytes) -> bool:
    """Whether ``block`` holds MAX_TEXT_BYTES without a tag: any such run covers a sample point."""
    step = MAX_TEXT_BYTES // 2
    for p in range(step, len(block), step):
        before = block.rfind(b"<", 0, p)
        after = block.find(b"<", p)
        if (after if after >= 0 else len(block)) - before - 1 >= MAX_TEXT_BYTES:
            return True
    return False


def _ods_repeats(buf: bytes) -> str | None:
    for m in _ODS_REPEAT.finditer(buf):
        count = int(m[2]) if len(m[2]) < 12 else MAX_ROWS * MAX_COLUMNS
        if m[3] == b"/" or count <= MAX_COLUMNS:
            continue  # an empty repeated cell or row is how LibreOffice writes the blank rest
        limit = MAX_ROWS if m[1] == b"rows" else MAX_COLUMNS
        if count > limit:
            what = "行" if m[1] == b"rows" else "列"
            return f"表格中一个单元格或一行重复了 {count:,} 次（超过 {limit:,} {what}），拒绝读取"
    return None


def _too_long(name: str) -> str:
    where = "共享文本" if "sharedStrings" in name else name.rsplit("/", 1)[-1]
    return f"文件中有超过 {_mb(MAX_TEXT_BYTES)} 的单元格（{where}），不是正常的表格文件，拒绝读取"
