"""Member rosters as Excel files: read any clerk's sheet, write the 人员手册 and full layouts.

Reading uses python-calamine (about 10x faster than openpyxl) and keeps raw cell values
(float for numbers, date/datetime for dates, str for text) so validation can reject ID
numbers that Excel already turned into floats. Writing uses openpyxl write-only mode and
``atomic_write``; IDs, cards, accounts and phones always go out as text.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from app.io.roster_rows import drop_empty_duplicates, footer_notice, footer_text, skip_footers  # noqa: F401
from app.io.roster_sheet import Layout as Layout  # these three are part of this module's API
from app.io.roster_sheet import RawRow as RawRow
from app.io.roster_sheet import RosterSheet as RosterSheet
from app.io.roster_text import NOT_A_WORKBOOK, WORKBOOK_SUFFIXES, is_text_file, read_text_grid
from app.io.roster_types import EMPLOYMENT_LABELS, ENGAGEMENT_LABELS, RowError
from app.io.xlsx_safe import (  # noqa: F401 - Cancelled is part of this module's API
    CancelCheck,
    Cancelled,
    MergedRanges,
    Progress,
    Sheet,
    formula_scan,
    load_sheets,
    merged_line,
    safe_value,
    save_write_only,
    set_column_widths,
    styled_cell,
    tick,
    total_of,
    unreadable_reason,
)
from app.io.xlsx_stream import Formats, SheetLayout, Written, excel_date, put_line, put_text, write_rows
from app.io.xlsx_table import Col, Table, write_tables

_HEADER_SCAN_ROWS = 10
_BATCH = 1000  # rows between progress reports and cancel checks when writing
_CHUNK = 5000  # rows per progress report and cancel check when reading

# Normalised header text (see _norm_header) -> canonical field name.
_HEADER_VARIANTS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号"),
    "name": ("姓名", "会员姓名", "职工姓名"),
    "id_number": ("身份证", "身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证件号码"),
    "gender": ("性别",),
    "birth_date": ("出生日期", "出生年月日", "出生年月"),
    "medical_card": ("医保卡号", "医保卡", "医疗保险卡号"),
    "social_security_card": ("社保卡号", "社会保障卡号", "社保卡"),
    "jingka_card": ("京卡号", "京卡", "京卡互助服务卡号", "京卡互助服务卡"),
    "phone": ("联系电话", "电话", "手机", "手机号", "手机号码", "联系方式"),
    "bank_name": ("开户银行", "银行", "开户行"),
    "bank_account": ("银行账号", "银行卡号", "账号", "银行帐号", "帐号"),
    "employment": ("在职状态", "就业状态", "人员状态"),
    "union_member_since": ("入会日期", "入会时间"),
    "model_worker": ("劳模", "是否劳模"),
    "hardship": ("特困", "是否特困"),
    "basic_medical_insurance": ("参加基本医保", "基本医保", "是否参加基本医保", "是否参加医保"),
    "unit_code": ("单位编码",),
    "engagement": ("用工形式", "用工性质", "用工类型"),
    "engagement_months": ("聘用期", "聘用期月", "聘用月数", "聘用期限"),
    "unit_name": ("单位名称",),
}
HEADER_FIELDS: dict[str, str] = {v: f for f, variants in _HEADER_VARIANTS.items() for v in variants}
# Columns write_bad_rows adds; ignored without a warning when the fixed file comes back.
BAD_ROW_EXTRA = ("原行号", "错误原因")
PERSONNEL_FIELDS = frozenset({"seq", "name", "gender", "id_number", "medical_card"})

_PAREN_RE = re.compile(r"[(\[][^)\]]*[)\]]")
_UNIT_NAME_RE = re.compile(r"单位名称\s*(?:[(（][^)）]*[)）])?\s*[:：]\s*(.*?)\s*(?:单位编码\s*[:：].*)?$")
_UNIT_CODE_RE = re.compile(r"单位编码\s*[:：]\s*(\S*)")
_NOTE_RE = re.compile(r"^\s*(?:说明|注|备注|\d+\s*[、.．])")

PERSONNEL_NOTES = (
    "说明：",
    "1、表格以Excel形式报送，在上报打印名册的同时，须按要求向中心提供EXCEL表格电子版。",
    "2、此表一式三份。",
)
PERSONNEL_HEADER = ("序号", "姓名", "性别", "身份证", "医保卡号")
FULL_HEADER = (
    "单位编码", "单位名称", "姓名", "性别", "出生日期", "身份证号码", "联系电话", "医保卡号", "社保卡号",
    "京卡号", "开户银行", "银行账号", "在职状态", "入会日期", "劳模", "特困", "参加基本医保", "用工形式",
    "聘用期（月）",
)  # fmt: skip


class PersonnelRow(NamedTuple):
    """A tuple, so the 人员手册 writer can take database rows as they come (no object per row)."""

    name: str
    gender: str
    id_number: str
    medical_card: str = ""


@dataclass(frozen=True)
class FullRow:
    unit_code: str
    unit_name: str
    name: str
    gender: str
    birth_date: dt.date | None
    id_number: str
    phone: str = ""
    medical_card: str = ""
    social_security_card: str = ""
    jingka_card: str = ""
    bank_name: str = ""
    bank_account: str = ""
    employment: str = "in_service"  # code (in_service/retired/left) or its Chinese label
    union_member_since: dt.date | None = None
    model_worker: bool = False
    hardship: bool = False
    basic_medical_insurance: bool = True
    engagement: str = "regular"  # regular/contract/temporary
    engagement_months: int | None = None


# --------------------------------------------------------------------------- reading


def _norm_header(text: str) -> str:
    """Header text without spaces, punctuation, symbols or a parenthesised remark."""
    text = _PAREN_RE.sub("", unicodedata.normalize("NFKC", text))
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PSZC")


def _failed(message: str, column: str = "") -> RosterSheet:
    return RosterSheet(None, None, None, "personnel", [], [RowError(0, column, message)])


def _find_header(grid: list[list[object]]) -> tuple[int, list[str | None]] | None:
    for idx, row in enumerate(grid[:_HEADER_SCAN_ROWS]):
        fields = [HEADER_FIELDS.get(_norm_header(v)) if isinstance(v, str) else None for v in row]
        if "name" in fields and "id_number" in fields:
            return idx, fields
    return None


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _title_lines(grid: list[list[object]], header_idx: int) -> tuple[str | None, str | None, str | None]:
    title = unit_name = unit_code = None
    for row in grid[:header_idx]:
        text = " ".join(str(v).strip() for v in row if not _is_blank(v))
        if not text:
            continue
        if "单位名称" in text or "单位编码" in text:
            if m := _UNIT_NAME_RE.search(text):
                unit_name = m.group(1).strip() or unit_name
            if m := _UNIT_CODE_RE.search(text):
                unit_code = m.group(1).strip() or unit_code
        elif title is None and "".join(text.split()) != "人员手册":
            title = text
    return title, unit_name, unit_code


def _nameless_rows(
    body: list[list[object]], offsets: list[int], fields: list[str | None], first: int
) -> list[int]:
    """Rows with no name and no ID to keep: those with other data, unless inside the 说明 footer.

    Skipped: blank rows, template rows with only a 序号, and every such row from a line
    starting with 说明/注/“1、” on (the 人员手册 footer).
    """
    keep: list[int] = []
    in_notes = False
    for offset in offsets:
        cells = body[offset]
        lead = next((v for v in cells if not _is_blank(v)), "")
        if isinstance(lead, str) and _NOTE_RE.match(lead):
            in_notes = True
        filled = any(f and f != "seq" and not _is_blank(v) for f, v in zip(fields, cells, strict=True))
        if filled and not in_notes:
            keep.append(first + offset)
    return keep


def _no_formulas(_sheet: str) -> dict[tuple[int, int], str]:
    return {}


def read_roster(
    path: str | os.PathLike[str], *, progress: Progress | None = None, cancel: CancelCheck | None = None
) -> RosterSheet:
    """Read the first worksheet that has a 姓名 + 身份证 header row; never raises on bad files."""
    path = Path(path)
    if problem := unreadable_reason(path):
        return _failed(problem)
    notices: list[str] = []
    if is_text_file(path):
        try:
            grid, how = read_text_grid(path)
        except (OSError, ValueError) as exc:
            return _failed(f"无法读取文本文件：{exc}")
        sheets, notices = [Sheet("", grid, [])], [how]
        formulas: Callable[[str], dict[tuple[int, int], str]] = _no_formulas  # text has no formulas
    else:
        formulas = formula_scan(path)  # in a thread, while calamine parses (it releases the GIL)
        try:
            sheets = load_sheets(path)
            hidden = _hidden_sheets(path)
        except Exception as exc:  # calamine raises several types for zip/xml/format damage
            kind = type(exc).__name__
            return _failed(f"无法读取文件：不是有效的 Excel 文件（.xlsx/.xls/.ods）或已损坏（{kind}）")
        if skipped := [s.name for s in sheets if s.name in hidden]:
            notices.append(f"已跳过隐藏的工作表：{'、'.join(skipped)}")
            sheets = [s for s in sheets if s.name not in hidden]
    sheets = [s for s in sheets if any(not _is_blank(v) for row in s.grid for v in row)]
    if not sheets:
        return _failed("工作簿为空，没有任何数据")
    for sheet in sheets:  # the first sheet with a header row: data may follow a sheet of notes
        if found := _find_header(sheet.grid):
            read = _read_grid(sheet.grid, *found, progress=progress, cancel=cancel)
            read.warnings[:0] = notices
            read.errors = _merged_errors(read, sheet.merged) + _formula_errors(read, formulas(sheet.name))
            if not len(read):  # importing it would only create an empty unit
                read.errors.append(RowError(0, "", f"第 {read.header_row} 行表头下没有任何人员数据"))
            return read
    if notices[:1] and path.suffix.lower() in WORKBOOK_SUFFIXES and is_text_file(path):
        return _failed(NOT_A_WORKBOOK)
    return _failed(f"前 {_HEADER_SCAN_ROWS} 行中没有找到同时含“姓名”和“身份证号码”的表头行", "身份证号码")


def _hidden_sheets(path: Path) -> set[str]:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(os.fspath(path))
    try:
        return {m.name for m in wb.sheets_metadata if not str(m.visible).endswith(".Visible")}
    finally:
        wb.close()


def _data_columns(sheet: RosterSheet) -> dict[int, str]:
    """0-based column → header text, for the columns read into members (序号 is only a number)."""
    return {
        col: text
        for col, text in enumerate(sheet.header)
        if (f := HEADER_FIELDS.get(_norm_header(text))) and f != "seq" and sheet.headers.get(f) == text
    }


def _merged_errors(sheet: RosterSheet, merged: MergedRanges) -> list[RowError]:
    """A merged range over member rows: only its first cell has the value, the others read as empty."""
    if not merged:
        return []
    columns, kept = _data_columns(sheet), set(sheet.row_numbers)
    errors = []
    for (top, left), (bottom, right) in merged:
        rows = [r for r in range(top + 1, bottom + 2) if r in kept]
        cols = [c for c in range(left, right + 1) if c in columns]
        if rows and cols and (bottom > top or right > left):
            span = f"第 {top + 1}–{bottom + 1} 行" if bottom > top else f"第 {top + 1} 行"
            errors.append(RowError(rows[0], columns[cols[0]],
                                   f"{span}是合并单元格，请取消合并并在每一行、每一列分别填写"))  # fmt: skip
    return sorted(errors, key=lambda e: e.row)


def _formula_errors(sheet: RosterSheet, found: dict[tuple[int, int], str]) -> list[RowError]:
    """Formulas in member cells: the value is whatever Excel last computed, or nothing at all."""
    columns, kept = _data_columns(sheet), set(sheet.row_numbers)
    return [
        RowError(
            row + 1,
            columns[col],
            f"单元格是公式{f'（={text}）' if text else ''}，请复制后“选择性粘贴为数值”再导入",
        )
        for (row, col), text in sorted(found.items())
        if row + 1 in kept and col in columns
    ]


def _header_of(grid: list[list[object]], header_idx: int, fields: list[str | None]) -> RosterSheet:
    """The sheet's title lines, unit, header and layout, without member rows (both readers)."""
    header = ["" if _is_blank(v) else str(v).strip() for v in grid[header_idx]]
    warnings: list[str] = []
    ignored = drop_empty_duplicates(grid, header_idx, fields, header, warnings)
    headers: dict[str, str] = {}
    for col, (fname, text) in enumerate(zip(fields, header, strict=True)):
        if fname is None:
            if text and text not in BAD_ROW_EXTRA and col not in ignored:
                warnings.append(f"忽略无法识别的列“{text}”（第 {col + 1} 列）")
        elif fname in headers:
            warnings.append(f"“{text}”列重复出现（第 {col + 1} 列），只读取第一个")
        else:
            headers[fname] = text
    layout: Layout = "personnel" if headers.keys() <= PERSONNEL_FIELDS else "full"
    title, unit_name, unit_code = _title_lines(grid, header_idx)
    return RosterSheet(
        title, unit_name, unit_code, layout, None, [], warnings, headers, header_idx + 1, header
    )


