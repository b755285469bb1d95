"""Printed enrollment forms (seed 004): the 团体申请表 (attachment 2) and the 人员手册 (attachment 1).

Plain frozen dataclasses in, an A4 PDF out, written atomically (a pulled USB stick never
leaves half a file). Both forms are drawn at fixed positions on the canvas. Each page body
is drawn once as a PDF form XObject and placed on the page of every copy (联): a 20,000-line
roster in three copies costs one drawing pass and one third of the file size.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.lib.colors import Color, black
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from app.io.paper_mark import draw_paper_mark
from app.io.pdf_common import (
    FONT_NAME,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    cell_style,
    draw_bold,
    draw_cell,
    draw_copy_mark,
    draw_page_number,
    draw_seal,
    draw_signature,
    draw_stamp_place,
    fit_size,
    glyph_warnings,
    new_canvas,
    paragraph,
    paused_gc,
    pdf_path,
    text_height,
    text_width,
)
from app.io.progress import Cancelled
from app.io.stamps import SealPrint
from app.io.xlsx_safe import atomic_write
from app.rules.money import fmt
from app.rules.words import amount_in_words

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
ROSTER_NOTE = (
    "说明：1、表格以Excel形式报送，在上报打印名册的同时，须按要求向中心提供EXCEL表格电子版。"
    "\n2、此表一式三份。"
)


@dataclass(frozen=True)
class GroupApplication:
    plan_title: str
    period_no: str | int
    unit_name: str
    unit_code: str
    payment_date: date | None  # None: left blank to be written by hand
    chair_name: str
    chair_contact: str
    handler_name: str
    handler_contact: str
    address: str
    fee_standard: Decimal  # 元/人·期
    payer_count: int  # who pay (free members not counted)
    amount: Decimal  # member_pays × payer_count
    participation_ratio: str  # enrolled ÷ the unit's union members, e.g. "16/20 = 80.0%"
    in_service: int
    office_opinion: str = ""
    paper: Any = None  # the verification code and QR code (app.services.paper_code.PaperMark)
    subsidy: Decimal = Decimal("0.00")  # per person
    member_pays: Decimal | None = None  # per paying person (standard − subsidy); None: the standard
    enrolled: int | None = None  # who take part (payers + free); None: the payers
    free_count: int = 0
    period_start: date | None = None
    period_end: date | None = None

    @property
    def pays(self) -> Decimal:
        return self.fee_standard - self.subsidy if self.member_pays is None else self.member_pays

    @property
    def period_text(self) -> str:
        if self.period_start is None or self.period_end is None:
            return str(self.period_no)
        return f"第 {self.period_no} 期（{self.period_start:%Y-%m-%d} 至 {self.period_end:%Y-%m-%d}）"


@dataclass(frozen=True)
class RosterLine:
    seq: int
    name: str
    gender: str
    id_number: str
    medical_card: str


@dataclass(frozen=True)
class PersonnelRoster:
    plan_title: str
    unit_name: str
    rows: Sequence[RosterLine]
    paper: Any = None  # as GroupApplication.paper


def check_printable(names: Iterable[str]) -> list[str]:
    """Warnings for names with characters the font lacks (they would print blank)."""
    return glyph_warnings(("姓名", name) for name in names)


def _check_copies(copies: int) -> None:
    if copies < 1:
        raise ValueError(f"打印份数须至少为 1（收到 {copies}）")


# ---------------------------------------------------------------- 团体申请表

_LABEL_W = 62 * mm
_VALUE_W = CONTENT_WIDTH - _LABEL_W
_PAD: float = 2 * mm
_STAMP_R: float = 12 * mm
_STAMP_ROOM = 2 * _STAMP_R + 8 * mm  # value text keeps clear of the stamp place
_SIGN_ROOM: float = 12 * mm  # bottom of the opinion cell kept for the handler's signature line
_MIN_ROW_H: dict[str, float] = {"plain": 10.5 * mm, "stamp": 30 * mm, "opinion": 48 * mm}
_APP_TABLE_TOP = PAGE_HEIGHT - 40 * mm
_APP_TABLE_BOTTOM = 28 * mm  # below: the filler's signature line and the margin


def _application_rows(a: GroupApplication) -> list[tuple[str, str, str]]:
    """(label, value, kind) in the order of attachment 2; kind picks the cell's layout."""
    paid = a.payment_date.strftime("%Y-%m-%d") if a.payment_date else ""
    return [
        ("期数（保障期）", a.period_text, "plain"),
        ("单位名称（盖章）", a.unit_name, "stamp"),
        ("单位编码", a.unit_code, "plain"),
        ("缴款日期", paid, "plain"),
        ("工会主席姓名", a.chair_name, "plain"),
        ("联系方式", a.chair_contact, "plain"),
        ("经办人姓名", a.handler_name, "plain"),
        ("经办人联系方式", a.handler_contact, "plain"),
        ("申请单位地址", a.address, "plain"),
        ("缴费标准（元/人·期）", _standard_text(a), "plain"),
        ("缴费人数", _payers_text(a), "plain"),
        (
            "缴费金额",
            f"{fmt(a.pays)} 元 × {a.payer_count} 人 = {fmt(a.amount)} 元"
            f"（大写：{amount_in_words(a.amount)}）",
            "plain",
        ),
        ("参加活动的人数占会员总数比例", a.participation_ratio, "plain"),
        ("在职（人）", str(a.in_service), "plain"),
        ("办事处意见（盖章）", a.office_opinion, "opinion"),
    ]


