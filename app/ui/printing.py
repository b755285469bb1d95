"""Where printed PDFs are saved and whether they open, as chosen in 设置 → 打印与印章."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from app.models.db import SessionFactory
from app.services.settings import SettingsService


def start_path(sessions: SessionFactory, name: str) -> str:
    """The file name the save dialog proposes: in the settings' PDF folder when one is set."""
    folder = SettingsService(sessions).load().printing.output_folder
    return str(Path(folder) / name) if folder else name


def ask_pdf_path(parent: QWidget, sessions: SessionFactory, title: str, name: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(
        parent, title, start_path(sessions, name), QCoreApplication.translate("printing", "PDF 文件 (*.pdf)")
    )
    return Path(path) if path else None


def open_if_wanted(sessions: SessionFactory, path: Path) -> bool:
    """Show the PDF in the system viewer (which previews and prints) unless the office turned it off."""
    if not SettingsService(sessions).load().printing.open_after_print:
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