def _read_grid(
    grid: list[list[object]],
    header_idx: int,
    fields: list[str | None],
    *,
    progress: Progress | None,
    cancel: CancelCheck | None,
) -> RosterSheet:
    head = _header_of(grid, header_idx, fields)
    headers, header, warnings = head.headers, head.header, head.warnings
    indices = [fields.index(f) for f in headers]
    title, unit_name, unit_code, layout = head.title, head.unit_name, head.unit_code, head.layout

    name_col, id_col = fields.index("name"), fields.index("id_number")
    body = grid[header_idx + 1 :]
    total = len(body)
    named: list[object] = []
    # Rows with a name or an ID are kept; the cells are then taken column by column (C-level
    # itemgetter maps), as a dict per row cost a quarter of calamine's own parse time.
    for start in range(0, total, _CHUNK):
        if start:
            tick(start, total, progress, cancel)
        named += [
            (v := c[name_col]).__class__ is not str
            or v.strip()
            or (v := c[id_col]).__class__ is not str
            or v.strip()
            for c in body[start : start + _CHUNK]
        ]
    first = header_idx + 2
    kept = list(compress(range(total), named))
    if len(kept) < total:
        odd = [k for k, keep in enumerate(named) if not keep]  # no name and no ID: decided one by one
        if extra := _nameless_rows(body, odd, fields, first):
            kept = sorted(kept + [row - first for row in extra])
    if footers := skip_footers(body, kept, name_col, id_col, first):
        warnings.append(footer_notice(footers))
        dropped = {row - first for row, _ in footers}
        kept = [k for k in kept if k not in dropped]
    rows = body if len(kept) == total else list(map(body.__getitem__, kept))
    columns = {fname: list(map(itemgetter(col), rows)) for fname, col in zip(headers, indices, strict=True)}
    if progress is not None:
        progress(total, total)
    return RosterSheet(
        title, unit_name, unit_code, layout, None, [], warnings, headers, header_idx + 1, header, grid,
        row_numbers=[first + k for k in kept], columns=columns,
    )  # fmt: skip


