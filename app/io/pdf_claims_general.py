"""Drawing pieces shared by the claim forms, and the general 互助金申请审核表.

Everything is drawn straight on the canvas at planned positions: short cells with
``drawString``, wrapped text through a small CJK line breaker of our own (platypus
Paragraphs cost ~10x more, and 1,000 forms must print in a few seconds). Each layout
function returns one drawing function per page, so page totals are known before drawing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Literal

from reportlab.lib.colors import Color, black
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.io.pdf_common import (
    DATE_BLANK,
    FONT_NAME,
    GREY,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SIGN_BLANK,
    draw_bold,
    draw_signature,
    draw_stamp_place,
    fit_size,
    text_width,
)
from app.rules.money import fmt
from app.rules.words import amount_in_words

if TYPE_CHECKING:
    from app.io.pdf_claims import ClaimForm

PageDraw = Callable[[Canvas], None]
Style = Literal["label", "value", "number"]  # centred label / wrapped text / one line, shrunk
Cell = tuple[float, str, Style]

CONTENT_W = PAGE_WIDTH - 2 * MARGIN
SIZE = 10.5
PAD: float = 2 * mm
VPAD: float = 1.0 * mm  # above and below wrapped text
MIN_SIZE = 7.0
HEAD_FILL = Color(0.9, 0.9, 0.9)
BOTTOM: float = 20 * mm  # lowest table line; the page number sits below

# One unbreakable token: a run of Latin letters, digits and number punctuation, or one character.
_TOKEN = re.compile(r"[A-Za-z0-9.,:%/+\-_@#~×=]+|.", re.S)
_NO_LINE_START = frozenset("，。、；：？！）》」』”’…%,.;:!?)")


# ---------------------------------------------------------------- text

# Characters the rules engine writes that Zen Hei lacks, printed as near equivalents (− as –).
_PRINTABLE = str.maketrans({"−": "–", "✓": "√", "✔": "√", "✗": "×", "✘": "×", "☐": "□", "☑": "√"})


def printable(text: str) -> str:
    return text.translate(_PRINTABLE)


def cn_date(day: date | None) -> str:
    """2012 年 3 月 1 日; a blank to fill by hand when unknown."""
    return f"{day.year} 年 {day.month} 月 {day.day} 日" if day else DATE_BLANK


def period_text(start: date | None, end: date | None) -> str:
    return f"{cn_date(start)} 至 {cn_date(end)}"


def money(value: Decimal | None) -> str:
    return f"{fmt(value)} 元" if value is not None else ""


def money_words(value: Decimal | None) -> str:
    """ "15,680.32 元（大写：壹万伍仟陆佰捌拾元零叁角贰分）"."""
    return f"{fmt(value)} 元（大写：{amount_in_words(value)}）" if value is not None else ""


def yes_no(flag: bool) -> str:
    return "是" if flag else "否"


_CHAR_W: dict[str, float] = {}  # advance width at size 1, per character


def measure(text: str, size: float) -> float:
    """``text_width`` through a per-character cache: reportlab's pure-Python path is ~10x slower."""
    total = 0.0
    for ch in text:
        w = _CHAR_W.get(ch)
        if w is None:
            w = _CHAR_W[ch] = text_width(ch, 1.0)
        total += w
    return total * size


@lru_cache(maxsize=4096)  # labels, material names and headings repeat on every form
def wrap(text: str, width: float, size: float = SIZE) -> tuple[str, ...]:
    """Greedy CJK line breaking: numbers stay whole, closing punctuation never starts a line."""
    lines: list[str] = []
    for part in printable(text).split("\n"):
        line, used = "", 0.0
        for token in _TOKEN.findall(part):
            w = measure(token, size)
            if used + w <= width or not line or token in _NO_LINE_START:
                line, used = line + token, used + w
                continue
            lines.append(line.rstrip())
            line, used = ("", 0.0) if token.isspace() else (token, w)
        lines.append(line)
    # A token wider than the line (a long account number in prose) is cut by characters.
    out: list[str] = []
    for line in lines:
        while measure(line, size) > width * 1.05 and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and measure(line[:cut], size) > width:
                cut -= 1
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return tuple(out)


def lead(size: float) -> float:
    return size * 1.35


def text_h(text: str, width: float, size: float = SIZE) -> float:
    """Height of ``text`` wrapped into a cell of ``width`` (padding included)."""
    return len(wrap(text, width - 2 * PAD, size)) * lead(size) + 2 * VPAD


