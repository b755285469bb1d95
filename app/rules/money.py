"""Money on Decimal, stored as integer fen. Never float."""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.rules.errors import InvalidAmount

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def quantize(value: Decimal) -> Decimal:
    """Round to the fen, half up (the way the forms round)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_amount(text: object, *, allow_negative: bool = False) -> Decimal:
    """Parse a user- or file-supplied amount; at most two decimals; never from float noise.

    Accepts str, int and Decimal. Floats are refused on purpose: a float has already lost
    the clerk's digits, so callers convert with ``str()`` where a reader hands one over.
    """
    if isinstance(text, bool) or isinstance(text, float):
        raise InvalidAmount(f"金额 {text!r} 须以文本或整数给出")
    raw = unicodedata.normalize("NFKC", str(text)).strip().replace(",", "").replace("，", "")
    if raw.endswith("元"):
        raw = raw[:-1].strip()
    try:
        value = Decimal(raw)
    except InvalidOperation as exc:
        raise InvalidAmount(f"金额“{text}”不是数字") from exc
    if not value.is_finite():
        raise InvalidAmount(f"金额“{text}”不是数字")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise InvalidAmount(f"金额“{text}”超过两位小数")
    if value < 0 and not allow_negative:
        raise InvalidAmount(f"金额“{text}”不能为负数")
    return quantize(value)


def to_fen(value: Decimal) -> int:
    return int(quantize(value) * 100)


def from_fen(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(CENT)


def fmt(value: Decimal) -> str:
    """1234.5 → '1,234.50' for screens and forms."""
    return f"{quantize(value):,.2f}"
