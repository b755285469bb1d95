"""Amounts in words and the boxed form (RULES.md, "Amount in words")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.rules.errors import InvalidAmount
from app.rules.words import amount_in_words, boxed_digits


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
        ("325.04", "叁佰贰拾伍元零肆分"),
        ("107000.53", "壹拾万零柒仟元零伍角叁分"),
        ("10", "壹拾元整"),
        ("1409.50", "壹仟肆佰零玖元伍角"),
        ("0", "零元整"),
        ("0.50", "伍角"),
        ("0.05", "伍分"),
        ("100000.5", "壹拾万元零伍角"),
        ("1.05", "壹元零伍分"),
        ("10.5", "壹拾元零伍角"),
        ("100000", "壹拾万元整"),
        ("100010000", "壹亿零壹万元整"),
        ("100000000", "壹亿元整"),
        ("1000000000000", "壹万亿元整"),
        # Issue 12 item 11: from 1 万亿 up, 万 and 亿 are units of one number.
        ("1100000000000", "壹万壹仟亿元整"),
        ("1000100000000", "壹万零壹亿元整"),
        ("1200030000000.50", "壹万贰仟亿叁仟万元零伍角"),
        ("100000000000001", "壹佰万亿零壹元整"),
        ("1000000005", "壹拾亿零伍元整"),
        ("1234567890123.45", "壹万贰仟叁佰肆拾伍亿陆仟柒佰捌拾玖万零壹佰贰拾叁元肆角伍分"),
        ("10100", "壹万零壹佰元整"),
        ("1001", "壹仟零壹元整"),
        ("15", "壹拾伍元整"),
        ("9999999.99", "玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
        ("0.005", "壹分"),
    ],
)
def test_amount_in_words(amount: str, words: str) -> None:
    assert amount_in_words(Decimal(amount)) == words


@pytest.mark.parametrize("bad", [Decimal("-1"), Decimal("NaN"), Decimal("1E16"), 12])
def test_amount_in_words_refuses(bad: object) -> None:
    with pytest.raises(InvalidAmount):
        amount_in_words(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "boxes"),
    [
        ("1680.32", ["", "壹", "陆", "捌", "零", "叁", "贰"]),
        ("325.04", ["", "", "叁", "贰", "伍", "零", "肆"]),
        ("0.50", ["", "", "", "", "零", "伍", "零"]),
        ("12345.67", ["壹", "贰", "叁", "肆", "伍", "陆", "柒"]),
        ("107000.53", ["壹拾", "柒", "零", "零", "零", "伍", "叁"]),
        ("100000", ["壹拾", "零", "零", "零", "零", "零", "零"]),
    ],
)
def test_boxed_digits(amount: str, boxes: list[str]) -> None:
    result = boxed_digits(Decimal(amount))
    assert list(result) == ["万", "仟", "佰", "拾", "元", "角", "分"]
    assert list(result.values()) == boxes
