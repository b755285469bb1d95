"""The cells of an imported roster, one value at a time: what a clean name, ID number, code,
phone, date, month, flag or choice looks like, and the Chinese reason when a cell is not one.

Pure: no database, no Qt. ``roster_validation`` runs these over whole columns, using the
regexes here for its C-level fast path and the cell checks for the cells that fail it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable
from itertools import repeat
from operator import itemgetter
from typing import cast

from app.rules import idnumber
from app.rules.errors import InvalidIdNumber
from app.services.roster_types import (
    MAX_ENGAGEMENT_MONTHS,
    Employment,
    Engagement,
    MemberDraft,
)

MAX_NAME = 50
MAX_TEXT = 100

_CHECK_CHARS = "10X98765432"
EARLIEST = dt.date(1900, 1, 1)
_EXCEL_EPOCH = dt.date(1899, 12, 30)

_INVISIBLE_RE = re.compile(r"[\s\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\u00ad]+")
_DIGIT_RE = re.compile(r"\d")
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_DATE_RE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|(\d{4})(\d{2})(\d{2})"
)
_PHONE_RE = re.compile(r"\+?[0-9](?:-*[0-9]){6,19}")  # 7–20 digits, "-" between
_CODE_RE = re.compile(r"[0-9A-Za-z-]+")
SEP = "\x00"  # joins a column for one regex pass; XML (so xlsx) cannot hold NUL


def _column_re(line: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{line})(?:{SEP}(?:{line}))*")


# Values that need no cleaning and no further check, for the whole-column fast path.
CLEAN_NAMES = _column_re(rf"[^\W\d_]{{1,{MAX_NAME}}}")
CLEAN_CODES = _column_re(rf"[0-9A-Za-z-]{{0,{MAX_NAME}}}")
CLEAN_PHONES = _column_re(r"(?:[0-9]{7,20})?")  # the usual plain digits; the rest per cell
_ID_FORMAT = re.compile(r"[0-9]{17}[0-9X]")
_FIRST17, _BIRTH8, _LAST = itemgetter(slice(0, 17)), itemgetter(slice(6, 14)), itemgetter(17)
CLEAN_TEXTS = _column_re(rf"[^\s\x00\u200b-\u200f\u2060-\u206f\ufeff\u00ad]{{0,{MAX_TEXT}}}")

EMPLOYMENT: dict[str, Employment] = {"在职": "in_service", "退休": "retired", "离职": "left"}
ENGAGEMENT: dict[str, Engagement] = {
    "正式职工": "regular", "正式": "regular", "合同制职工": "contract", "合同制": "contract",
    "合同工": "contract", "临时职工": "temporary", "临时工": "temporary", "临时": "temporary",
}  # fmt: skip
_YES = frozenset({"是", "y", "yes", "1", "√", "✓", "✔", "true", "有", "t"})
_NO = frozenset({"否", "n", "no", "0", "×", "✗", "✘", "x", "false", "无", "f"})
GENDERS = {"男": "男", "女": "女", "男性": "男", "女性": "女"}
GENDER_OF_DIGIT = {d: "男" if int(d) % 2 else "女" for d in "0123456789"}
FLAGS = {"是": True, "否": False}
CATEGORY_SETS = {
    (False, False): frozenset(),
    (True, False): frozenset({"model_worker"}),
    (False, True): frozenset({"hardship"}),
    (True, True): frozenset({"model_worker", "hardship"}),
}

NUMERIC_ID = "身份证号码为数字格式，可能已丢失末位，请将该列设为文本后重新录入"
_NUMERIC_CODE = "为数字格式，可能已丢失位数或开头的 0，请将该列设为文本后重新录入"
DRAFT_ORDER = (
    "name", "id_number", "phone", "medical_card", "social_security_card", "jingka_card", "bank_name",
    "bank_account", "employment", "union_member_since", "categories", "basic_medical_insurance", "unit_code",
    "engagement", "engagement_months",
)  # fmt: skip
assert tuple(f.name for f in dataclasses.fields(MemberDraft)) == DRAFT_ORDER, "MemberDraft fields moved"
_BLANK = object()  # a cell with nothing in it, as opposed to a bad value (None)
SLOW = object()  # placeholder for a cell the fast path could not decide


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


def fast_ids(cells: list[object], today: dt.date) -> list[dt.date | None]:
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
        if EARLIEST <= min(dates) and max(dates) <= today:
            if len(index) == len(cells):
                return births
            for i, born in zip(index, births, strict=True):
                borns[i] = born
            return borns
    for i, v, check, born in zip(index, good, expected, births, strict=True):
        if v[17] == check and born is not None and EARLIEST <= born <= today:
            borns[i] = born
    return borns


# --------------------------------------------------------------------------- cell checks
# Each takes one raw cell the fast path could not accept and returns (value, reason or None).


def name_cell(value: object) -> tuple[str, str | None]:
    name = clean_name(value) if isinstance(value, str) else ("" if value is None else str(value))
    if not name:
        return name, "缺少姓名"
    if len(name) > MAX_NAME:
        return name, f"姓名过长（超过 {MAX_NAME} 个字）"
    if _DIGIT_RE.search(name):
        return name, "姓名中含有数字"
    return name, None


def id_cell(value: object, today: dt.date) -> tuple[str, dt.date | None, str | None]:
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


def code_cell(label: str, *, numbers_ok: bool = False) -> Callable[[object], tuple[str, str | None]]:
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


def phone_cell(value: object) -> tuple[str, str | None]:
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


def text_cell(value: object) -> tuple[str, str | None]:
    text = clean_text(value) if isinstance(value, str) else ("" if value is None else str(value))
    return text, (f"内容过长（超过 {MAX_TEXT} 个字）" if len(text) > MAX_TEXT else None)


def flag_cell(default: bool) -> Callable[[object], tuple[bool, str | None]]:
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


def employment_cell(value: object) -> tuple[Employment, str | None]:
    key = clean_code(value) if isinstance(value, str) else ("" if value is None else "?")
    if not key:
        return "in_service", None
    found = EMPLOYMENT.get(key)
    return (found, None) if found else ("in_service", "在职状态应为“在职”“退休”或“离职”")


def engagement_cell(value: object) -> tuple[Engagement, str | None]:
    key = clean_code(value) if isinstance(value, str) else ("" if value is None else "?")
    if not key:
        return "regular", None
    found = ENGAGEMENT.get(key)
    return (found, None) if found else ("regular", "用工形式应为“正式职工”“合同制职工”或“临时职工”")


def months_cell(value: object) -> tuple[int | None, str | None]:
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


def gender_cell(value: object) -> tuple[str, str | None]:
    key = clean_code(value) if isinstance(value, str) else ("" if value is None else "?")
    if not key:
        return "", None
    found = GENDERS.get(key)
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


def date_cell(today: dt.date, months: bool = False) -> Callable[[object], tuple[dt.date | None, str | None]]:
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
        if parsed < EARLIEST:
            return None, f"日期 {parsed.isoformat()} 不合理"
        return parsed, None

    return check


# --------------------------------------------------------------------------- columns
