"""Check every row of an imported roster at once and turn the good ones into MemberDraft.

Pure: no database, no Qt. Each problem becomes a RowError naming the Excel row and the
column header as the clerk sees it, with a Chinese reason; a row with any problem yields no
draft. Duplicates against the database are the caller's job.

Built for 100k-row files, it works column by column: a whole clean column is recognised
by C-level operations (one regex over the joined column, a set of the values), and only the
cells that fail that test go through the per-cell canonicalisation and ``idnumber.validate``
that word the error message; the good rows leave as tuples zipped from the columns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from itertools import compress, repeat
from operator import itemgetter
from typing import cast

from app.io.roster_xlsx import RosterSheet
from app.rules import idnumber
from app.rules.errors import InvalidIdNumber
from app.services.roster_types import (
    MAX_ENGAGEMENT_MONTHS,
    DraftRow,
    Employment,
    Engagement,
    MemberDraft,
    RowError,
)

MAX_NAME = 50
MAX_TEXT = 100

_CHECK_CHARS = "10X98765432"
_EARLIEST = dt.date(1900, 1, 1)
_EXCEL_EPOCH = dt.date(1899, 12, 30)

_INVISIBLE_RE = re.compile(r"[\s\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\u00ad]+")
_DIGIT_RE = re.compile(r"\d")
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_DATE_RE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|(\d{4})(\d{2})(\d{2})"
)
_PHONE_RE = re.compile(r"\+?[0-9](?:-*[0-9]){6,19}")  # 7–20 digits, "-" between
_CODE_RE = re.compile(r"[0-9A-Za-z-]+")
_SEP = "\x00"  # joins a column for one regex pass; XML (so xlsx) cannot hold NUL


def _column_re(line: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{line})(?:{_SEP}(?:{line}))*")


# Values that need no cleaning and no further check, for the whole-column fast path.
_CLEAN_NAMES = _column_re(rf"[^\W\d_]{{1,{MAX_NAME}}}")
_CLEAN_CODES = _column_re(rf"[0-9A-Za-z-]{{0,{MAX_NAME}}}")
_CLEAN_PHONES = _column_re(r"(?:[0-9]{7,20})?")  # the usual plain digits; the rest per cell
_ID_FORMAT = re.compile(r"[0-9]{17}[0-9X]")
_FIRST17, _BIRTH8, _LAST = itemgetter(slice(0, 17)), itemgetter(slice(6, 14)), itemgetter(17)
_CLEAN_TEXTS = _column_re(rf"[^\s\x00\u200b-\u200f\u2060-\u206f\ufeff\u00ad]{{0,{MAX_TEXT}}}")

_EMPLOYMENT: dict[str, Employment] = {"在职": "in_service", "退休": "retired", "离职": "left"}
_ENGAGEMENT: dict[str, Engagement] = {
    "正式职工": "regular", "正式": "regular", "合同制职工": "contract", "合同制": "contract",
    "合同工": "contract", "临时职工": "temporary", "临时工": "temporary", "临时": "temporary",
}  # fmt: skip
_YES = frozenset({"是", "y", "yes", "1", "√", "✓", "✔", "true", "有", "t"})
_NO = frozenset({"否", "n", "no", "0", "×", "✗", "✘", "x", "false", "无", "f"})
_GENDERS = {"男": "男", "女": "女", "男性": "男", "女性": "女"}
_GENDER_OF_DIGIT = {d: "男" if int(d) % 2 else "女" for d in "0123456789"}
_FLAGS = {"是": True, "否": False}
_CATEGORY_SETS = {
    (False, False): frozenset(),
    (True, False): frozenset({"model_worker"}),
    (False, True): frozenset({"hardship"}),
    (True, True): frozenset({"model_worker", "hardship"}),
}

NUMERIC_ID = "身份证号码为数字格式，可能已丢失末位，请将该列设为文本后重新录入"
_NUMERIC_CODE = "为数字格式，可能已丢失位数或开头的 0，请将该列设为文本后重新录入"
_DRAFT_ORDER = (
    "name", "id_number", "phone", "medical_card", "social_security_card", "jingka_card", "bank_name",
    "bank_account", "employment", "union_member_since", "categories", "basic_medical_insurance", "unit_code",
    "engagement", "engagement_months",
)  # fmt: skip
assert tuple(f.name for f in dataclasses.fields(MemberDraft)) == _DRAFT_ORDER, "MemberDraft fields moved"
_BLANK = object()  # a cell with nothing in it, as opposed to a bad value (None)
_SLOW = object()  # placeholder for a cell the fast path could not decide


def clean_code(value: str) -> str:
    """ID/card/account/phone text: full-width to ASCII, no spaces or invisible characters, no
    leading apostrophe (typed in Excel to keep a number as text, and kept by some exports)."""
    if value[:1] in _QUOTES:
        value = value[1:]
    if value.isascii() and value.isprintable() and " " not in value:
        return value
    return _INVISIBLE_RE.sub("", unicodedata.normalize("NFKC", value))


_QUOTES = ("'", "’", "‘", "`")


def clean_text(value: str) -> str:
    """Free text: no invisible characters, runs of spaces become one, ends trimmed."""
    if value.isprintable() and "  " not in value and value == value.strip():
        return value
    return " ".join(_INVISIBLE_RE.sub(" ", value).split())


def clean_name(value: str) -> str:
    """Like clean_text, but spaces inside Chinese names (“张  三”, for alignment) are dropped."""
    if value.isprintable() and " " not in value:
        return value
    text = clean_text(value)
    return text.replace(" ", "") if _CJK_RE.search(text) else text


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def parse_date(value: object) -> dt.date | None | object:
    """A date from a date/datetime cell, an Excel serial, 20120101, or text like 2012-1-1 / 2012年1月1日.

    Returns ``_BLANK`` for an empty cell and None for something that is not a date.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        if _is_number(value):
            number = float(value)  # type: ignore[arg-type]
            if 10000101 <= number <= 99991231 and number.is_integer():  # 20120101 typed as a number
                text = str(int(number))
                return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
            if 1 <= number < 2958466:  # Excel's serial day range (1900-01-01 … 9999-12-31)
                return _EXCEL_EPOCH + dt.timedelta(days=int(number))
            return None
        if isinstance(value, str):
            text = clean_text(unicodedata.normalize("NFKC", value))
            if not text:
                return _BLANK
            if m := _DATE_RE.fullmatch(text):
                y, mo, d = (g for g in m.groups() if g is not None)
                return dt.date(int(y), int(mo), int(d))
    except ValueError:
        pass
    return _BLANK if value is None else None