def draw_lines(
    c: Canvas, x: float, top: float, w: float, h: float, lines: Sequence[str], size: float, centre: bool
) -> None:
    """Lines centred vertically in the box (x, top, w, h); one text object for all of them."""
    step = lead(size)
    y = top - (h - len(lines) * step) / 2 - step / 2 - size * 0.36
    t = c.beginText()
    t.setFont(FONT_NAME, size)
    for line in map(printable, lines):
        dx = (w - measure(line, size)) / 2 if centre else PAD
        t.setTextOrigin(x + dx, y)
        t.textOut(line)
        y -= step
    c.drawText(t)


def cell(
    c: Canvas, x: float, top: float, w: float, h: float, text: str = "", style: Style = "value",
    size: float = SIZE, fill: Color | None = None,
) -> None:  # fmt: skip
    """A bordered cell; text wraps (value), centres (label) or shrinks to one line (number)."""
    if fill is not None:
        c.setFillColor(fill)
        c.rect(x, top - h, w, h, stroke=0, fill=1)
        c.setFillColor(black)
    c.rect(x, top - h, w, h)
    if not text:
        return
    inner = w - 2 * PAD
    if style == "number":
        draw_lines(c, x, top, w, h, [text], fit_size(text, inner, size), False)
        return
    while True:
        lines = wrap(text, inner, size)
        if len(lines) * lead(size) <= h - 2 * VPAD or size <= MIN_SIZE:
            break
        size = max(MIN_SIZE, size - 0.5)
    if len(lines) * lead(size) > h:
        raise ValueError(f"内容过长，表格中放不下：“{text[:20]}…”，请精简后再打印")
    draw_lines(c, x, top, w, h, lines, size, style == "label")


def row(c: Canvas, top: float, h: float, cells: Sequence[Cell], fill_labels: bool = False) -> float:
    """Cells left to right from the margin; returns the bottom of the row."""
    x = MARGIN
    for w, text, style in cells:
        cell(c, x, top, w, h, text, style, fill=HEAD_FILL if fill_labels and style == "label" else None)
        x += w
    return top - h


def row_height(cells: Sequence[Cell], min_h: float) -> float:
    return max([min_h, *(text_h(text, w) for w, text, style in cells if style == "value" and text)])


def checkbox(c: Canvas, x: float, baseline: float, checked: bool, size: float = SIZE) -> float:
    """☑ / ☐ drawn as lines (Zen Hei lacks both glyphs); returns the width used.

    The marks still read as ☑ / ☐ when text is copied or extracted: a marked-content span
    carries them as ActualText over an invisible □.
    """
    side = size * 0.9
    c.addLiteral(f"/Span <</ActualText <FEFF{0x2611 if checked else 0x2610:04X}>>> BDC")
    c.saveState()  # the text render mode outlives the text object
    t = c.beginText(x, baseline)
    t.setFont(FONT_NAME, size)
    t.setTextRenderMode(3)
    t.textOut("□")
    c.drawText(t)
    c.restoreState()
    bottom = baseline - size * 0.1
    c.setLineWidth(0.7)
    c.rect(x, bottom, side, side)
    if checked:
        c.setLineWidth(1.2)
        path = c.beginPath()
        path.moveTo(x + side * 0.18, bottom + side * 0.52)
        path.lineTo(x + side * 0.42, bottom + side * 0.2)
        path.lineTo(x + side * 0.85, bottom + side * 0.85)
        c.drawPath(path, stroke=1, fill=0)
    c.setLineWidth(0.8)
    c.addLiteral("EMC")
    return side + size * 0.4


def stamp_cell(
    c: Canvas, x: float, top: float, w: float, h: float, signers: Sequence[str], caption: str = ""
) -> None:
    """A cell for an opinion: caption, stamp place top right, signature lines, date bottom right."""
    c.rect(x, top - h, w, h)
    c.setFont(FONT_NAME, SIZE)
    if caption:
        c.drawString(x + PAD, top - PAD - SIZE, caption)
    radius = min(12 * mm, (h - 16 * mm) / 2)
    draw_stamp_place(c, x + w - radius - 4 * mm, top - radius - 3 * mm, radius)
    y = top - h + 4 * mm
    c.setFont(FONT_NAME, SIZE)
    c.drawRightString(x + w - 3 * mm, y, DATE_BLANK)
    gap = 6 * mm
    side_by_side = sum(text_width(s, SIZE) + SIGN_BLANK + gap for s in signers) <= w - 2 * PAD
    sx, sy = x + PAD, y + 8 * mm + (0 if side_by_side else 7.5 * mm * (len(signers) - 1))
    for signer in signers:  # side by side when they fit, else one below the other
        end = draw_signature(c, sx, sy, signer, date=False)
        if side_by_side:
            sx = end + gap
        else:
            sy -= 7.5 * mm
    c.setLineWidth(0.8)