def _standard_text(a: GroupApplication) -> str:
    if not a.subsidy:
        return f"{fmt(a.fee_standard)} 元"
    return f"{fmt(a.fee_standard)} 元，补助 {fmt(a.subsidy)} 元/人，每人缴 {fmt(a.pays)} 元"


def _payers_text(a: GroupApplication) -> str:
    enrolled = a.payer_count + a.free_count if a.enrolled is None else a.enrolled
    if not a.free_count:
        return f"{a.payer_count} 人"
    return f"{a.payer_count} 人（参加 {enrolled} 人，其中免缴 {a.free_count} 人）"


def _row_height(value: str, kind: str) -> float:
    """Rows grow with wrapped text (a long address), never below the paper form's height."""
    width = _VALUE_W - (0 if kind == "plain" else _STAMP_ROOM) - 2 * _PAD
    extra = _SIGN_ROOM if kind == "opinion" else 0
    return max(_MIN_ROW_H[kind], text_height(value, width) + 2 * _PAD + extra)


StampPlaces = dict[str, tuple[float, float, float]]  # place -> (centre x, centre y, radius)


def _draw_application(c: Canvas, a: GroupApplication) -> StampPlaces:
    """Draw the form; return where its stamp places are, for the seal image."""
    places: StampPlaces = {}
    rows = [(label, value, kind, _row_height(value, kind)) for label, value, kind in _application_rows(a)]
    if _APP_TABLE_TOP - sum(row[3] for row in rows) < _APP_TABLE_BOTTOM:
        raise ValueError("团体申请表内容过长，一页放不下：请精简单位地址或办事处意见后再打印")
    title = f"{a.plan_title}团体申请表"
    draw_bold(c, PAGE_WIDTH / 2, PAGE_HEIGHT - 30 * mm, title, fit_size(title, CONTENT_WIDTH, 18, 12))
    top = _APP_TABLE_TOP
    x_value = MARGIN + _LABEL_W
    stamp_x = x_value + _VALUE_W - _STAMP_R - 5 * mm
    for label, value, kind, height in rows:
        bottom = top - height
        draw_cell(c, MARGIN, top, _LABEL_W, height, label, align="centre")
        if kind == "plain":
            draw_cell(c, x_value, top, _VALUE_W, height, value)
        elif kind == "stamp":
            draw_cell(c, x_value, top, _VALUE_W, height, value, text_width_limit=_VALUE_W - _STAMP_ROOM)
            draw_stamp_place(c, stamp_x, bottom + height / 2, _STAMP_R)
            places["unit"] = (stamp_x, bottom + height / 2, _STAMP_R)
        else:
            text_w, text_h = _VALUE_W - _STAMP_ROOM, height - _SIGN_ROOM
            draw_cell(
                c,
                x_value,
                top,
                _VALUE_W,
                height,
                value,
                valign="top",
                text_width_limit=text_w,
                text_height_limit=text_h,
            )
            draw_stamp_place(c, stamp_x, bottom + 14 * mm + _STAMP_R, _STAMP_R)
            places["office"] = (stamp_x, bottom + 14 * mm + _STAMP_R, _STAMP_R)
            draw_signature(c, x_value + _PAD, bottom + 4 * mm)
        top = bottom
    c.setLineWidth(1.2)
    c.rect(MARGIN, top, CONTENT_WIDTH, _APP_TABLE_TOP - top)
    draw_signature(c, MARGIN, top - 10 * mm, label="填表人：")
    return places


def _maybe_seal(c: Canvas, seal: SealPrint | None, copy_no: int, places: StampPlaces) -> None:
    if seal is not None and seal.copy_no == copy_no and seal.place in places:
        draw_seal(c, *places[seal.place], seal.image)