def bad_rows_of(sheet: RosterSheet, errors: Iterable[RowError]) -> list[tuple[int, list[object], str]]:
    """Group row errors into write_bad_rows input: (row, original cells, reasons joined by ；)."""
    reasons: dict[int, list[str]] = {}
    for err in errors:
        if err.row > sheet.header_row:
            text = f"{err.column}：{err.message}" if err.column else err.message
            reasons.setdefault(err.row, []).append(text)
    return [(row, sheet.cells_of(row), "；".join(texts)) for row, texts in sorted(reasons.items())]


# --------------------------------------------------------------------------- writing


def write_personnel_roster(
    path: str | os.PathLike[str],
    *,
    title: str,
    unit_name: str,
    members: Iterable[PersonnelRow | tuple[str, str, str, str]],
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    total: int | None = None,
) -> int:
    """附件1 人员手册: title, 人员手册, 单位名称, header 序号 姓名 性别 身份证 医保卡号, rows, 说明.

    ``members`` may be a database cursor: rows stream to the file as they come (xlsx_stream).
    Returns the number of member rows written; raises ``Cancelled`` leaving no file.
    """
    return write_personnel_sheets(
        path, title=title, unit_name=unit_name, members=members, progress=progress, cancel=cancel, total=total
    ).rows


def write_personnel_sheets(
    path: str | os.PathLike[str],
    *,
    title: str,
    unit_name: str,
    members: Iterable[PersonnelRow | tuple[str, str, str, str]],
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    total: int | None = None,
) -> Written:
    """``write_personnel_roster``, saying also how many worksheets the rows took."""

    def head(ws: Any, fmt: Formats) -> int:
        put_line(ws, 0, 4, title, fmt, fmt.title)
        put_line(ws, 1, 4, "人员手册", fmt, fmt.subtitle)
        put_line(ws, 2, 4, f"单位名称：{unit_name}", fmt)
        for col, text in enumerate(PERSONNEL_HEADER):
            ws.write_string(3, col, text, fmt.header)
        return 4

    def foot(ws: Any, row: int, fmt: Formats) -> None:
        for i, note in enumerate(PERSONNEL_NOTES):
            ws.write_string(row + i, 0, note)

    def put(ws: Any, row: int, seq: int, member: tuple[str, str, str, str], fmt: Formats) -> None:
        name, gender, number, card = member
        ws.write_number(row, 0, seq)
        put_text(ws, row, 1, name, fmt)
        ws.write_string(row, 2, gender)
        ws.write_string(row, 3, number, fmt.text)
        put_text(ws, row, 4, card, fmt, fmt.text)

    layout = SheetLayout("人员手册", [7, 12, 6, 22, 22], (3, 4), head, foot, len(PERSONNEL_NOTES))
    return write_rows(
        path, layout, members, put, total=total if total is not None else total_of(members),
        progress=progress, cancel=cancel,
    )  # fmt: skip


