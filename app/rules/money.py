"""Money on Decimal, stored as integer fen. Never float."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from app.rules.errors import InvalidAmount

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def quantize(value: Decimal) -> Decimal:
    """Round to the fen, half up (the way the forms round)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


MAX_AMOUNT = Decimal("100000000.00")
"""The largest amount any field accepts (一亿元); amounts in words go further (WORDS_MAX)."""
WORDS_MAX = Decimal("9999999999999999.99")

# Digits, thousands separators only in whole groups of three, an optional point and at most
# two decimals. ASCII digits only: full-width ones are folded by NFKC first, every other
# script's digits (Arabic-Indic …) are refused, as are 1_000, 1e3, 44,80, +5 and spaces.
_AMOUNT = re.compile(r"(-?)((?:[0-9]{1,3}(?:,[0-9]{3})+)|[0-9]+)(?:\.([0-9]*))?", re.ASCII)
_LONGEST = 40


def _shown(text: str) -> str:
    return text if len(text) <= 24 else text[:20] + f"…（共 {len(text)} 个字符）"


def parse_amount(
    text: object,
    *,
    field: str = "金额",
    allow_negative: bool = False,
    maximum: Decimal | None = MAX_AMOUNT,
) -> Decimal:
    """Parse a user- or file-supplied amount: the one strict money parser.

    Accepts str, int and Decimal. Floats are refused on purpose: a float has already lost
    the clerk's digits, so callers convert with ``str()`` where a reader hands one over.
    Every refusal is an :class:`InvalidAmount` whose message starts with ``field``.
    """
    if isinstance(text, bool) or isinstance(text, float):
        raise InvalidAmount(f"{field or '金额'} {text!r} 须以文本或整数给出")
    if isinstance(text, Decimal):
        if not text.is_finite():
            raise InvalidAmount(f"{field}“{text}”不是数字")
        if text.adjusted() >= _LONGEST:
            raise InvalidAmount(f"{field}“{text}”过大，不能超过 {fmt(maximum or WORDS_MAX)} 元")
        raw = format(text, "f")
    else:
        raw = str(text)
    shown = _shown(raw)
    raw = unicodedata.normalize("NFKC", raw).strip()
    if raw.endswith("元"):
        raw = raw[:-1].strip()
    if not raw:
        raise InvalidAmount(f"{field}未填写")
    match = _AMOUNT.fullmatch(raw) if len(raw) <= _LONGEST else None
    if match is None:
        if len(raw) > _LONGEST and raw.isascii() and raw.lstrip("-").replace(",", "").isdigit():
            raise InvalidAmount(f"{field}“{shown}”过大，不能超过 {fmt(maximum or WORDS_MAX)} 元")
        raise InvalidAmount(
            f"{field}“{shown}”不是有效金额：只能写数字，可带小数点和至多两位小数，"
            "千位分隔须为三位一组（如 1,234.50）"
        )
    sign, whole, decimals = match.groups()
    if decimals is not None and len(decimals) > 2:
        raise InvalidAmount(f"{field}“{shown}”超过两位小数")
    if decimals == "":
        raise InvalidAmount(f"{field}“{shown}”小数点后缺少数字")
    value = Decimal(sign + whole.replace(",", "") + "." + (decimals or "0"))
    if value < 0 and not allow_negative:
        raise InvalidAmount(f"{field}“{shown}”不能为负数")
    if maximum is not None and abs(value) > maximum:
        raise InvalidAmount(f"{field}“{shown}”过大，不能超过 {fmt(maximum)} 元")
    return quantize(value)


def parse_decimal(text: object, *, field: str, places: int = 6) -> Decimal:
    """A non-money number (a ratio, a rate): the same grammar, up to ``places`` decimals."""
    if isinstance(text, bool) or isinstance(text, float):
        raise InvalidAmount(f"{field} {text!r} 须以文本或整数给出")
    raw = unicodedata.normalize("NFKC", str(text)).strip()
    match = _AMOUNT.fullmatch(raw) if len(raw) <= _LONGEST else None
    if match is None or match.group(3) == "" or len(match.group(3) or "") > places:
        raise InvalidAmount(f"{field}“{_shown(raw)}”不是有效数字（至多 {places} 位小数）")
    sign, whole, decimals = match.groups()
    return Decimal(sign + whole.replace(",", "") + ("." + decimals if decimals else ""))


def to_fen(value: Decimal) -> int:
    return int(quantize(value) * 100)


def from_fen(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(CENT)


def fmt(value: Decimal) -> str:
    """1234.5 → '1,234.50' for screens and forms."""
    return f"{quantize(value):,.2f}"
