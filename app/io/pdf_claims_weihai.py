"""The Weihai 互助补充保险金申请审核表 (seed 004, attachment 3), one page per claim.

The rows follow the paper form: applicant, ID and phone, unit, treatment time, the two
amounts in figures, in words and in the boxes 万 仟 佰 拾 元 角 分, the union's and the
office's opinions, the four claim slots with their running total, and the centre's opinion.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.io.pdf_claims_general import (
    CONTENT_W,
    PAD,
    SIZE,
    Cell,
    PageDraw,
    cell,
    draw_strip,
    draw_titles,
    money_words,
    period_text,
    row,
    stamp_cell,
    yes_no,
)
from app.io.pdf_common import FONT_NAME, MARGIN, PAGE_HEIGHT, text_width
from app.rules.money import fmt
from app.rules.words import BOXES, amount_in_words, boxed_digits

if TYPE_CHECKING:
    from app.io.pdf_claims import ClaimForm

TITLE = "互助补充保险金申请审核表"
MAX_SLOTS = 4

# Column grid of the first rows: label, name, 性别, value, 年龄, value, 是否参加医保, value.
_W: tuple[float, ...] = (28 * mm, 30 * mm, 14 * mm, 13 * mm, 14 * mm, 13 * mm, 28 * mm, 30 * mm)
_LABEL = _W[0]
_REST = CONTENT_W - _LABEL
_ROW: float = 12 * mm
_AMOUNT_ROW: float = 23 * mm
_OPINION_ROW: float = 46 * mm
_SLOT_W = _REST / MAX_SLOTS


def _boxed_amount(c: Canvas, x: float, baseline: float, amount: Decimal | None, size: float = SIZE) -> float:
    """The boxes 万 仟 佰 拾 元 角 分, each with its capital digit; returns the end x."""
    digits = boxed_digits(amount) if amount is not None else dict.fromkeys(BOXES, "")
    box_h = size * 1.45
    c.setLineWidth(0.6)
    for unit in BOXES:
        text = digits[unit]
        box_w = max(size * 1.9, text_width(text, size) + size * 0.9)
        c.rect(x, baseline - size * 0.42, box_w, box_h)
        c.setFont(FONT_NAME, size)
        c.drawCentredString(x + box_w / 2, baseline, text)
        c.drawString(x + box_w + size * 0.2, baseline, unit)
        x += box_w + size * 1.6
    c.setLineWidth(0.8)
    return x


def check_slots(form: ClaimForm) -> None:
    if len(form.slots) > MAX_SLOTS:
        raise ValueError(
            f"申请 {form.claim_no}：每个保障期最多申请 {MAX_SLOTS} 次，收到 {len(form.slots)} 次的互助金额"
        )


def _amount_cell(c: Canvas, top: float, label: str, amount: Decimal | None) -> float:
    """Label | figures and words on the first line, the boxed digits on the second."""
    cell(c, MARGIN, top, _LABEL, _AMOUNT_ROW, label, "label")
    x = MARGIN + _LABEL
    cell(c, x, top, _REST, _AMOUNT_ROW)
    figures = f"{fmt(amount)}" if amount is not None else "　" * 5
    words = amount_in_words(amount) if amount is not None else ""
    c.setFont(FONT_NAME, SIZE)
    c.drawString(x + PAD, top - 7 * mm, f"{figures} 元，大写：{words}")
    _boxed_amount(c, x + PAD + 14 * mm, top - _AMOUNT_ROW + 4.5 * mm, amount)
    return top - _AMOUNT_ROW


def weihai_pages(form: ClaimForm) -> list[PageDraw]:
    check_slots(form)
    return [lambda c: _draw(c, form)]


def _draw(c: Canvas, form: ClaimForm) -> None:
    draw_strip(c, form)
    draw_titles(c, form.plan_name, TITLE)
    top = PAGE_HEIGHT - 42 * mm
    c.setLineWidth(0.8)
    age = str(form.age) if form.age is not None else ""
    top = row(c, top, _ROW, [
        (_W[0], "申请人姓名", "label"), (_W[1], form.applicant_name, "value"),
        (_W[2], "性别", "label"), (_W[3], form.gender, "label"),
        (_W[4], "年龄", "label"), (_W[5], age, "label"),
        (_W[6], "是否参加医保", "label"), (_W[7], yes_no(form.in_basic_insurance), "label"),
    ])  # fmt: skip
    id_w = sum(_W[1:6])
    top = row(c, top, _ROW, [
        (_LABEL, "身份证号码", "label"), (id_w, form.id_number, "number"),
        (_W[6], "联系电话", "label"), (_W[7], form.phone, "number"),
    ])  # fmt: skip
    top = row(c, top, _ROW, [(_LABEL, "申请人\n所在单位", "label"), (_REST, form.unit_name, "value")])
    treated = period_text(form.treatment_start, form.treatment_end)
    top = row(c, top, _ROW, [(_LABEL, "治疗时间", "label"), (_REST, treated, "value")])
    top = _amount_cell(c, top, "职工医疗费\n支付总金额", form.total_cost)
    top = _amount_cell(c, top, "城镇职工基本\n医疗保险支付\n总金额", form.insurance_paid)

    # Union and office opinions side by side, each with a stamp place.
    value_w = (CONTENT_W - 2 * _LABEL) / 2
    cell(c, MARGIN, top, _LABEL, _OPINION_ROW, "所在单位\n工会意见\n（盖章）", "label")
    stamp_cell(
        c, MARGIN + _LABEL, top, value_w, _OPINION_ROW, [f"经办人：{form.signed_by('review', 'submit')}"]
    )
    x = MARGIN + _LABEL + value_w
    cell(c, x, top, _LABEL, _OPINION_ROW, "办事处\n审核意见\n（盖章）", "label")
    stamp_cell(c, x + _LABEL, top, value_w, _OPINION_ROW, [f"经办人：{form.signed_by('audit')}"])
    top -= _OPINION_ROW

    # Claims 1-4 of the period, this one the last filled slot, and their running total.
    slots = [fmt(amount) for amount in form.slots] + [""] * (MAX_SLOTS - len(form.slots))
    numbers: list[Cell] = [(_SLOT_W, str(i), "label") for i in range(1, MAX_SLOTS + 1)]
    top = row(c, top, 10 * mm, [(_LABEL, "申请次数", "label"), *numbers])
    amounts: list[Cell] = [(_SLOT_W, s, "label") for s in slots]
    top = row(c, top, _ROW, [(_LABEL, "互助金额", "label"), *amounts])
    total = sum(form.slots, Decimal(0)) if form.slots else None
    top = row(c, top, _ROW, [(_LABEL, "互助金额累计", "label"), (_REST, money_words(total), "value")])

    cell(c, MARGIN, top, _LABEL, _OPINION_ROW, "威海市困难\n职工帮扶中心\n审核意见\n（盖章）", "label")
    stamp_cell(c, MARGIN + _LABEL, top, _REST, _OPINION_ROW, ["经办人：", "负责人："])
    top -= _OPINION_ROW
    c.setLineWidth(1.2)
    c.rect(MARGIN, top, CONTENT_W, PAGE_HEIGHT - 42 * mm - top)
