"""Where printed PDFs are saved and whether they open, as chosen in 设置 → 打印与印章."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from app.models.db import SessionFactory
from app.services.settings import SettingsService
from app.ui.file_places import ask_save


def start_path(sessions: SessionFactory, name: str) -> str:
    """The file name the save dialog proposes: in the settings' PDF folder when one is set."""
    folder = SettingsService(sessions).load().printing.output_folder
    return str(Path(folder) / name) if folder else name


def ask_pdf_path(parent: QWidget, sessions: SessionFactory, title: str, name: str) -> Path | None:
    """Save dialog for a PDF: starts in the folder last used for PDFs, else 设置's, else documents."""
    filters = QCoreApplication.translate("printing", "PDF 文件 (*.pdf)")
    return ask_save(parent, title, "pdf", name, filters, sessions)


def open_if_wanted(sessions: SessionFactory, path: Path, parent: QWidget | None = None) -> bool:
    """打印: the print preview of the PDF just saved, with the system's print dialog behind its 打印
    button — unless the office turned it off in 设置 (then the PDF is only saved)."""
    if not SettingsService(sessions).load().printing.open_after_print:
        return False
    from app.ui.print_preview import PrintPreviewDialog  # loads the PDF renderer when printing

    preview = PrintPreviewDialog(path, parent)
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    preview.show()
    return True