def draw_strip(c: Canvas, form: ClaimForm) -> None:
    """The grey print line above the form: office, claim number and status."""
    c.setFillColor(GREY)
    c.setFont(FONT_NAME, 8.5)
    y = PAGE_HEIGHT - 12 * mm
    if form.office_name:
        c.drawString(MARGIN, y, printable(f"经办机构：{form.office_name}"))
    status = f"　状态：{form.status_label}" if form.status_label else ""
    c.drawRightString(PAGE_WIDTH - MARGIN, y, printable(f"申请编号：{form.claim_no}{status}"))
    c.setFillColor(black)


def draw_titles(c: Canvas, subtitle: str, title: str, top: float = PAGE_HEIGHT - 24 * mm) -> float:
    """Plan name above, form name below, both bold and centred; returns the title baseline."""
    if subtitle:
        draw_bold(c, PAGE_WIDTH / 2, top, subtitle, fit_size(subtitle, CONTENT_W, 14, 9))
        top -= 10 * mm
    draw_bold(c, PAGE_WIDTH / 2, top, title, fit_size(title, CONTENT_W, 19, 12))
    return top


# ---------------------------------------------------------------- general 互助金申请审核表

_L: float = 26 * mm  # label and value widths of the four-column header table
_V: float = 59 * mm
_SPAN = _V + _L + _V
_HEAD_ROW: float = 7.5 * mm
_FLOW_ROW: float = 7 * mm
_NUM_W: float = 12 * mm
_MAT_STATUS_W: float = 32 * mm
_CLOSING_H: float = 12 * mm + 38 * mm
_GAP: float = 3 * mm
_TABLE_TOP: float = PAGE_HEIGHT - 40 * mm
_NEXT_TOP: float = PAGE_HEIGHT - 30 * mm
FlowItem = tuple[float, Callable[[Canvas, float], None]]  # height, draw(c, top)


def _header_rows(form: ClaimForm) -> list[list[Cell]]:
    age = f"{form.age} 岁" if form.age is not None else ""
    event = cn_date(form.event_date).replace(" ", "") if form.event_date else ""
    dated = form.treatment_start or form.treatment_end
    treated = period_text(form.treatment_start, form.treatment_end).replace(" ", "") if dated else ""
    return [
        [(_L, "申请人姓名", "label"), (_V, form.applicant_name, "value"),
         (_L, "性别 / 年龄", "label"), (_V, f"{form.gender}　{age}", "value")],
        [(_L, "身份证号码", "label"), (_V, form.id_number, "number"),
         (_L, "联系电话", "label"), (_V, form.phone, "number")],
        [(_L, "所在单位", "label"), (_V, form.unit_name, "value"),
         (_L, "参加医保", "label"), (_V, yes_no(form.in_basic_insurance), "value")],
        [(_L, "申请项目", "label"), (_V, form.benefit_name, "value"),
         (_L, "受益人", "label"), (_V, form.payee_label, "value")],
        [(_L, "事件日期", "label"), (_V, event, "value"),
         (_L, "治疗时间", "label"), (_V, treated, "value")],
        [(_L, "医疗费用总额", "label"), (_V, money(form.total_cost), "value"),
         (_L, "医保支付", "label"), (_V, money(form.insurance_paid), "value")],
        [(_L, "核定互助金", "label"), (_V, money(form.amount_shown), "value"),
         (_L, "给付上限", "label"), (_V, money(form.cap), "value")],
        [(_L, "金额大写", "label"), (_SPAN, amount_in_words(form.amount_shown), "value")],
        [(_L, "收款账户", "label"), (_SPAN, form.account_text, "value")],
    ]  # fmt: skip


def _heading(text: str) -> FlowItem:
    def heading(c: Canvas, top: float) -> None:
        c.setFillColor(HEAD_FILL)
        c.rect(MARGIN, top - _FLOW_ROW, CONTENT_W, _FLOW_ROW, stroke=1, fill=1)
        c.setFillColor(black)
        draw_bold(c, MARGIN + PAD, top - _FLOW_ROW / 2 - SIZE * 0.36, text, SIZE, align="left")

    return _FLOW_ROW, heading


