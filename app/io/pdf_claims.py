"""Printed claim forms: many claims in one PDF, and the 补件通知 for missing materials.

Plain frozen dataclasses in, an A4 PDF out, written atomically. The layout is the form the plan
declares (``form`` in its file, app.rules.plans.FORMS): ``weihai`` prints the Weihai
互助补充保险金申请审核表 (seed 004, attachment 3), ``beijing-medical`` the Beijing 领取互助金申请表
(seed 003), ``general`` the 互助金申请审核表 carrying the rules engine's step-by-step explanation.
Every page is planned before drawing, so "第 X 页 共 Y 页" counts the whole file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.io.paper_mark import draw_paper_mark
from app.io.pdf_claims_beijing import beijing_pages
from app.io.pdf_claims_general import (
    CONTENT_W,
    PAD,
    SIZE,
    Cell,
    PageDraw,
    cell,
    cn_date,
    draw_lines,
    draw_strip,
    draw_titles,
    general_pages,
    printable,
    row,
    row_height,
    wrap,
)
from app.io.pdf_claims_weihai import weihai_pages
from app.io.pdf_common import (
    DATE_BLANK,
    FONT_NAME,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    draw_page_number,
    draw_stamp_place,
    glyph_warnings,
    new_canvas,
    paused_gc,
    pdf_path,
    register_font,
    text_width,
)
from app.io.progress import CancelCheck, Cancelled, Progress
from app.io.xlsx_safe import atomic_write

__all__ = ["ClaimForm", "write_claim_forms", "write_missing_materials_notice"]

_RELATIONS = {"self": "本人", "spouse": "配偶", "child": "子女"}
_PROGRESS_EVERY = 50  # forms between progress reports (cancel is checked every form)


@dataclass(frozen=True, kw_only=True)
class ClaimForm:
    """Everything a printed claim form shows; amounts are Decimal, never float."""

    claim_no: str
    plan_code: str
    plan_name: str
    layout: str = "general"  # the plan's declared form: general | weihai | beijing-medical
    benefit_name: str
    applicant_name: str
    gender: str
    age: int | None
    id_number: str  # full 18 characters: the forms are signed originals, not screens
    phone: str
    unit_name: str
    in_basic_insurance: bool
    amount_due: Decimal
    cap: Decimal
    beneficiary_name: str = ""  # empty: the applicant
    relation: str = "本人"  # 本人 / 配偶 / 子女 (self / spouse / child also read)
    event_date: date | None = None
    treatment_start: date | None = None
    treatment_end: date | None = None
    total_cost: Decimal | None = None
    insurance_paid: Decimal | None = None
    trace: tuple[str, ...] = ()  # the rules engine's explanation, as on screen
    reasons: tuple[str, ...] = ()
    materials: tuple[tuple[str, bool], ...] = ()  # (name, received)
    bank_name: str = ""
    bank_account: str = ""
    jingka_card: str = ""
    claim_type: str | None = None  # Beijing medical: outpatient | inpatient | special_inpatient
    paying_member: bool = False  # Beijing medical: 缴费人员 form instead of the Jingka holder's
    slots: tuple[Decimal, ...] = ()  # Weihai: this period's claims 1-4, this one included
    status_label: str = ""
    office_name: str = ""
    social_security_card: str = ""  # Beijing medical: 社会保障卡卡号
    self_pay_1: Decimal | None = None  # Beijing medical: the 自付一 the amount rests on
    claim_period: str = ""  # Beijing medical: 2021-Q1 (outpatient) or 2021-03 (inpatient)
    approved: Decimal | None = None  # once approved: the amount the office approved
    approval_reason: str = ""  # why it is below the computed amount (the 批准 step's reason)
    paper: Any = None  # the verification code and QR code (app.services.paper_code.PaperMark)
    signers: tuple[tuple[str, str], ...] = ()  # (workflow step, the user's name) of the steps done

    def signed_by(self, *steps: str) -> str:
        """The name of whoever did the first of ``steps`` that was done (for 经办人/审核人), or ""."""
        names = dict(self.signers)
        return next((names[step] for step in steps if names.get(step)), "")

    @property
    def amount_shown(self) -> Decimal:
        """What the form prints as the benefit: the approved amount once approved, else the computed."""
        return self.approved if self.approved is not None else self.amount_due

    @property
    def shown_reasons(self) -> tuple[str, ...]:
        """The rules' reasons, then the approval's where the approved amount differs or has a reason."""
        if self.approved is None or (self.approved == self.amount_due and not self.approval_reason):
            return self.reasons
        line = f"批准互助金 {self.approved:,.2f} 元（规则计算 {self.amount_due:,.2f} 元）"
        return (*self.reasons, line + (f"：{self.approval_reason}" if self.approval_reason else ""))

    @property
    def payee_name(self) -> str:
        return self.beneficiary_name or self.applicant_name

    @property
    def payee_label(self) -> str:
        """ "李喆（配偶）"; the relation codes self / spouse / child read as well."""
        return f"{self.payee_name}（{_RELATIONS.get(self.relation, self.relation)}）"

    @property
    def account_text(self) -> str:
        """Where the money goes: the Jingka card, else the bank account."""
        if self.jingka_card and not self.bank_account:
            return f"京卡·互助服务卡：{self.jingka_card}"
        return f"开户银行：{self.bank_name or '　' * 6}　账号：{self.bank_account}"

    @property
    def missing_materials(self) -> tuple[str, ...]:
        return tuple(name for name, received in self.materials if not received)


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """Compressed streams without the ASCII85 armour (a PDF is a binary file anyway).

    reportlab's pure-Python ASCII85 encoder took ~45 % of the time for 1,000 forms
    (3.5 s → 1.9 s without it) and the armour makes the file ~20 % larger.
    """
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


LAYOUTS: dict[str, Callable[[ClaimForm], list[PageDraw]]] = {
    "general": general_pages,
    "weihai": weihai_pages,
    "beijing-medical": beijing_pages,
}  # one per form a plan may declare (app.rules.plans.FORMS)


def _layout(form: ClaimForm) -> Callable[[ClaimForm], list[PageDraw]]:
    try:
        return LAYOUTS[form.layout]
    except KeyError:
        raise ValueError(f"申请 {form.claim_no}：未知的申请表式样“{form.layout}”") from None


def _printed_fields(form: ClaimForm) -> Iterator[tuple[str, str]]:
    """(label, text) of everything taken from the data, for the missing-glyph check."""
    who = f"申请 {form.claim_no} 的"
    yield from (
        (f"{who}申请人姓名", form.applicant_name), (f"{who}受益人", form.payee_name),
        (f"{who}单位名称", form.unit_name), (f"{who}计划名称", form.plan_name),
        (f"{who}申请项目", form.benefit_name), (f"{who}开户银行", form.bank_name),
        (f"{who}经办机构", form.office_name), (f"{who}状态", form.status_label),
    )  # fmt: skip
    yield from ((f"{who}计算说明", line) for line in form.trace)
    yield from ((f"{who}原因", line) for line in form.shown_reasons)
    yield from ((f"{who}材料", name) for name, _ in form.materials)


def _warnings(forms: Sequence[ClaimForm]) -> list[str]:
    fields = ((label, printable(text)) for form in forms for label, text in _printed_fields(form) if text)
    return glyph_warnings(fields)


def write_claim_forms(
    path: str | os.PathLike[str],
    forms: Sequence[ClaimForm],
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> list[str]:
    """Print ``forms`` into one PDF, each claim on its own page(s); returns missing-glyph warnings.

    ``progress(done, total)`` counts forms; ``cancel()`` returning True raises ``Cancelled``
    and leaves no file. A form that cannot be printed (five Weihai slots, an unknown claim
    type, text too long for its cell) raises ``ValueError`` before anything is written.
    """
    if not forms:
        raise ValueError("没有要打印的申请")
    target = pdf_path(path)
    register_font()  # planning measures text
    planned = [_layout(form)(form) for form in forms]
    total = sum(len(pages) for pages in planned)
    warnings = _warnings(forms)
    title = f"互助金申请审核表 {forms[0].claim_no}" + (f" 等 {len(forms)} 份" if len(forms) > 1 else "")
    with paused_gc(), _binary_streams(), atomic_write(target) as tmp:
        c = new_canvas(tmp, title)
        page_no = 0
        for index, pages in enumerate(planned, 1):
            if cancel is not None and cancel():
                raise Cancelled
            for first, draw in enumerate(pages):
                page_no += 1
                draw(c)
                if first == 0:
                    draw_paper_mark(c, forms[index - 1].paper)
                draw_page_number(c, page_no, total)
                c.showPage()
            if progress is not None and (index % _PROGRESS_EVERY == 0 or index == len(forms)):
                progress(index, len(forms))
        c.save()
    return warnings


# ---------------------------------------------------------------- 补件通知

_NUM_W: float = 16 * mm
_NOTICE_ROW: float = 8.5 * mm


def write_missing_materials_notice(
    path: str | os.PathLike[str],
    form: ClaimForm,
    *,
    deadline: date | None = None,
    issued_on: date | None = None,
) -> list[str]:
    """The 补件通知 to the applicant and the unit listing the materials not yet received.

    ``deadline`` and ``issued_on`` print as blanks to fill by hand when not given. Raises
    ``ValueError`` when nothing is missing. Returns missing-glyph warnings.
    """
    missing = form.missing_materials
    if not missing:
        raise ValueError(f"申请 {form.claim_no} 的材料已齐全，无需补件通知")
    target = pdf_path(path)
    register_font()
    warnings = _warnings([form])
    with _binary_streams(), atomic_write(target) as tmp:
        c = new_canvas(tmp, f"补件通知 {form.claim_no}")
        _draw_notice(c, form, missing, deadline, issued_on)
        draw_page_number(c, 1, 1)
        c.showPage()
        c.save()
    return warnings


def _paragraph(c: Canvas, text: str, top: float, indent: bool = True) -> float:
    """Body text, first line indented two characters; returns the top of the next line."""
    step = SIZE * 1.7
    for line in wrap(("　　" if indent else "") + text, CONTENT_W, SIZE):
        draw_lines(c, MARGIN - PAD, top, CONTENT_W, step, [line], SIZE, False)
        top -= step
    return top


def _draw_notice(
    c: Canvas, form: ClaimForm, missing: Sequence[str], deadline: date | None, issued_on: date | None
) -> None:
    draw_strip(c, form)
    draw_titles(c, "", "补 件 通 知", PAGE_HEIGHT - 30 * mm)
    c.setFont(FONT_NAME, SIZE)
    c.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 40 * mm, f"编号：{form.claim_no}")
    top = PAGE_HEIGHT - 48 * mm
    top = _paragraph(c, f"{form.applicant_name} 同志、{form.unit_name}工会：", top, indent=False) - 2 * mm
    benefit = f"“{form.benefit_name}”" if form.benefit_name else ""
    top = _paragraph(
        c,
        f"{form.applicant_name} 同志申请的{form.plan_name}{benefit}互助金（申请编号：{form.claim_no}），"
        f"经审核，申请材料尚不齐全。请补齐下列材料，由所在单位工会审核盖章后交回"
        f"{form.office_name or '经办机构'}：",
        top,
    )
    top -= 4 * mm
    c.setLineWidth(0.8)
    head: list[Cell] = [(_NUM_W, "序号", "label"), (CONTENT_W - _NUM_W, "需补交的材料", "label")]
    top = row(c, top, _NOTICE_ROW, head, fill_labels=True)
    for no, name in enumerate(missing, 1):
        cells: list[Cell] = [(_NUM_W, str(no), "label"), (CONTENT_W - _NUM_W, name, "value")]
        h = row_height(cells, _NOTICE_ROW)
        if top - h < 110 * mm:
            raise ValueError(f"申请 {form.claim_no} 缺少的材料过多，一页放不下，请合并后再打印")
        top = row(c, top, h, cells)
    top -= 5 * mm
    when = cn_date(deadline) if deadline else DATE_BLANK
    top = _paragraph(c, f"请于 {when} 前补齐上述材料。逾期未补齐的，本次申请将按材料不全处理。", top)
    top = _paragraph(c, "补齐材料时请携带本通知。如有疑问，请与所在单位工会或经办机构联系。", top)

    # Signed by the office, bottom right: name and date, the seal pressed over both.
    name = printable(form.office_name or "经办机构")
    when = cn_date(issued_on) if issued_on else DATE_BLANK
    cx = PAGE_WIDTH - MARGIN - 6 * mm - max(text_width(name, SIZE), text_width(when, SIZE)) / 2
    cy = top - 24 * mm
    c.setFont(FONT_NAME, SIZE)
    c.drawCentredString(cx, cy + 6 * mm, name)
    c.drawCentredString(cx, cy - 8 * mm, when)
    draw_stamp_place(c, cx, cy, 15 * mm)
    # A cut line and a receipt for the unit to sign when the materials come back.
    c.saveState()
    c.setDash(4, 3)
    c.setLineWidth(0.6)
    c.line(MARGIN, 38 * mm, PAGE_WIDTH - MARGIN, 38 * mm)
    c.restoreState()
    cell(c, MARGIN, 33 * mm, CONTENT_W, 13 * mm)
    draw_lines(
        c, MARGIN, 33 * mm, CONTENT_W, 13 * mm,
        [f"回执：申请编号 {form.claim_no} 的补件材料已于　　　　年　　月　　日收到。　　经办人签字："],
        9.5, False,
    )  # fmt: skip
