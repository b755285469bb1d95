"""Register the CJK font with Qt so Chinese never shows as empty boxes."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.resources import cjk_font_path


def install_cjk_font(app: QApplication) -> str | None:
    """Load the bundled/system CJK font and make it the application font; returns its family."""
    path = cjk_font_path()
    if path is None:
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    font = QFont(families[0])
    font.setPointSize(10)
    app.setFont(font)
    return families[0]
