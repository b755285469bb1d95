"""Money on Decimal: parsing, rounding, fen."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.rules.errors import InvalidAmount
from app.rules.money import fmt, from_fen, parse_amount, quantize, to_fen


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1680.32", "1680.32"),
        ("1,234.5", "1234.50"),
        ("１２３元", "123.00"),
        (" 10 ", "10.00"),
        (7, "7.00"),
        (Decimal("0.1"), "0.10"),
        ("１，０００", "1000.00"),
    ],
)
def test_parse_amount(text: object, value: str) -> None:
    assert parse_amount(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (1.5, "文本或整数"),
        (True, "文本或整数"),
        ("abc", "不是数字"),
        ("NaN", "不是数字"),
        ("1.234", "两位小数"),
        ("-1", "负数"),
    ],
)
def test_parse_amount_refuses(text: object, message: str) -> None:
    with pytest.raises(InvalidAmount, match=message):
        parse_amount(text)


def test_negative_allowed_on_request_and_helpers() -> None:
    assert parse_amount("-1.5", allow_negative=True) == Decimal("-1.50")
    assert quantize(Decimal("0.005")) == Decimal("0.01")
    assert to_fen(Decimal("12.345")) == 1235
    assert from_fen(1235) == Decimal("12.35")
    assert fmt(Decimal("1234.5")) == "1,234.50"
