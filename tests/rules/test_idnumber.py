"""Citizen ID numbers (GB 11643-1999)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.rules import idnumber
from app.rules.errors import InvalidIdNumber

VALID = "11010519491231002X"


def test_valid_number_and_derived_facts() -> None:
    assert idnumber.validate(" 11010519491231002x ") == VALID
    assert idnumber.validate("１１０１０５１９４９１２３１００２Ｘ") == VALID
    assert idnumber.is_valid(VALID)
    assert idnumber.birth_date_of(VALID) == dt.date(1949, 12, 31)
    assert idnumber.gender_of(VALID) == "女"
    assert idnumber.gender_of("110105194912310010") == "男"
    assert idnumber.check_char(VALID[:17]) == "X"
    assert idnumber.mask(VALID) == "110105********002X"
    assert idnumber.mask("12345") == "12345"
    assert idnumber.compact("\u200b1 2\t3") == "123"


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("", "为空"),
        ("1234", "18 位"),
        ("11010519491231002A", "前 17 位"),
        ("11010519491331002X", "不是有效日期"),
        ("110105189912310026", "不合理"),
        ("110105194912310021", "校验位错误"),
    ],
)
def test_invalid_numbers(number: str, message: str) -> None:
    with pytest.raises(InvalidIdNumber, match=message):
        idnumber.validate(number, today=dt.date(2024, 1, 1))
    assert not idnumber.is_valid(number, today=dt.date(2024, 1, 1))


def test_future_birth_date_refused() -> None:
    assert not idnumber.is_valid(VALID, today=dt.date(1949, 12, 30))


@pytest.mark.parametrize(
    ("birth", "when", "age"),
    [
        (dt.date(1959, 2, 2), dt.date(2020, 2, 1), 60),
        (dt.date(1959, 2, 1), dt.date(2020, 2, 1), 61),
        (dt.date(2000, 2, 29), dt.date(2021, 2, 28), 20),
        (dt.date(2000, 2, 29), dt.date(2021, 3, 1), 21),
    ],
)
def test_age_on(birth: dt.date, when: dt.date, age: int) -> None:
    assert idnumber.age_on(birth, when) == age