@functools.lru_cache(maxsize=65536)  # birth dates repeat: a few thousand distinct per file
def _birth(digits: str) -> dt.date | None:
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def _fast_ids(cells: list[object], today: dt.date) -> list[dt.date | None]:
    """Birth date of each cell that is a canonical valid ID, else None (the slow path words why).

    Weights 2^(17-i) mod 11 make the GB 11643 sum equal 2 * int(first17, 13) mod 11, as
    13 ≡ 2 (mod 11): one C-level int() instead of 17 Python multiplications per number.
    """
    match = _ID_FORMAT.fullmatch
    index = [i for i, v in enumerate(cells) if v.__class__ is str and match(v)]
    # The cells at ``index`` are all str (tested just above): when that is every cell, the list itself.
    good = cast(list[str], cells if len(index) == len(cells) else [cells[i] for i in index])
    expected = [_CHECK_CHARS[2 * n % 11] for n in map(int, map(_FIRST17, good), repeat(13))]
    births = list(map(_birth, map(_BIRTH8, good)))
    borns: list[dt.date | None] = [None] * len(cells)
    if index and expected == list(map(_LAST, good)) and None not in births:
        dates = cast(list[dt.date], births)  # no None among them (tested just above)
        if _EARLIEST <= min(dates) and max(dates) <= today:
            if len(index) == len(cells):
                return births
            for i, born in zip(index, births, strict=True):
                borns[i] = born
            return borns
    for i, v, check, born in zip(index, good, expected, births, strict=True):
        if v[17] == check and born is not None and _EARLIEST <= born <= today:
            borns[i] = born
    return borns


