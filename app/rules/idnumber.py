"""Citizen identity numbers (公民身份号码, GB 11643-1999), in the style of python-stdnum.

``compact()`` canonicalises input (full-width digits, lower-case x, spaces and invisible
characters); ``validate()`` returns the canonical form or raises ``InvalidIdNumber`` with a
Chinese message; ``is_valid()`` answers yes or no. Area codes are not checked: real numbers
carry codes newer than the birth year (PITFALLS.md), so the area is advisory only.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Literal

from app.rules.errors import InvalidIdNumber

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\ufeff", "\u00a0", "\u3000", "\t", "\r", "\n", " "}
_EARLIEST_BIRTH = dt.date(1900, 1, 1)

Gender = Literal["男", "女"]


def compact(number: str) -> str:
    """Canonical form: NFKC (full-width → ASCII), no spaces or invisible characters, upper-case X."""
    text = unicodedata.normalize("NFKC", str(number))
    return "".join(ch for ch in text if ch not in _INVISIBLE).upper()


def check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def birth_date_of(number: str) -> dt.date:
    """The birth date encoded in a canonical number (positions 7–14)."""
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise InvalidIdNumber(f"身份证号码中的出生日期 {number[6:14]} 不是有效日期") from exc


def gender_of(number: str) -> Gender:
    """男 when the sequence number (position 17) is odd, 女 when even."""
    return "男" if int(number[16]) % 2 == 1 else "女"


def validate(number: str, today: dt.date | None = None) -> str:
    """Return the canonical number, or raise ``InvalidIdNumber`` saying what is wrong."""
    value = compact(number)
    if not value:
        raise InvalidIdNumber("身份证号码为空")
    if len(value) != 18:
        raise InvalidIdNumber(f"身份证号码应为 18 位，实际 {len(value)} 位")
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise InvalidIdNumber("身份证号码前 17 位须为数字，末位为数字或 X")
    born = birth_date_of(value)
    today = today or dt.date.today()
    if born < _EARLIEST_BIRTH or born > today:
        raise InvalidIdNumber(f"身份证号码中的出生日期 {born.isoformat()} 不合理")
    expected = check_char(value[:17])
    if value[17] != expected:
        raise InvalidIdNumber(f"身份证号码校验位错误：末位应为 {expected}，实际为 {value[17]}")
    return value


def is_valid(number: str, today: dt.date | None = None) -> bool:
    try:
        validate(number, today)
    except InvalidIdNumber:
        return False
    return True


def age_on(birth: dt.date, when: dt.date) -> int:
    """Whole years of age on ``when`` (a 29 February birthday counts on 1 March)."""
    years = when.year - birth.year
    if (when.month, when.day) < (birth.month, birth.day):
        years -= 1
    return years


def mask(number: str) -> str:
    """110105********002X: first six and last four shown, for tables and screens."""
    if len(number) <= 10:
        return number
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
