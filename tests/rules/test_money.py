"""Money on Decimal: parsing, rounding, fen."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.rules.errors import InvalidAmount
from app.rules.money import WORDS_MAX, fmt, from_fen, parse_amount, parse_decimal, quantize, to_fen


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
        ("abc", "不是有效金额"),
        ("NaN", "不是有效金额"),
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


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("44,80", "三位一组"),  # a decimal comma: was 4480.00
        ("50,00", "三位一组"),
        ("6,00", "三位一组"),
        ("12,34,567", "三位一组"),
        ("1,2345", "三位一组"),
        ("1_000", "不是有效金额"),
        ("\u0661\u0662\u0663", "不是有效金额"),  # Arabic-Indic digits
        ("\u0967\u0968", "不是有效金额"),  # Devanagari digits
        ("1e400", "不是有效金额"),
        ("1E2", "不是有效金额"),
        ("Infinity", "不是有效金额"),
        ("1234567890123456789", "过大"),  # 19 digits
        ("9" * 5000, "过大"),
        ("100000000.01", "过大"),
        ("+5", "不是有效金额"),
        ("1 000", "不是有效金额"),
        (".5", "不是有效金额"),
        ("5.", "小数点后"),
        ("", "未填写"),
        ("五百", "不是有效金额"),
        (Decimal("1E+400"), "过大"),
        (10**30, "过大"),
    ],
)
def test_strict_parser_refuses_and_names_the_field(text: object, message: str) -> None:
    with pytest.raises(InvalidAmount, match=message) as info:
        parse_amount(text, field="批准金额")
    assert str(info.value).startswith("批准金额")
    assert len(str(info.value)) < 200


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234.50", "1234.50"),
        ("1,234,567", "1234567.00"),
        ("１，２３４．５", "1234.50"),
        ("100000000", "100000000.00"),
        ("100,000,000.00", "100000000.00"),
        ("0.5", "0.50"),
        ("007", "7.00"),
        (Decimal("12.30"), "12.30"),
    ],
)
def test_strict_parser_accepts(text: object, value: str) -> None:
    assert parse_amount(text) == Decimal(value)


def test_maximum_is_adjustable_for_amounts_in_words() -> None:
    assert parse_amount("9999999999999999.99", maximum=WORDS_MAX) == WORDS_MAX
    with pytest.raises(InvalidAmount, match="过大"):
        parse_amount("10000000000000000", maximum=WORDS_MAX)
    assert parse_amount("-100000000", allow_negative=True) == Decimal("-100000000")
    with pytest.raises(InvalidAmount, match="过大"):
        parse_amount("-100000000.01", allow_negative=True)


def test_parse_decimal_for_ratios() -> None:
    assert parse_decimal("0.125", field="比例") == Decimal("0.125")
    for bad in ("1e3", "0,5", "1_0", "NaN"):
        with pytest.raises(InvalidAmount, match="比例"):
            parse_decimal(bad, field="比例")