# --------------------------------------------------------------------------- cell checks
# Each takes one raw cell the fast path could not accept and returns (value, reason or None).


def _name_cell(value: object) -> tuple[str, str | None]:
    name = clean_name(value) if isinstance(value, str) else ("" if value is None else str(value))
    if not name:
        return name, "缺少姓名"
    if len(name) > MAX_NAME:
        return name, f"姓名过长（超过 {MAX_NAME} 个字）"
    if _DIGIT_RE.search(name):
        return name, "姓名中含有数字"
    return name, None


def _id_cell(value: object, today: dt.date) -> tuple[str, dt.date | None, str | None]:
    """The canonical ID and its birth date, or ("", None, reason)."""
    if not isinstance(value, str):
        return "", None, NUMERIC_ID if _is_number(value) else "身份证号码应为文本"
    text = clean_code(value)
    if text[-1:] == "x":
        text = text[:-1] + "X"
    if not text:
        return "", None, "缺少身份证号码"
    try:
        text = idnumber.validate(text, today)
    except InvalidIdNumber as exc:
        return "", None, str(exc)
    return text, idnumber.birth_date_of(text), None


def _code_cell(label: str, *, numbers_ok: bool = False) -> Callable[[object], tuple[str, str | None]]:
    """Card/account/code text; numeric cells are refused (Excel lost digits or leading zeros)."""

    def check(value: object) -> tuple[str, str | None]:
        if isinstance(value, str):
            text = clean_code(value)
            if text and not _CODE_RE.fullmatch(text):
                return text, f"{label}只能包含数字、字母和“-”"
            if len(text) > MAX_NAME:
                return text, f"{label}过长（超过 {MAX_NAME} 个字符）"
            return text, None
        if _is_number(value):
            if numbers_ok and float(value).is_integer():  # type: ignore[arg-type]
                return str(int(value)), None  # type: ignore[call-overload]
            return "", label + _NUMERIC_CODE
        return "", None if value is None else f"{label}应为文本"

    return check


def _phone_cell(value: object) -> tuple[str, str | None]:
    # A phone typed as a number keeps all its digits (< 1e15), so it is accepted.
    if _is_number(value) and float(value).is_integer():  # type: ignore[arg-type]
        text = str(int(value))  # type: ignore[call-overload]
    elif isinstance(value, str) or value is None:
        text = clean_code(value or "")
    else:
        text = "?"
    if text and not _PHONE_RE.fullmatch(text):
        return text, "联系电话应为 7–20 位数字，可含“-”和开头的“+”"
    return text, None


def _text_cell(value: object) -> tuple[str, str | None]:
    text = clean_text(value) if isinstance(value, str) else ("" if value is None else str(value))
    return text, (f"内容过长（超过 {MAX_TEXT} 个字）" if len(text) > MAX_TEXT else None)


def _flag_cell(default: bool) -> Callable[[object], tuple[bool, str | None]]:
    def check(value: object) -> tuple[bool, str | None]:
        if isinstance(value, bool):
            return value, None
        if _is_number(value):
            key = str(int(value)) if float(value).is_integer() else "?"  # type: ignore[arg-type, call-overload]
        else:
            key = clean_code(value).lower() if isinstance(value, str) else ""
        if not key:
            return default, None
        if key in _YES:
            return True, None
        return False, (None if key in _NO else "应填“是”或“否”")

    return check


def _employment_cell(value: object) -> tuple[Employment, str | None]:
    key = clean_code(value) if isinstance(value, str) else ("" if value is None else "?")
    if not key:
        return "in_service", None
    found = _EMPLOYMENT.get(key)
    return (found, None) if found else ("in_service", "在职状态应为“在职”“退休”或“离职”")