def write_group_application(
    path: str | os.PathLike[str], app: GroupApplication, copies: int = 1, seal: SealPrint | None = None
) -> list[str]:
    """Write the 团体申请表 as a one-page form per copy; returns missing-glyph warnings.

    With ``seal``, its image goes into the matching stamp place of copy ``seal.copy_no``.
    """
    _check_copies(copies)
    target = pdf_path(path)
    warnings = glyph_warnings(
        (label, value) for label, value, _ in [("计划名称", app.plan_title, ""), *_application_rows(app)]
    )
    with atomic_write(target) as tmp:
        c = new_canvas(tmp, f"{app.unit_name} 团体申请表")
        c.beginForm("application")
        places = _draw_application(c, app)
        draw_paper_mark(c, app.paper)
        c.endForm()
        for copy_no in range(1, copies + 1):
            c.doForm("application")
            _maybe_seal(c, seal, copy_no, places)
            if copies > 1:
                draw_copy_mark(c, copy_no, copies)
            c.showPage()
        c.save()
    return warnings


# ---------------------------------------------------------------- 人员手册

# Column widths sum to CONTENT_WIDTH; the ID column holds 18 digits at 10.5 pt with room to spare.
_COLUMNS = (
    ("序号", 16 * mm),
    ("姓名", 36 * mm),
    ("性别", 14 * mm),
    ("身份证", 54 * mm),
    ("医保卡号", 50 * mm),
)
_R_ROW_H = 7 * mm
_R_HEAD_H = 8 * mm
_R_SIZE = 10.5
_TABLE_TOP_FIRST = PAGE_HEIGHT - 50 * mm
_TABLE_TOP_NEXT = PAGE_HEIGHT - 26 * mm
_TABLE_BOTTOM = 20 * mm
_SIGN_BLOCK_H = 38 * mm  # the unit's stamp place, handler and date under the note
_CARRY_ROWS = 3  # rows moved to the last page so the note and stamp never stand alone
_PROGRESS_PAGES = 10  # pages between progress reports (cancel is checked every page)
_HEAD_FILL = Color(0.9, 0.9, 0.9)


