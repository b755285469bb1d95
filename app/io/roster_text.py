"""Rosters saved as text (.csv, .txt), recognised by content rather than by extension.

Excel and WPS save CSV in the system's code page (GBK / GB18030 on Chinese Windows), LibreOffice
and web systems in UTF-8, often with a BOM; the delimiter is a comma, a tab (“文本文件（制表符
分隔）”) or a semicolon. The bytes decide: a BOM, else strict UTF-8, else charset-normalizer's
best guess (GB2312/GBK read as GB18030, their superset); the delimiter is the one of , \\t ; that
splits the first lines most evenly. Cells come back as strings ("" for empty), as a sheet's grid.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DELIMITERS = (",", "\t", ";")
_CHINESE_CODECS = {"gb2312", "gbk", "gb18030", "hz", "cp936", "big5"}


WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".et"})
# A "workbook" that is text and has no roster header: a broken or renamed file, said as such.
NOT_A_WORKBOOK = "无法读取文件：不是有效的 Excel 文件（.xlsx/.xls/.ods）或已损坏（内容是文本）"


def is_text_file(path: Path) -> bool:
    """True for a file that is neither a zip (xlsx, ods) nor an OLE file (xls) and has no NUL bytes."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if not head or head.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    return b"\x00" not in head


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was read in."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "UTF-8（带 BOM）"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GB18030"  # Chinese Windows' code page (GBK is a subset)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    encoding = best.encoding if best is not None else "gb18030"
    if encoding.replace("_", "").lower() in _CHINESE_CODECS:
        encoding = "gb18030"
    return data.decode(encoding, errors="replace"), encoding.upper()


def delimiter_of(text: str) -> str:
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    best, best_score = ",", -1.0
    for d in _DELIMITERS:
        counts = [len(next(csv.reader([line], delimiter=d))) - 1 for line in lines]
        if not counts or max(counts) == 0:
            continue
        common = max(set(counts), key=counts.count)  # the usual number of splits per line
        score = common * counts.count(common)
        if score > best_score:
            best, best_score = d, score
    return best


def read_text_grid(path: Path) -> tuple[list[list[object]], str]:
    """The file's rows as a grid, and a notice saying how it was read."""
    text, encoding = decode(Path(path).read_bytes())
    delimiter = delimiter_of(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[object]] = [list(r) for r in reader]
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        r.extend([""] * (width - len(r)))
    name = {",": "逗号", "\t": "制表符", ";": "分号"}[delimiter]
    return rows, f"按文本文件读取：编码 {encoding}，{name}分隔"