def _item(no: int, text: str, received: bool | None = None) -> FlowItem:
    """A numbered line; a material also gets its ☑ 已收到 / ☐ 缺少 mark."""
    text_w = CONTENT_W - _NUM_W - (0 if received is None else _MAT_STATUS_W)
    h = max(_FLOW_ROW, text_h(text, text_w))
    if h > _NEXT_TOP - BOTTOM:
        raise ValueError(f"内容过长，一页放不下：“{text[:20]}…”，请精简后再打印")

    def draw(c: Canvas, top: float) -> None:
        row(c, top, h, [(_NUM_W, str(no), "label"), (text_w, text, "value")])
        if received is not None:
            cell(c, MARGIN + _NUM_W + text_w, top, _MAT_STATUS_W, h)
            x, y = MARGIN + CONTENT_W - _MAT_STATUS_W + PAD, top - h / 2 - SIZE * 0.36
            x += checkbox(c, x, y, received)
            c.setFont(FONT_NAME, SIZE)
            c.drawString(x, y, "已收到" if received else "缺少（待补）")

    return h, draw


def _closing(c: Canvas, form: ClaimForm, top: float) -> None:
    """Applicant's declaration and signature, then the union's and the office's opinions."""
    h1 = 12 * mm
    c.rect(MARGIN, top - h1, CONTENT_W, h1)
    c.setFont(FONT_NAME, SIZE)
    c.drawString(MARGIN + PAD, top - 4.8 * mm, "申请人声明：以上所填内容及所附材料真实无误。")
    y = top - h1 + 2.5 * mm
    end = draw_signature(c, MARGIN + PAD, y, "申请人（签字）：", date=False)
    c.drawString(end + 6 * mm, y, f"受益人：{form.payee_label}")
    c.drawRightString(MARGIN + CONTENT_W - 3 * mm, y, DATE_BLANK)
    half = CONTENT_W / 2
    top -= h1
    unit_signer = f"经办人：{form.signed_by('review', 'submit')}"
    office_signers = [f"经办人：{form.signed_by('audit')}", f"审核人：{form.signed_by('approve')}"]
    stamp_cell(c, MARGIN, top, half, 38 * mm, [unit_signer], "所在单位工会意见（盖章）")
    stamp_cell(c, MARGIN + half, top, half, 38 * mm, office_signers, "办事处审核意见（盖章）")


def general_pages(form: ClaimForm) -> list[PageDraw]:
    """The general 互助金申请审核表: header table, rules trace, reasons, materials, signatures."""
    heads = _header_rows(form)
    heights = [row_height(cells, _HEAD_ROW) for cells in heads]
    items: list[FlowItem] = [_heading("计算过程（与经办台屏幕显示的说明一致）")]
    items += [_item(i, line) for i, line in enumerate(form.trace, 1)] or [_item(1, "无")]
    items.append(_heading("原因说明"))
    items += [_item(i, line) for i, line in enumerate(form.shown_reasons, 1)] or [_item(1, "无")]
    items.append(_heading("申请材料"))
    items += [_item(i, name, ok) for i, (name, ok) in enumerate(form.materials, 1)] or [_item(1, "无")]
    # Split the flow into pages; a heading keeps its first row; the closing follows the last item.
    pages: list[list[FlowItem]] = [[]]
    room = _TABLE_TOP - sum(heights) - _GAP - BOTTOM
    for index, (h, draw) in enumerate(items):
        need = h + (items[index + 1][0] if draw.__name__ == "heading" else 0)
        if need > room and pages[-1]:
            pages.append([])
            room = _NEXT_TOP - BOTTOM
        pages[-1].append((h, draw))
        room -= h
    if room < _CLOSING_H + _GAP:
        pages.append([])

    def draw_page(c: Canvas, page: int) -> None:
        draw_strip(c, form)
        c.setLineWidth(0.8)
        if page == 0:
            draw_titles(c, form.plan_name, "互助金申请审核表")
            top = _TABLE_TOP
            for cells, h in zip(heads, heights, strict=True):
                top = row(c, top, h, cells)
            top -= _GAP
        else:
            draw_bold(c, PAGE_WIDTH / 2, PAGE_HEIGHT - 24 * mm, "互助金申请审核表（续）", 14)
            top = _NEXT_TOP
        for h, draw in pages[page]:
            draw(c, top)
            top -= h
        if page == len(pages) - 1:
            _closing(c, form, top - _GAP)

    return [partial(draw_page, page=page) for page in range(len(pages))]