def _engagement_cell(value: object) -> tuple[Engagement, str | None]:
    key = clean_code(value) if isinstance(value, str) else ("" if value is None else "?")
    if not key:
        return "regular", None
    found = _ENGAGEMENT.get(key)
    return (found, None) if found else ("regular", "用工形式应为“正式职工”“合同制职工”或“临时职工”")


def _months_cell(value: object) -> tuple[int | None, str | None]:
    """聘用期（月）: a whole number of months, typed as a number or as digits (18, 18个月)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    text = value.strip().removesuffix("个月").removesuffix("月").strip() if isinstance(value, str) else value
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    if isinstance(text, str) and text.isascii() and text.isdigit():
        text = int(text)
    if isinstance(text, int) and not isinstance(text, bool) and 1 <= text <= MAX_ENGAGEMENT_MONTHS:
        return text, None
    return None, f"聘用期应为 1 至 {MAX_ENGAGEMENT_MONTHS} 的整数（月数）"


def _gender_cell(value: object) -> tuple[str, str | None]:
    key = clean_code(value) if isinstance(value, str) else ("" if value is None else "?")
    if not key:
        return "", None
    found = _GENDERS.get(key)
    return (found, None) if found else ("", "性别应为“男”或“女”")


class YearMonth(dt.date):
    """A date given only to the month (2013-08, 2013年8月): its day is 1 and means nothing."""


_MONTH_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")


def parse_month(value: object) -> YearMonth | None:
    if not isinstance(value, str):
        return None
    m = _MONTH_RE.fullmatch(clean_text(unicodedata.normalize("NFKC", value)))
    try:
        return YearMonth(int(m.group(1)), int(m.group(2)), 1) if m else None
    except ValueError:
        return None


def _date_cell(today: dt.date, months: bool = False) -> Callable[[object], tuple[dt.date | None, str | None]]:
    """``months``: where a day is not needed (出生日期 beside an ID), a year-month is enough."""

    def check(value: object) -> tuple[dt.date | None, str | None]:
        parsed = parse_date(value)
        if parsed is _BLANK:
            return None, None
        if months and not isinstance(parsed, dt.date):
            parsed = parse_month(value)
        if not isinstance(parsed, dt.date):
            return None, f"无法识别的日期“{value}”，请填写如 2012-01-01 的日期"
        if parsed > today:
            return None, f"日期 {parsed.isoformat()} 晚于今天"
        if parsed < _EARLIEST:
            return None, f"日期 {parsed.isoformat()} 不合理"
        return parsed, None

    return check


# --------------------------------------------------------------------------- columns

# A cell check of the slow path: one raw cell in, (its value, the reason it is bad or None) out.
CellCheck = Callable[[object], tuple[object, str | None]]


class _Columns:
    """The sheet's cells column by column; ``fail`` records a problem and marks its row bad."""

    def __init__(self, sheet: RosterSheet) -> None:
        self.row_nos: list[int] = sheet.row_numbers
        self._sheet = sheet
        self.labels = sheet.headers
        self._order = {f: i for i, f in enumerate(sheet.headers)}
        self.found: list[tuple[int, int, RowError]] = []
        self.bad: set[int] = set()

    def has(self, fname: str) -> bool:
        return fname in self.labels

    def cells(self, fname: str) -> list[object]:
        return self._sheet.column(fname)  # not to be changed: it may be the sheet's own list

    def person(self, index: int) -> str:
        if "name" not in self.labels:
            return ""
        value = self.cells("name")[index]
        return clean_name(value) if isinstance(value, str) else ""

    def fail(self, index: int, fname: str, message: str) -> None:
        self.bad.add(index)
        error = RowError(self.row_nos[index], self.labels.get(fname, ""), message, self.person(index))
        self.found.append((index, self._order.get(fname, -1), error))

    def _slow(self, fname: str, cells: list[object], out: list[object], check: CellCheck) -> None:
        if _SLOW not in out:
            return
        for i in [i for i, v in enumerate(out) if v is _SLOW]:
            out[i], message = check(cells[i])
            if message:
                self.fail(i, fname, message)

    def text(self, fname: str, clean: re.Pattern[str], check: CellCheck) -> list[object]:
        """Text column: one regex over the joined column when every cell is already clean."""
        cells = self.cells(fname)
        if set(map(type, cells)) == {str}:
            joined = _SEP.join(cells)  # type: ignore[arg-type]
            if joined.count(_SEP) == len(cells) - 1 and clean.fullmatch(joined):
                return cells
        match = clean.fullmatch
        out = [v if v.__class__ is str and match(v) else _SLOW for v in cells]
        self._slow(fname, cells, out, check)
        return out

    def mapped(self, fname: str, table: Mapping[str, object], check: CellCheck) -> list[object]:
        """Column of a few known words (性别, 在职状态, 是/否) translated through ``table``."""
        cells = self.cells(fname)
        # calamine's values all hash; a cell that is not a str key (a number, a date) just misses.
        lookup = cast(Callable[[object, object], object], table.get)
        out = list(map(lookup, cells, repeat(_SLOW)))
        self._slow(fname, cells, out, check)
        return out

    def dates(self, fname: str, today: dt.date, months: bool = False) -> list[object]:
        cells = self.cells(fname)
        out = [v if v.__class__ is dt.date and _EARLIEST <= v <= today else _SLOW for v in cells]
        self._slow(fname, cells, out, _date_cell(today, months))
        return out

    def errors(self) -> list[RowError]:
        return [error for _, _, error in sorted(self.found, key=itemgetter(0, 1))]