def _yes_no(flag: bool) -> str:
    return "是" if flag else "否"


def write_full_roster(
    path: str | os.PathLike[str],
    *,
    unit_name: str | None,
    members: Iterable[FullRow],
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    total: int | None = None,
) -> int:
    """Every field, one member per row; a "单位名称：…" line above the header when unit_name is given."""
    return write_full_sheets(
        path, unit_name=unit_name, members=members, progress=progress, cancel=cancel, total=total
    ).rows


def write_full_sheets(
    path: str | os.PathLike[str],
    *,
    unit_name: str | None,
    members: Iterable[FullRow],
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    total: int | None = None,
) -> Written:
    """``write_full_roster``, saying also how many worksheets the rows took."""

    def head(ws: Any, fmt: Formats) -> int:
        row = 0
        if unit_name:
            put_text(ws, 0, 0, f"单位名称：{unit_name}", fmt)
            row = 1
        for col, text in enumerate(FULL_HEADER):
            ws.write_string(row, col, text, fmt.header)
        return row + 1

    texts = (0, 1, 2, 6, 7, 8, 9, 10, 11)  # unit code and name, name, phone, cards, bank, account

    def put(ws: Any, row: int, _seq: int, m: FullRow, fmt: Formats) -> None:
        values = (
            m.unit_code, m.unit_name, m.name, m.gender, m.birth_date, m.id_number, m.phone, m.medical_card,
            m.social_security_card, m.jingka_card, m.bank_name, m.bank_account,
            EMPLOYMENT_LABELS.get(m.employment, m.employment), m.union_member_since,
            _yes_no(m.model_worker), _yes_no(m.hardship), _yes_no(m.basic_medical_insurance),
            ENGAGEMENT_LABELS.get(m.engagement, m.engagement), m.engagement_months,
        )  # fmt: skip
        for col, value in enumerate(values):
            if isinstance(value, dt.date):
                ws.write_datetime(row, col, excel_date(value), fmt.date)
            elif value is None or value == "":
                continue
            elif isinstance(value, int):  # 聘用期（月）: a count, a whole number
                ws.write_number(row, col, value)
            elif col in texts:
                put_text(ws, row, col, value, fmt, fmt.text)
            elif col == 5:
                ws.write_string(row, col, value, fmt.text)
            else:
                ws.write_string(row, col, value)

    widths = [12, 24, 10, 6, 12, 22, 15, 18, 18, 18, 22, 24, 9, 12, 6, 6, 12, 11, 12]
    layout = SheetLayout("会员名册", widths, (0, 5, 6, 7, 8, 9, 11), head, freeze_below_head=True)
    return write_rows(
        path, layout, members, put, total=total if total is not None else total_of(members),
        progress=progress, cancel=cancel,
    )  # fmt: skip


def write_bad_rows(
    path: str | os.PathLike[str], header: list[str], rows: list[tuple[int, list[object], str]]
) -> None:
    """The rejected rows as the clerk sent them, plus 原行号 and 错误原因, to fix and re-import.

    Every source column is a text column (@): an ID or card number retyped while fixing a row
    keeps its digits; date cells stay dates.
    """
    width = max([len(header), *(len(cells) for _, cells, _ in rows)])
    header = header + [""] * (width - len(header))
    cols = [*(Col(h, "code") for h in header), Col(BAD_ROW_EXTRA[0], "int"), Col(BAD_ROW_EXTRA[1])]
    lines = [[*cells, *[""] * (width - len(cells)), row, reason] for row, cells, reason in rows]
    write_tables(path, [Table("错误行", cols, lines)])
