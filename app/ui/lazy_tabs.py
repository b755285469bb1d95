"""Tabs built the first time they are shown or asked for.

Start-up (issue 17 item 4) should not wait for what it does not show: each tab's module, widgets
and first queries cost tens of milliseconds on an empty database and more on a city's. A lazy tab
is an empty page until its tab is chosen (by a click, its Alt+number, or code asking for it); then
the real tab is built and takes the page's place, under the same label, at the same position.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QTabWidget, QWidget


@dataclass
class _Later:
    module: str
    cls: str
    label: str
    make: Callable[[Any], QWidget]  # given the tab's class, its instance
    page: QWidget
    tab: QWidget | None = None


class LazyTabs:
    def __init__(self, tabs: QTabWidget, built: Callable[[str, QWidget], None]) -> None:
        self._tabs = tabs
        self._built = built  # told each tab once it is in place
        self._later: dict[str, _Later] = {}
        tabs.currentChanged.connect(self._on_current)

    def add(self, name: str, module: str, cls: str, label: str, make: Callable[[Any], QWidget]) -> None:
        page = QWidget()
        self._later[name] = _Later(module, cls, label, make, page)
        self._tabs.addTab(page, label)

    def has(self, name: str) -> bool:
        return name in self._later

    def is_built(self, name: str) -> bool:
        later = self._later.get(name)
        return later is not None and later.tab is not None

    def get(self, name: str) -> QWidget:
        """The tab called ``name``, built now if it was not yet."""
        later = self._later[name]
        if later.tab is None:
            factory = getattr(importlib.import_module(later.module), later.cls)
            tab = later.make(factory)
            later.tab = tab
            index = self._tabs.indexOf(later.page)
            current = self._tabs.currentIndex()
            blocked = self._tabs.blockSignals(True)  # the swap is no change of the clerk's tab
            try:
                self._tabs.removeTab(index)
                self._tabs.insertTab(index, tab, later.label)
                self._tabs.setCurrentIndex(current)
            finally:
                self._tabs.blockSignals(blocked)
            later.page.deleteLater()
            self._built(name, tab)
        return later.tab

    def _on_current(self, index: int) -> None:
        page = self._tabs.widget(index)
        for name, later in self._later.items():
            if later.tab is None and later.page is page:
                self.get(name)
                return