def _rows_fitting(table_top: float) -> int:
    return int((table_top - _R_HEAD_H - _TABLE_BOTTOM) // _R_ROW_H)


def _paginate(count: int, closing_h: float) -> list[tuple[int, int]]:
    """Row ranges [start, end) per page, leaving room for the closing block on the last page."""
    pages: list[tuple[int, int]] = []
    start = 0
    while True:
        capacity = _rows_fitting(_TABLE_TOP_FIRST if not pages else _TABLE_TOP_NEXT)
        end = min(count, start + capacity)
        pages.append((start, end))
        if end >= count:
            break
        start = end
    last_start, last_end = pages[-1]
    table_top = _TABLE_TOP_FIRST if len(pages) == 1 else _TABLE_TOP_NEXT
    free = table_top - _R_HEAD_H - (last_end - last_start) * _R_ROW_H - _TABLE_BOTTOM
    if free < closing_h:
        split = max(last_start, last_end - _CARRY_ROWS)
        pages[-1] = (last_start, split)
        pages.append((split, last_end))
    return pages


def _draw_roster_page(
    c: Canvas, roster: PersonnelRoster, lines: Sequence[RosterLine], first: bool, closing: bool, note_h: float
) -> StampPlaces:
    c.setFillColor(black)
    if first:
        draw_bold(
            c,
            PAGE_WIDTH / 2,
            PAGE_HEIGHT - 24 * mm,
            roster.plan_title,
            fit_size(roster.plan_title, CONTENT_WIDTH, 15, 10),
        )
        draw_bold(c, PAGE_WIDTH / 2, PAGE_HEIGHT - 35 * mm, "人员手册", 20)
        table_top = _TABLE_TOP_FIRST
    else:
        table_top = _TABLE_TOP_NEXT
    unit = f"单位名称：{roster.unit_name}"
    c.setFont(FONT_NAME, 11)
    c.drawString(MARGIN, table_top + 3 * mm, unit if first else f"{unit}（续）")

    xs = [MARGIN]
    for _, width in _COLUMNS:
        xs.append(xs[-1] + width)
    centres = [(xs[i] + xs[i + 1]) / 2 for i in range(len(_COLUMNS))]
    limits = [w - 2 * mm for _, w in _COLUMNS]

    head_bottom = table_top - _R_HEAD_H
    c.setFillColor(_HEAD_FILL)
    c.rect(MARGIN, head_bottom, CONTENT_WIDTH, _R_HEAD_H, stroke=0, fill=1)
    c.setFillColor(black)
    for (label, _), cx in zip(_COLUMNS, centres, strict=True):
        draw_bold(c, cx, head_bottom + 2.6 * mm, label, _R_SIZE)

    # One text object per page: drawString builds one per cell (measured ~15 % slower overall).
    t = c.beginText()
    t.setFont(FONT_NAME, _R_SIZE)
    baseline = head_bottom - _R_ROW_H + 2.3 * mm
    for line in lines:
        cells = (str(line.seq), line.name, line.gender, line.id_number, line.medical_card)
        for text, cx, limit in zip(cells, centres, limits, strict=True):
            width = text_width(text, _R_SIZE)
            if width > limit:  # shrink, so IDs and long names never wrap or get cut
                t.setFont(FONT_NAME, _R_SIZE * limit / width)
                t.setTextOrigin(cx - limit / 2, baseline)
                t.textOut(text)
                t.setFont(FONT_NAME, _R_SIZE)
            else:
                t.setTextOrigin(cx - width / 2, baseline)
                t.textOut(text)
        baseline -= _R_ROW_H
    c.drawText(t)

    table_bottom = head_bottom - len(lines) * _R_ROW_H
    ys = [table_top, *(head_bottom - i * _R_ROW_H for i in range(len(lines) + 1))]
    c.setLineWidth(0.6)
    c.grid(xs, ys)
    c.setLineWidth(1.2)
    c.rect(MARGIN, ys[-1], CONTENT_WIDTH, table_top - ys[-1])
    return _draw_roster_closing(c, table_bottom - 5 * mm, note_h) if closing else {}


def _draw_roster_closing(c: Canvas, top: float, note_h: float) -> StampPlaces:
    _note().drawOn(c, MARGIN, top - note_h)
    y = top - note_h - 10 * mm
    c.setFont(FONT_NAME, 10.5)
    c.drawString(MARGIN, y, "单位（盖章）：")
    draw_stamp_place(c, MARGIN + 48 * mm, y - 10 * mm, 13 * mm)
    draw_signature(c, MARGIN + 85 * mm, y, date=False)
    c.drawString(MARGIN + 85 * mm, y - 14 * mm, "日期：　　　　年　　月　　日")
    return {"unit": (MARGIN + 48 * mm, y - 10 * mm, 13 * mm)}


def _note() -> Paragraph:
    """The 说明, wrapped, with a hanging indent so item 2 lines up under item 1."""
    indent = text_width("说明：", 10)
    style = ParagraphStyle("note", parent=cell_style(10), leftIndent=indent, firstLineIndent=-indent)
    para = paragraph(ROSTER_NOTE, style)
    para.wrap(CONTENT_WIDTH, PAGE_HEIGHT)
    return para


def write_personnel_roster(
    path: str | os.PathLike[str],
    roster: PersonnelRoster,
    copies: int = 3,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    seal: SealPrint | None = None,
) -> list[str]:
    """Write the 人员手册 ``copies`` times (第 k 联), page numbers restarting per copy.

    With ``seal`` (the unit's own seal), its image goes into the last page's stamp place of
    copy ``seal.copy_no``.

    ``progress(done, total)`` counts roster lines drawn; ``cancel()`` returning True raises
    ``Cancelled`` and leaves no file. Returns missing-glyph warnings for the names and unit.
    """
    _check_copies(copies)
    target = pdf_path(path)
    rows = roster.rows
    warnings = glyph_warnings([("单位名称", roster.unit_name), *(("姓名", r.name) for r in rows)])
    note_h = float(_note().height)
    pages = _paginate(len(rows), 5 * mm + note_h + _SIGN_BLOCK_H)
    total = len(pages)
    with paused_gc(), atomic_write(target) as tmp:
        c = new_canvas(tmp, f"{roster.unit_name} 人员手册")
        for index, (start, end) in enumerate(pages):
            # Each page body becomes a form XObject, drawn once and shown in every copy.
            c.beginForm(f"roster{index}")
            places = _draw_roster_page(c, roster, rows[start:end], index == 0, index == total - 1, note_h)
            draw_page_number(c, index + 1, total)
            if index == 0:
                draw_paper_mark(c, roster.paper)
            c.endForm()
            if cancel is not None and cancel():
                raise Cancelled
            if progress is not None and (
                index % _PROGRESS_PAGES == _PROGRESS_PAGES - 1 or index == total - 1
            ):
                progress(end, len(rows))
        for copy_no in range(1, copies + 1):
            for index in range(total):
                c.doForm(f"roster{index}")
                if index == total - 1:
                    _maybe_seal(c, seal, copy_no, places)
                if copies > 1:
                    draw_copy_mark(c, copy_no, copies)
                c.showPage()
        c.save()
    return warnings
