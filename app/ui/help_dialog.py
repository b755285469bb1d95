"""帮助 → 用户指南: the Chinese guide (docs/guide.md) with its screenshots, inside the program."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from app.resources import resources_dir


def guide_path() -> Path:
    # Beside resources/: the repository's docs/, or the frozen bundle's copy.
    return resources_dir().parent / "docs" / "guide.md"


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("用户指南"))
        self.resize(1000, 760)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        path = guide_path()
        if path.is_file():
            self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
            # Screenshots are full-window size: show them at the dialog's width.
            html = re.sub(
                r'<img src="([^"]+)"[^>]*/?>', r'<img src="\1" width="900" />', self.browser.toHtml()
            )
            self.browser.setHtml(html)
        else:
            self.browser.setPlainText(self.tr("找不到用户指南：{path}").format(path=path))
        QVBoxLayout(self).addWidget(self.browser)
