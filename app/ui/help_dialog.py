"""帮助 → 用户指南: the Chinese guide (docs/guide.md) with its screenshots, inside the program —
with its contents beside it, a search, and opened at the section of the tab the clerk is on
(F1 or the tab's "?"; issue 18 item 8)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.resources import resources_dir


def guide_path() -> Path:
    # Beside resources/: the repository's docs/, or the frozen bundle's copy.
    return resources_dir().parent / "docs" / "guide.md"


def guide_sections(text: str) -> list[str]:
    """The guide's ``##`` headings, in order: its contents."""
    return [line[3:].strip() for line in text.splitlines() if line.startswith("## ")]


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, section: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("用户指南"))
        self.resize(1100, 760)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.contents = QListWidget()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("在指南中查找（Enter 找下一处）"))
        self.search.setClearButtonEnabled(True)
        self.found = QLabel()
        path = guide_path()
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
            self.browser.setMarkdown(text)
            # Screenshots are full-window size: show them at the browser's width.
            html = re.sub(
                r'<img src="([^"]+)"[^>]*/?>', r'<img src="\1" width="820" />', self.browser.toHtml()
            )
            self.browser.setHtml(html)
            self.contents.addItems(guide_sections(text))
        else:
            self.browser.setPlainText(self.tr("找不到用户指南：{path}").format(path=path))
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel(self.tr("目录")))
        ll.addWidget(self.contents)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 880])
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.found)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.contents.currentTextChanged.connect(self.show_section)
        self.search.returnPressed.connect(self.find_next)
        self.search.textChanged.connect(lambda _t: self.find_next(from_start=True))
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        if section:
            self.open_section(section)

    def open_section(self, section: str) -> None:
        """Show the section whose heading starts with ``section`` (the tab's name)."""
        for row in range(self.contents.count()):
            if self.contents.item(row).text().startswith(section):
                self.contents.setCurrentRow(row)  # shows it
                return

    def show_section(self, heading: str) -> None:
        cursor = self.browser.document().find(heading, 0, QTextDocument.FindFlag.FindCaseSensitively)
        while not cursor.isNull() and cursor.block().text().strip() != heading:  # the heading itself
            cursor = self.browser.document().find(heading, cursor, QTextDocument.FindFlag.FindCaseSensitively)
        if cursor.isNull():
            return
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.maximum())  # then back up: the heading lands at the top
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()

    def find_next(self, from_start: bool = False) -> bool:
        """The next place the search text occurs (wrapping round); says when it occurs nowhere."""
        needle = self.search.text().strip()
        self.found.setText("")
        if not needle:
            return False
        if from_start:
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        if self.browser.find(needle):
            return True
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        if self.browser.find(needle):
            return True
        self.found.setText(self.tr("指南中没有“{text}”").format(text=needle))
        self.found.setStyleSheet("color: #b00020")
        return False

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        super().showEvent(event)
        item = self.contents.currentItem()
        if item is not None:  # laid out only now: scroll the chosen section to the top again
            QTimer.singleShot(0, lambda: self.show_section(item.text()))

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.search.hasFocus():
            return  # the search's Enter finds the next place; it does not close the guide
        super().keyPressEvent(event)
