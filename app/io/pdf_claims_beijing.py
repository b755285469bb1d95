"""The Beijing 《在职职工医疗互助保障计划》 application forms (seed 003), one page per claim.

Two forms: the 领取互助金申请表 for free members holding a Jingka card, and the 缴费人员
领取互助金申请表 for paying members, who are paid to a bank account. The seed's rows (name,
card numbers, social security card, phone, claim type, signature) come first; the amounts the
office computed, the union's stamp place and the seed's 备注 follow.
"""

from __future__ import annotations

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
    checkbox,
    draw_strip,
    draw_titles,
    money,
    money_words,
    period_text,
    printable,
    row,
    row_height,
    stamp_cell,
)
from app.io.pdf_common import DATE_BLANK, FONT_NAME, MARGIN, PAGE_HEIGHT, draw_signature, fit_size
from app.rules.plans import CLAIM_TYPES as RULES_CLAIM_TYPES

if TYPE_CHECKING:
    from app.io.pdf_claims import ClaimForm

TITLE_FREE = "《在职职工医疗互助保障计划》持京卡职工领取互助金申请表"
TITLE_PAYING = "《在职职工医疗互助保障计划》缴费人员领取互助金申请表"
CLAIM_TYPES = tuple(RULES_CLAIM_TYPES.items())  # the boxes, in order: a benefit declares which it ticks
_NOTE = "备注：所有申请《在职职工医疗互助保障计划》领取互助金的{who}，均需填写此表。"

_L: float = 34 * mm
_V: float = 51 * mm
_SPAN = _V + _L + _V
_ROW: float = 12 * mm
_TABLE_TOP: float = PAGE_HEIGHT - 46 * mm


def title(form: ClaimForm) -> str:
    return TITLE_PAYING if form.paying_member else TITLE_FREE


def check_claim_type(form: ClaimForm) -> None:
    if form.claim_type is not None and form.claim_type not in dict(CLAIM_TYPES):
        raise ValueError(f"申请 {form.claim_no}：未知的申请赔付类型“{form.claim_type}”")


def _rows(form: ClaimForm) -> list[list[Cell]]:
    name: list[Cell] = [(_L, "姓　　名", "label"), (_V, form.applicant_name, "value")]
    bank: list[Cell] = [(_L, "开户银行", "label"), (_SPAN, form.bank_name, "value")]
    if form.paying_member:
        cards = [[*name, (_L, "银行卡号", "label"), (_V, form.bank_account, "number")], bank]
    else:
        cards = [[*name, (_L, "京卡·互助服务卡\n卡　　号", "label"), (_V, form.jingka_card, "number")]]
        if form.bank_account:  # a member still waiting for the card is paid to a bank card
            account: list[Cell] = [(_L, "银行卡号", "label"), (_V, form.bank_account, "number")]
            cards.append([*account, (_L, "开户银行", "label"), (_V, form.bank_name, "value")])
    return [
        *cards,
        [(_L, "社会保障卡\n卡　　号", "label"), (_V, form.social_security_card, "number"),
         (_L, "手机号码", "label"), (_V, form.phone, "number")],
        [(_L, "身份证号码", "label"), (_SPAN, form.id_number, "value")],
        [(_L, "申请赔付类型", "label"), (_SPAN, "", "value")],  # check boxes drawn over it
        [(_L, "治疗时间", "label"), (_SPAN, _treated(form), "value")],
        [(_L, "医疗费用总额", "label"), (_V, money(form.total_cost), "value"),
         (_L, "自付一", "label"), (_V, money(form.self_pay_1), "value")],
        [(_L, "核算互助金", "label"), (_SPAN, money_words(form.amount_shown), "value")],
        [(_L, "年度最高互助金", "label"), (_SPAN, money(form.cap), "value")],
        *([[(_L, "核定说明", "label"), (_SPAN, "；".join(form.shown_reasons[len(form.reasons):]), "value")]]
          if form.shown_reasons != form.reasons else []),  # type: ignore[list-item]
    ]  # fmt: skip


def _treated(form: ClaimForm) -> str:
    """The treatment dates; without them the period the claim is for (2021-Q1: 2021 年第 1 季度)."""
    if form.treatment_start or form.treatment_end:
        return period_text(form.treatment_start, form.treatment_end)
    p = form.claim_period
    if len(p) == 7 and p[4:6] == "-Q":
        return f"{p[:4]} 年第 {p[-1]} 季度"
    if len(p) == 7 and p[4] == "-":
        return f"{p[:4]} 年 {int(p[5:])} 月"
    return p


def beijing_pages(form: ClaimForm) -> list[PageDraw]:
    check_claim_type(form)
    return [lambda c: _draw(c, form)]


def _draw(c: Canvas, form: ClaimForm) -> None:
    draw_strip(c, form)
    draw_titles(c, "", title(form), PAGE_HEIGHT - 30 * mm)
    c.setFont(FONT_NAME, SIZE)
    unit = printable(f"申请单位：{form.unit_name}")
    c.setFont(FONT_NAME, fit_size(unit, CONTENT_W, SIZE))
    c.drawString(MARGIN, _TABLE_TOP + 3 * mm, unit)
    top = _TABLE_TOP
    c.setLineWidth(0.8)
    for cells in _rows(form):
        h = row_height(cells, _ROW)
        bottom = row(c, top, h, cells)
        if cells[0][1] == "申请赔付类型":
            _claim_types(c, form, top, h)
        top = bottom

    sign_h = 18 * mm
    cell(c, MARGIN, top, CONTENT_W, sign_h)
    y = top - sign_h / 2 - SIZE * 0.36
    draw_signature(c, MARGIN + PAD, y, "职工本人签字：", date=False)
    c.drawRightString(MARGIN + CONTENT_W - 3 * mm, y, DATE_BLANK)
    top -= sign_h
    op_h = 40 * mm
    cell(c, MARGIN, top, _L, op_h, "所在单位\n工会意见\n（盖章）", "label")
    stamp_cell(c, MARGIN + _L, top, _SPAN, op_h, [f"经办人：{form.signed_by('review', 'submit')}"])
    top -= op_h
    c.setLineWidth(1.2)
    c.rect(MARGIN, top, CONTENT_W, _TABLE_TOP - top)
    note = _NOTE.format(who="缴费参保职工" if form.paying_member else "持京卡·互助服务卡职工")
    c.setFont(FONT_NAME, fit_size(note, CONTENT_W, 9.5))
    c.drawString(MARGIN, top - 6 * mm, note)


def _claim_types(c: Canvas, form: ClaimForm, top: float, h: float) -> None:
    x = MARGIN + _L + 6 * mm
    y = top - h / 2 - SIZE * 0.36
    for code, label in CLAIM_TYPES:
        x += checkbox(c, x, y, form.claim_type == code)
        c.setFont(FONT_NAME, SIZE)
        c.drawString(x, y, label)
        x += 32 * mm
