"""From a search field to its results by keyboard (issue 18 item 4).

Enter or Down in the field go to the table with the first row selected, Tab goes to the table;
Up in the table's first row goes back to the field. A single match is chosen by itself
(``select_single``), and Enter in the table opens the selection, as a double-click does.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget

_TO_RESULTS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down)


class SearchKeys(QObject):
    def __init__(self, search: QLineEdit, table: QAbstractItemView) -> None:
        super().__init__(search)
        self.search, self.table = search, table
        search.installEventFilter(self)
        table.installEventFilter(self)
        QWidget.setTabOrder(search, table)

    def to_results(self) -> bool:
        """Focus the table, with the first row selected if none is; False when it is empty."""
        model = self.table.model()
        if model is None or model.rowCount() == 0:
            return False
        self.table.setFocus(Qt.FocusReason.TabFocusReason)
        selection = self.table.selectionModel()
        if not selection.selectedRows():
            self.table.selectRow(0)
        self.table.scrollTo(selection.selectedRows()[0] if selection.selectedRows() else model.index(0, 0))
        return True

    def select_single(self) -> None:
        """A search that found exactly one row selects it (the clerk need not look for it)."""
        model = self.table.model()
        if self.search.text().strip() and model is not None and model.rowCount() == 1:
            if not self.table.selectionModel().selectedRows():
                self.table.selectRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.search and key in _TO_RESULTS and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier,
        ):  # fmt: skip
            return self.to_results()
        if watched is self.table and key == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0:
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False
