"""Helpers for the English-translation tests: the English fixture, a walk for untranslated UI text,
and a check of a .ts file.

Import the fixture into a test module with ``from tests.ui.i18n_helpers import english  # noqa: F401``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)

from app.ui.i18n import install_translator, remove_translators

TS_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "en"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
PLACEHOLDER = re.compile(r"\{\w*\}")


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The application speaks English for one test; afterwards Chinese again (no translator)."""
    saved = QLocale()
    assert install_translator(qapp, "en"), "resources/i18n/hzbz_en.qm did not load: run scripts/i18n.sh"
    yield
    remove_translators(qapp)
    QLocale.setDefault(saved)


def _header_texts(view: QTableView | QTreeView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    for column in range(model.columnCount()):
        text = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if isinstance(text, str):
            yield text


def _static_texts(w: QWidget) -> Iterator[tuple[str, str]]:
    """(what, text) of every static UI text of one widget; data in cells and combo items is left out."""
    name = type(w).__name__
    if w.isWindow():
        yield f"{name} title", w.windowTitle()
    yield f"{name} tooltip", w.toolTip()
    if isinstance(w, QLabel):
        yield f"{name} text", w.text()
    if isinstance(w, QAbstractButton):
        yield f"{name} text", w.text()
    if isinstance(w, QGroupBox):
        yield f"{name} title", w.title()
    if isinstance(w, QTabWidget):
        for i in range(w.count()):
            yield f"{name} tab", w.tabText(i)
            yield f"{name} tab tooltip", w.tabToolTip(i)
    if isinstance(w, QLineEdit | QTextEdit | QPlainTextEdit | QComboBox):
        yield f"{name} placeholder", w.placeholderText()
    if isinstance(w, QAbstractSpinBox):
        yield f"{name} special value", w.specialValueText()
    if isinstance(w, QSpinBox):
        yield f"{name} prefix", w.prefix()
        yield f"{name} suffix", w.suffix()
    if isinstance(w, QTableView | QTreeView):
        for text in _header_texts(w):
            yield f"{name} header", text
    if isinstance(w, QMenu):
        yield f"{name} title", w.title()
    if isinstance(w, QMenu | QMenuBar):
        for action in w.actions():
            yield f"{name} action", action.text()
            yield f"{name} action tooltip", action.toolTip()


def untranslated_texts(
    widget: QWidget, *, allowed: Iterable[str] = (), skip: Iterable[QWidget] = ()
) -> list[str]:
    """Static UI texts under ``widget`` that still hold Chinese, as "what: text" lines.

    Looks at window titles, tooltips, labels, button texts, group-box titles, tab texts,
    placeholders, spin-box affixes, table and tree header labels, menu titles and actions.
    Cells, list items and combo-box items are data and are not looked at. ``allowed`` are
    data strings (an office or unit name) removed from a text before it is judged; ``skip``
    are widgets showing data (a summary written by a service, say), left out with their children.
    """
    allowed = sorted(allowed, key=len, reverse=True)
    skipped = list(skip)
    found: list[str] = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if any(w is s or s.isAncestorOf(w) for s in skipped):
            continue
        for what, text in _static_texts(w):
            judged = text
            for data in allowed:
                judged = judged.replace(data, "")
            if CJK.search(judged):
                found.append(f"{what}: {text}")
    return found


def ts_problems(path: Path) -> list[str]:
    """Unfinished, empty or obsolete translations in one .ts file, and {placeholders} or &-accelerators
    that differ between the Chinese source and the English translation."""
    problems: list[str] = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            where = f"{path.name} {name} {source!r}"
            if translation is None or not (translation.text or "").strip():
                problems.append(f"{where}: no translation")
                continue
            text = translation.text or ""
            if translation.get("type"):
                problems.append(f"{where}: marked {translation.get('type')}")
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                problems.append(f"{where}: placeholders differ in {text!r}")
            if ("&" in source.replace("&&", "")) != ("&" in text.replace("&&", "")):
                problems.append(f"{where}: accelerator differs in {text!r}")
            # 上班 is a keyword the clerk types in the holiday list (rules.workdays), in either language.
            if CJK.search(text.replace("“", "").replace("”", "").replace("上班", "")):
                problems.append(f"{where}: Chinese left in {text!r}")
    return problems
