"""打印: a preview of exactly the pages the PDF holds, then the system's print dialog (printer,
copies, pages, duplex) — issue 16 item 5. The PDF stays saved beside it (导出 PDF).

Where the system has a CUPS spooler (Linux, macOS) the PDF itself goes to the printer (``lp``):
the forms print as drawn, A4, text and lines sharp, no scaling. Elsewhere Qt paints the pages
onto the printer at its resolution.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.io import pdf_pages

PREVIEW_DPI = 80  # on screen: a whole A4 page is ~660 px high
A4_POINTS = (595.0, 842.0)


def _qimage(picture: object) -> QImage:
    rgb = picture.convert("RGB")  # type: ignore[attr-defined]
    data = rgb.tobytes("raw", "RGB")
    return QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888).copy()


def paper_of(sizes: list[tuple[float, float]]) -> str:
    """A4 when every page is A4 (either way round), else the first page's size in millimetres."""

    def is_a4(w: float, h: float) -> bool:
        return {round(w), round(h)} == {round(A4_POINTS[0]), round(A4_POINTS[1])}

    if sizes and all(is_a4(w, h) for w, h in sizes):
        return "A4"
    w, h = sizes[0] if sizes else (0.0, 0.0)
    return f"{w * 25.4 / 72:.0f} × {h * 25.4 / 72:.0f} mm"


class PrintPreviewDialog(QDialog):
    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(self.tr("打印预览 — {name}").format(name=path.name))
        self.resize(760, 860)
        self.sizes = pdf_pages.page_sizes(path)
        self.pages: list[QLabel] = []
        column = QWidget()
        layout = QVBoxLayout(column)
        for picture in pdf_pages.render(path, PREVIEW_DPI):
            page = QLabel()
            page.setPixmap(QPixmap.fromImage(_qimage(picture)))
            page.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            page.setStyleSheet("background: white; border: 1px solid #999")
            layout.addWidget(page)
            self.pages.append(page)
        scroll = QScrollArea()
        scroll.setWidget(column)
        scroll.setWidgetResizable(True)
        self.summary = QLabel(
            self.tr("共 {n} 页，纸张 {paper}，按原大小打印；PDF 已保存在 {path}").format(
                n=len(self.pages), paper=paper_of(self.sizes), path=path
            )
        )
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(self.tr("打印(&P)…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self._on_print_clicked)
        buttons.rejected.connect(self.reject)
        main = QVBoxLayout(self)
        main.addWidget(self.summary)
        main.addWidget(scroll, 1)
        main.addWidget(buttons)

    def printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setDocName(self.path.stem)
        printer.setFromTo(1, len(self.pages))
        return printer

    def _on_print_clicked(self) -> None:
        printer = self.printer()
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, len(self.pages))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        problem, done = self.print_on(printer)
        if problem:
            QMessageBox.warning(self, self.tr("打印"), problem)
        else:
            QMessageBox.information(self, self.tr("打印"), done)
            self.accept()

    def print_on(self, printer: QPrinter) -> tuple[str | None, str]:
        """Print on ``printer`` as its dialog set it: (a problem, or None; what was done)."""
        first, last = printer.fromPage(), printer.toPage()
        if printer.printRange() != QPrinter.PrintRange.PageRange or first == 0:
            first, last = 1, len(self.pages)
        copies = max(printer.copyCount(), 1)
        name = printer.printerName()
        if shutil.which("lp") and name and printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
            return self._spool(name, first, last, copies, printer.duplex())
        self._paint(printer, first, last)
        return None, self.tr("已送打印机 {printer}：第 {first}–{last} 页，{copies} 份").format(
            printer=name or printer.outputFileName(), first=first, last=last, copies=copies
        )

    def _spool(
        self, name: str, first: int, last: int, copies: int, duplex: QPrinter.DuplexMode
    ) -> tuple[str | None, str]:
        sides = {
            QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
            QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge",
        }.get(duplex, "one-sided")
        command = [
            "lp",
            "-d",
            name,
            "-n",
            str(copies),
            "-t",
            self.path.stem,
            "-o",
            "media=A4",
            "-o",
            f"sides={sides}",
        ]
        if (first, last) != (1, len(self.pages)):
            command += ["-P", f"{first}-{last}"]
        try:
            done = subprocess.run([*command, str(self.path)], capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return self.tr("打印失败：打印服务没有响应（{why}）").format(why=exc), ""
        if done.returncode != 0:
            return self.tr("打印失败：{why}").format(why=(done.stderr or done.stdout).strip()), ""
        job = re.search(r"request id is (\S+)", done.stdout)
        return None, self.tr("已送打印机 {printer}：第 {first}–{last} 页，{copies} 份（作业 {job}）").format(
            printer=name, first=first, last=last, copies=copies, job=job.group(1) if job else "—"
        )

    def _paint(self, printer: QPrinter, first: int, last: int) -> None:
        """No spooler to take the PDF: the pages painted at the printer's resolution (≤ 300 dpi)."""
        dpi = min(printer.resolution(), 300)
        painter = QPainter(printer)
        try:
            for number, picture in enumerate(pdf_pages.render(self.path, dpi), start=1):
                if number < first or number > last:
                    continue
                if number > first:
                    printer.newPage()
                image = _qimage(picture)
                target = painter.viewport()
                size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(
                    target.x(),
                    target.y(),
                    image.scaled(
                        size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                    ),
                )
        finally:
            painter.end()
