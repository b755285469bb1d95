"""打印 (issue 16 item 5): a preview of exactly the pages the PDF holds, then a real print — through
the CUPS spooler test.sh starts (a CUPS-PDF queue: each job becomes a PDF we can read back), or
painted by Qt where there is no spooler."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claim_documents import ClaimDocuments
from app.services.claims import ClaimService
from app.ui.print_preview import PrintPreviewDialog
from tests.factories_claims import D, enrolled_member, hospital_stay

PRINTER = os.environ.get("HZBZ_TEST_PRINTER", "")


def _two_forms(sessions: SessionFactory, clerk: Actor, tmp_path: Path) -> tuple[Path, list[str]]:
    _uid, mid = enrolled_member(sessions, clerk)
    desk = ClaimService(sessions, clerk)
    nos = [desk.create(hospital_stay(mid)), desk.create(hospital_stay(mid, admission=D(2020, 7, 1)))]
    out = tmp_path / "申请审核表.pdf"
    ClaimDocuments(sessions, clerk).print_forms(nos, out)
    return out, nos


def _text(path: Path) -> list[str]:
    return [re.sub(r"\s", "", page.extract_text()) for page in PdfReader(path).pages]


def test_the_preview_shows_exactly_the_pages_of_the_pdf(
    qtbot, sessions: SessionFactory, clerk: Actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    pdf, _nos = _two_forms(sessions, clerk, tmp_path)
    preview = PrintPreviewDialog(pdf)
    qtbot.addWidget(preview)
    assert len(preview.pages) == len(PdfReader(pdf).pages) == 2
    assert preview.summary.text().startswith("共 2 页，纸张 A4，按原大小打印")
    width, height = preview.pages[0].pixmap().width(), preview.pages[0].pixmap().height()
    assert abs(height / width - 842 / 595) < 0.01  # A4, not stretched


def test_painted_printing_where_there_is_no_spooler(
    qtbot, sessions: SessionFactory, clerk: Actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    pdf, _nos = _two_forms(sessions, clerk, tmp_path)
    preview = PrintPreviewDialog(pdf)
    qtbot.addWidget(preview)
    printer = preview.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "painted.pdf"))
    problem, done = preview.print_on(printer)
    assert problem is None and "第 1–2 页，1 份" in done
    assert len(PdfReader(tmp_path / "painted.pdf").pages) == 2


@pytest.mark.skipif(not PRINTER, reason="no print spooler here (test.sh starts CUPS with a PDF queue)")
def test_a_form_goes_through_the_spooler_page_for_page(
    qtbot, sessions: SessionFactory, clerk: Actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    pdf, nos = _two_forms(sessions, clerk, tmp_path)
    out_dir = Path.home() / "PDF"  # CUPS-PDF's folder for the submitting user
    before = set(out_dir.glob("*.pdf")) if out_dir.is_dir() else set()
    preview = PrintPreviewDialog(pdf)
    qtbot.addWidget(preview)
    printer = preview.printer()
    printer.setPrinterName(PRINTER)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)  # the second form only
    problem, done = preview.print_on(printer)
    assert problem is None and f"已送打印机 {PRINTER}：第 2–2 页，1 份（作业 {PRINTER}-" in done
    qtbot.waitUntil(lambda: out_dir.is_dir() and bool(set(out_dir.glob("*.pdf")) - before), timeout=30000)
    (job,) = set(out_dir.glob("*.pdf")) - before
    qtbot.waitUntil(lambda: job.stat().st_size > 0 and _readable(job), timeout=30000)
    pages = _text(job)  # the spooler's PDF is distilled again: digits read back, CJK glyphs may not
    assert len(pages) == 1 and nos[1][1:] in pages[0] and nos[0][1:] not in pages[0]  # text, not a picture
    job.unlink()


def _readable(path: Path) -> bool:
    try:
        return len(PdfReader(path).pages) > 0
    except Exception:  # still being written
        return False


def test_printing_opens_the_preview_unless_the_office_turned_it_off(
    qtbot, sessions: SessionFactory, clerk: Actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QWidget

    from app.ui.printing import open_if_wanted

    pdf, _nos = _two_forms(sessions, clerk, tmp_path)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert open_if_wanted(sessions, pdf, parent) is True
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, PrintPreviewDialog) and w.isVisible()]
    assert len(shown) == 1 and shown[0].path == pdf
    shown[0].close()
