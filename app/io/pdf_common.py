"""Shared pieces of the printed forms: the embedded CJK font, glyph checks and drawing helpers.

Every form draws on a reportlab canvas at fixed positions, like the paper form it copies,
rather than through platypus page templates (Paragraph only wraps text inside cells): the
layout is planned first, so the totals for "第 X 页 共 Y 页" are known before drawing, and
long rosters stay fast. Text goes out in one TrueType (glyf) font that reportlab embeds
as subsets (FontFile2), never the built-in STSong-Light, which depends on the reader's fonts
and garbles characters outside the basic plane (PITFALLS.md).
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import BinaryIO, Literal

from reportlab.lib.colors import Color, black
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from app.resources import cjk_font_path

FONT_NAME = "CJK"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN: float = 20 * mm
GREY = Color(0.45, 0.45, 0.45)
SIGN_BLANK: float = 30 * mm  # length of a signature rule
DATE_BLANK = "　　　　年　　月　　日"
_NOT_PRINTED = frozenset("\n\r\t")  # layout characters, never drawn as glyphs

Align = Literal["left", "centre"]


class FontUnavailable(RuntimeError):
    """No usable CJK TrueType font: the forms would print Chinese as blanks."""


@cache
def _font() -> TTFont:
    path = cjk_font_path()
    if path is None:
        raise FontUnavailable(
            "未找到中文字体（文泉驿正黑 wqy-zenhei.ttc），无法生成打印表格："
            "请安装 fonts-wqy-zenhei，或把 wqy-zenhei.ttc 放入程序的 resources/fonts 文件夹"
        )
    try:
        # subfontIndex 0 of the .ttc is the proportional Zen Hei face.
        font = TTFont(FONT_NAME, str(path), subfontIndex=0)
    except (TTFError, OSError) as exc:
        raise FontUnavailable(f"中文字体“{path}”无法读取：{exc}") from exc
    pdfmetrics.registerFont(font)
    return font


def register_font() -> str:
    """Register the CJK font with reportlab once; return its name for ``setFont``."""
    _font()
    return FONT_NAME


def missing_glyphs(text: str) -> set[str]:
    """The characters of ``text`` the font has no glyph for (they would print blank)."""
    cmap = _font().face.charToGlyph
    return {ch for ch in text if ord(ch) not in cmap and ch not in _NOT_PRINTED}


def glyph_warning(label: str, text: str) -> str | None:
    """A clerk-facing warning for ``text`` if the font lacks some of its characters."""
    missing = missing_glyphs(text)
    if not missing:
        return None
    chars = "”“".join(sorted(missing))
    return f"{label}“{text}”中的字“{chars}”字体缺少，打印会显示为空白"


def glyph_warnings(fields: Iterable[tuple[str, str]]) -> list[str]:
    """Warnings for (label, text) pairs, each distinct text once, in input order."""
    seen: set[str] = set()
    out: list[str] = []
    for label, text in fields:
        if text in seen:
            continue
        seen.add(text)
        warning = glyph_warning(label, text)
        if warning:
            out.append(warning)
    return out


def new_canvas(target: str | os.PathLike[str] | BinaryIO, title: str) -> Canvas:
    """An A4 canvas with the CJK font registered and the document title set."""
    register_font()
    # The CJK font as the initial font: otherwise an unembedded Helvetica is listed in every PDF.
    c = Canvas(
        str(target) if isinstance(target, os.PathLike | str) else target,
        pagesize=A4,
        initialFontName=FONT_NAME,
        initialFontSize=10.5,
    )
    c.setTitle(title)
    c.setCreator("职工互助保障经办台")
    return c


def text_width(text: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, FONT_NAME, size))


def fit_size(text: str, width: float, size: float, min_size: float = 6.0) -> float:
    """The largest size up to ``size`` at which ``text`` fits ``width`` on one line.

    Numbers such as ID numbers must never wrap or be cut, so they shrink instead.
    """
    natural = text_width(text, size)
    if natural <= width:
        return size
    return max(min_size, size * width / natural)


def draw_bold(c: Canvas, x: float, y: float, text: str, size: float, align: Align = "centre") -> None:
    """Titles: Zen Hei has no bold face, so fill and stroke the outline (render mode 2)."""
    t = c.beginText()
    t.setFont(FONT_NAME, size)
    t.setTextRenderMode(2)
    c.saveState()
    c.setLineWidth(size / 30)
    t.setTextOrigin(x - text_width(text, size) / 2 if align == "centre" else x, y)
    t.textOut(text)
    c.drawText(t)
    c.restoreState()


def draw_page_number(c: Canvas, page: int, total: int, y: float = 12 * mm) -> None:
    c.setFont(FONT_NAME, 9)
    c.drawCentredString(PAGE_WIDTH / 2, y, f"第 {page} 页 共 {total} 页")


def draw_copy_mark(c: Canvas, copy_no: int, copies: int, y: float = PAGE_HEIGHT - 12 * mm) -> None:
    """ "第 1 联 / 共 3 联" in the top right corner, so the copies can be told apart."""
    c.setFont(FONT_NAME, 9)
    c.drawRightString(PAGE_WIDTH - MARGIN, y, f"第 {copy_no} 联 / 共 {copies} 联")


def draw_stamp_place(
    c: Canvas, cx: float, cy: float, radius: float = 13 * mm, label: str = "（盖章）"
) -> None:
    """A dashed grey circle with a label: where the seal goes (real seals are ~40 mm)."""
    c.saveState()
    c.setStrokeColor(GREY)
    c.setFillColor(GREY)
    c.setLineWidth(0.6)
    c.setDash(3, 2)
    c.circle(cx, cy, radius, stroke=1, fill=0)
    c.setFont(FONT_NAME, 9)
    c.drawCentredString(cx, cy - 3, label)
    c.restoreState()


def draw_seal(c: Canvas, cx: float, cy: float, radius: float, image: bytes) -> None:
    """The seal image centred on a stamp place, a little wider than its dashed circle."""
    reader = ImageReader(io.BytesIO(image))
    w, h = reader.getSize()
    scale = (2 * radius + 8 * mm) / max(w, h)  # inside the cell, over the dashed circle
    c.drawImage(reader, cx - w * scale / 2, cy - h * scale / 2, w * scale, h * scale, mask="auto")


def draw_signature(
    c: Canvas, x: float, y: float, label: str = "经办人：", size: float = 10.5, date: bool = True
) -> float:
    """ "经办人：______　　　　年　　月　　日" from baseline (x, y); returns the end x.

    The blank is a drawn rule: the font's full-width low line prints as separate dashes.
    """
    c.setFont(FONT_NAME, size)
    c.drawString(x, y, label)
    start = x + text_width(label, size)
    end = start + SIGN_BLANK
    c.setLineWidth(0.6)
    c.line(start, y - 2, end, y - 2)
    if date:
        c.drawString(end + size, y, DATE_BLANK)
        end += size + text_width(DATE_BLANK, size)
    return end


def cell_style(size: float = 10.5, align: Align = "left", leading: float | None = None) -> ParagraphStyle:
    """Paragraph style for wrapped Chinese in cells: CJK line breaking, no hyphenation."""
    return ParagraphStyle(
        name=f"cell{size}{align}",
        fontName=FONT_NAME,
        fontSize=size,
        leading=leading or size * 1.35,
        alignment=TA_CENTER if align == "centre" else TA_LEFT,
        wordWrap="CJK",
    )


def _escape(text: str) -> str:
    # Paragraph parses a markup subset: a name or address containing < or & must print as is.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(_escape(text), style)


def fit_paragraph(
    text: str, width: float, height: float, size: float = 10.5, align: Align = "left", min_size: float = 7.0
) -> tuple[Paragraph, float]:
    """A paragraph of ``text`` wrapped to ``width``, shrunk until it fits ``height``.

    Returns the paragraph and its height. Raises ``ValueError`` when even ``min_size``
    is too large: a form must not silently lose the end of a field.
    """
    while True:
        para = paragraph(text, cell_style(size, align))
        _, h = para.wrap(width, height)
        if h <= height:
            return para, h
        if size <= min_size:
            raise ValueError(f"内容过长，表格中放不下：“{text[:20]}…”，请精简后再打印")
        size = max(min_size, size - 0.5)


def text_height(text: str, width: float, size: float = 10.5, align: Align = "left") -> float:
    """Height of ``text`` wrapped to ``width``: lets a form grow a row before drawing it."""
    if not text:
        return 0.0
    return float(paragraph(text, cell_style(size, align)).wrap(width, PAGE_HEIGHT)[1])


def draw_cell(
    c: Canvas,
    x: float,
    top: float,
    width: float,
    height: float,
    text: str = "",
    *,
    size: float = 10.5,
    align: Align = "left",
    valign: Literal["top", "middle"] = "middle",
    pad: float = 2 * mm,
    text_width_limit: float | None = None,
    text_height_limit: float | None = None,
) -> None:
    """A bordered cell with wrapped text, shrunk if it must to fit.

    The limits keep the text in part of the cell, leaving room for a stamp place or a
    signature line.
    """
    c.setStrokeColor(black)
    c.setLineWidth(0.8)
    c.rect(x, top - height, width, height, stroke=1, fill=0)
    if not text:
        return
    box_h = text_height_limit or height
    para, h = fit_paragraph(text, (text_width_limit or width) - 2 * pad, box_h - 2 * pad, size, align)
    y = top - pad - h if valign == "top" else top - (box_h + h) / 2
    para.drawOn(c, x + pad, y)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a long drawing run.

    Drawing a long roster allocates millions of small objects; with a large live heap the
    collector's full passes took ~40 % of the time (20,000 lines x 3 copies: 3.3 s vs
    1.8 s). Reference counting still frees nearly everything, and the collector resumes after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def pdf_path(path: str | os.PathLike[str]) -> Path:
    """The target as a Path, refusing a missing folder with a Chinese message."""
    target = Path(path)
    if not target.parent.is_dir():
        raise FileNotFoundError(f"保存位置“{target.parent}”不存在（U 盘是否已拔出？）")
    return target