def _or_default(
    columns: _Columns, fname: str, default: object, build: Callable[[], list[object]]
) -> Iterable[object]:
    return build() if columns.has(fname) else repeat(default)


def validate_rows(
    sheet: RosterSheet, *, today: dt.date | None = None
) -> tuple[list[tuple[int, MemberDraft]], list[RowError]]:
    """Good drafts with their Excel row numbers, and every problem of every row (see validate_table)."""
    table, errors = validate_table(sheet, today=today)
    cats = _CATEGORY_SETS
    # Positional MemberDraft arguments (a third faster than keywords); _DRAFT_ORDER guards the order.
    drafts = [
        (row_no, MemberDraft(name, idn, phone, medical, social, jingka, bank, account, employment, since,
                             cats[model, hardship], insured, unit or None, engagement, months))
        for row_no, name, idn, phone, medical, social, jingka, bank, account, employment, since, model,
            hardship, insured, unit, engagement, months in table
    ]  # fmt: skip
    return drafts, errors


def validate_table(
    sheet: RosterSheet, *, today: dt.date | None = None
) -> tuple[list[DraftRow], list[RowError]]:
    """The good rows as plain DraftRow tuples, and every problem of every row.

    The errors start with ``sheet.errors`` (file-level problems found while reading), so the
    caller can show one list; row errors follow in row order, then column order. A blank
    劳模/特困 means 否, a blank 参加基本医保 means 是, a blank 在职状态 means 在职. A phone typed
    as a number is accepted (no digits are lost below 1e15); card and account numbers typed
    as numbers are refused. Tuples, not MemberDraft: at 100k rows the dataclass instances cost
    a third of the validation.
    """
    today = today or dt.date.today()
    cols = _Columns(sheet)
    label = cols.labels.get
    names = cols.text("name", _CLEAN_NAMES, _name_cell)

    id_cells = cols.cells("id_number")
    ids = list(id_cells)
    borns = _fast_ids(id_cells, today)
    for i in [i for i, born in enumerate(borns) if born is None]:
        ids[i], borns[i], message = _id_cell(id_cells[i], today)
        if message:
            cols.fail(i, "id_number", message)
    valid = [idn for idn in ids if idn]
    if len(set(valid)) < len(valid):
        seen: dict[object, int] = {}
        for i, idn in enumerate(ids):
            if idn and (first := seen.setdefault(idn, i)) != i:
                cols.fail(i, "id_number", f"与第 {cols.row_nos[first]} 行身份证号码重复")

    if cols.has("gender"):
        genders = cols.mapped("gender", {**_GENDERS, "": ""}, _gender_cell)
        for i, (gender, idn) in enumerate(zip(genders, ids, strict=True)):
            if gender and idn and gender != (expected := _GENDER_OF_DIGIT[idn[16]]):  # type: ignore[index]
                cols.fail(i, "gender", f"性别与身份证号码不符（身份证号码显示为{expected}）")
    if cols.has("birth_date"):
        births = cols.dates("birth_date", today, months=True)
        for i, (birth, born) in enumerate(zip(births, borns, strict=True)):
            if isinstance(birth, YearMonth) and born:
                if (birth.year, birth.month) != (born.year, born.month):
                    cols.fail(i, "birth_date", f"出生年月与身份证号码不符（身份证号码中为 {born:%Y-%m}）")
            elif birth and born and birth != born:
                cols.fail(i, "birth_date", f"出生日期与身份证号码不符（身份证号码中为 {born.isoformat()}）")
    sinces = _or_default(cols, "union_member_since", None, lambda: cols.dates("union_member_since", today))
    if cols.has("union_member_since"):
        for i, (since, born) in enumerate(zip(sinces, borns, strict=True)):
            if since and born and since < born:  # type: ignore[operator]
                cols.fail(i, "union_member_since", "入会日期早于出生日期")

    def code(fname: str, **kw: bool) -> Iterable[object]:
        return _or_default(
            cols, fname, "", lambda: cols.text(fname, _CLEAN_CODES, _code_cell(label(fname, ""), **kw))
        )

    def flag(fname: str, default: bool) -> Iterable[object]:
        table = {**_FLAGS, "": default}
        return _or_default(cols, fname, default, lambda: cols.mapped(fname, table, _flag_cell(default)))

    kinds = {**_ENGAGEMENT, "": "regular"}
    engagements = _or_default(
        cols, "engagement", "regular", lambda: cols.mapped("engagement", kinds, _engagement_cell)
    )
    months: Iterable[object] = repeat(None)
    if cols.has("engagement_months"):
        given: list[object] = []
        for i, cell in enumerate(cols.cells("engagement_months")):
            month, message = _months_cell(cell)
            given.append(month)
            if message:
                cols.fail(i, "engagement_months", message)
        months = given
    if cols.has("engagement"):
        engagements = list(engagements)
        for i, (kind, engaged) in enumerate(zip(engagements, months, strict=False)):
            if kind == "temporary" and engaged is None and i not in cols.bad:
                cols.fail(i, "engagement", "临时职工须填写聘用期（月数）")
    columns = zip(
        cols.row_nos,
        names,
        ids,
        _or_default(cols, "phone", "", lambda: cols.text("phone", _CLEAN_PHONES, _phone_cell)),
        code("medical_card"),
        code("social_security_card"),
        code("jingka_card"),
        _or_default(cols, "bank_name", "", lambda: cols.text("bank_name", _CLEAN_TEXTS, _text_cell)),
        code("bank_account"),
        _or_default(
            cols,
            "employment",
            "in_service",
            lambda: cols.mapped("employment", {**_EMPLOYMENT, "": "in_service"}, _employment_cell),
        ),
        sinces,
        flag("model_worker", False),
        flag("hardship", False),
        flag("basic_medical_insurance", True),
        code("unit_code", numbers_ok=True),
        engagements,
        months,
        strict=False,  # absent columns are endless repeat(default)
    )
    if cols.bad:  # C-level from here: zip builds the tuples, compress drops the bad rows
        good = [True] * len(cols.row_nos)
        for i in cols.bad:
            good[i] = False
        table = list(compress(columns, good))
    else:
        table = list(columns)
    return table, [*sheet.errors, *cols.errors()]
