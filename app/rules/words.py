"""Amounts in Chinese capital figures (大写金额), after the People's Bank of China rules.

One 零 stands for a run of zeros between non-zero digits, also across 元
(1680.32 → 壹仟陆佰捌拾元零叁角贰分); 整 ends an amount that ends at 元; below one
yuan there is no 元 (0.50 → 伍角). cn2an differs (100000.5) and truncates, hence our own.
"""

from __future__ import annotations

from decimal import Decimal

from app.rules.errors import InvalidAmount
from app.rules.money import quantize

DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL = ("", "拾", "佰", "仟")
_BIG = ("", "万")
_YI = 10**8
BOXES = ("万", "仟", "佰", "拾", "元", "角", "分")
_LIMIT = Decimal(10) ** 16


def _fen(amount: Decimal) -> int:
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise InvalidAmount(f"金额 {amount!r} 不是有效的数")
    value = quantize(amount)
    if value < 0:
        raise InvalidAmount(f"金额 {value} 不能为负数")
    if value >= _LIMIT:
        raise InvalidAmount(f"金额 {value} 过大")
    return int(value * 100)


def _integer_words(number: int, out: list[str]) -> bool:
    """Append the words of ``number`` (no 元); return whether a zero is pending at its end.

    From 亿 up, 万 and 亿 are units of one number: the count of 亿 is read as a number of its
    own (1100000000000 → 壹万壹仟亿, not 壹万亿壹仟亿), then what is left below 亿.
    """
    if number >= _YI:
        high, low = divmod(number, _YI)
        _integer_words(high, out)
        out.append("亿")
        if low == 0:
            return True
        below: list[str] = []
        zero = _below_yi(low, below)
        if low < _YI // 10:
            out.append("零")
        out.extend(below)
        return zero
    return _below_yi(number, out)


def _below_yi(number: int, out: list[str]) -> bool:
    digits = str(number)
    size = len(digits)
    zero = False
    for i, ch in enumerate(digits):
        pos = size - 1 - i
        d = int(ch)
        if d == 0:
            zero = bool(out)
        else:
            if zero:
                out.append("零")
                zero = False
            out.append(DIGITS[d] + _SMALL[pos % 4])
        if pos % 4 == 0 and pos and any(c != "0" for c in digits[max(0, i - 3) : i + 1]):
            out.append(_BIG[pos // 4])
    return zero


def amount_in_words(amount: Decimal) -> str:
    """1680.32 → 壹仟陆佰捌拾元零叁角贰分; 0 → 零元整. Rounds half up to the fen."""
    fen = _fen(amount)
    yuan, jiao, cent = fen // 100, fen // 10 % 10, fen % 10
    if fen == 0:
        return "零元整"
    out: list[str] = []
    zero = False
    if yuan:
        zero = _integer_words(yuan, out)
        out.append("元")
    for digit, unit in ((jiao, "角"), (cent, "分")):
        if digit == 0:
            zero = bool(out)
        else:
            if zero:
                out.append("零")
                zero = False
            out.append(DIGITS[digit] + unit)
    if jiao == 0 and cent == 0:
        out.append("整")
    return "".join(out)


def boxed_digits(amount: Decimal) -> dict[str, str]:
    """The boxes 万 仟 佰 拾 元 角 分 of the printed forms (seed 004, attachment 3).

    Each box holds one capital digit; zeros inside the amount are 零; boxes above the
    highest digit stay empty ("") except 元, which is 零 for amounts under one yuan.
    From 100,000 up there is no box left above 万, so the 万 box takes the whole count of
    ten-thousands in words: 107000.53 → 万 "壹拾", 仟 "柒", 佰 "零", 拾 "零", 元 "零",
    角 "伍", 分 "叁" — read across the boxes it is still the right amount.
    """
    fen = _fen(amount)
    yuan = fen // 100
    wan = yuan // 10000
    boxes = dict.fromkeys(BOXES, "")
    if wan:
        words: list[str] = []
        _integer_words(wan, words)
        boxes["万"] = "".join(words)
    rest = str(yuan % 10000).zfill(4)
    for unit, ch in zip(("仟", "佰", "拾", "元"), rest, strict=True):
        boxes[unit] = DIGITS[int(ch)]
    if not wan:
        # Leave the boxes above the highest digit empty, so nothing can be written in front.
        for unit, ch in zip(("仟", "佰", "拾"), rest, strict=False):
            if ch != "0":
                break
            boxes[unit] = ""
    boxes["角"] = DIGITS[fen // 10 % 10]
    boxes["分"] = DIGITS[fen % 10]
    return boxes
