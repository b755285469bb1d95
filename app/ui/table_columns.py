"""A table's columns as the clerk wants them (issue 18 items 2 and 6): sized to their content within
bounds, chosen by right-clicking the header, reordered by dragging, and remembered per user on
this PC (``view_state``) with their widths and the sort — never a column cut to "吉林西电子科…"
with no way to see it.

Columns are named by the model's column keys where it has them (a paged model), else by header
text, so a remembered choice survives a column added in a later version.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from app.ui import view_state

MIN_WIDTH, MAX_WIDTH = 48, 260  # pixels: a fitted column is never a sliver nor the whole table
WIDE_WIDTH = 520  # a column of sentences (eligibility reasons) may take this much
FIT_ROWS = 50  # rows looked at to fit a column (fewer than a page)


class TableColumns(QObject):
    def __init__(
        self,
        table: QTableView,
        user: str,
        name: str,
        default_hidden: Iterable[str] = (),
        wide: Iterable[str] = (),
    ) -> None:
        super().__init__(table)
        self.table, self.user, self.name = table, user, name
        self.default_hidden, self.wide = frozenset(default_hidden), frozenset(wide)
        header = self.header
        header.setSectionsMovable(True)
        header.setResizeContentsPrecision(FIT_ROWS)  # within the first page: a paged model reads no more
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_menu)
        self._save_later = QTimer(self, singleShot=True, interval=400)
        self._save_later.timeout.connect(self.save)
        self._restoring = False
        self._fitted = False
        self.restore()
        table.installEventFilter(self)
        header.sectionResized.connect(self._changed)
        header.sectionMoved.connect(self._changed)
        header.sortIndicatorChanged.connect(self._changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.table and event.type() == QEvent.Type.Show and not self._fitted:
            self._fitted = True  # once laid out, the rows on screen are known
            QTimer.singleShot(0, self.fit)
        return False

    @property
    def header(self) -> QHeaderView:
        return self.table.horizontalHeader()

    def key(self, section: int) -> str:
        model = self.table.model()
        column_key = getattr(model, "column_key", None)
        if column_key is not None:
            return str(column_key(section))
        return str(model.headerData(section, Qt.Orientation.Horizontal))

    def _sections(self) -> dict[str, int]:
        return {self.key(i): i for i in range(self.table.model().columnCount())}

    # -- shown or hidden ---------------------------------------------------------------------
    def hidden(self) -> set[str]:
        return {k for k, i in self._sections().items() if self.header.isSectionHidden(i)}

    def set_shown(self, key: str, shown: bool) -> None:
        section = self._sections()[key]
        visible = [i for i in range(self.header.count()) if not self.header.isSectionHidden(i)]
        if not shown and visible == [section]:
            return  # the last column stays: a table with none cannot be brought back by its header
        self.header.setSectionHidden(section, not shown)
        if shown:
            self._fit(section)
        self.save()

    def reset(self) -> None:
        """The columns as shipped: the default ones shown, fitted, in their first order."""
        for key, section in self._sections().items():
            self.header.setSectionHidden(section, key in self.default_hidden)
            self.header.moveSection(self.header.visualIndex(section), section)
        self.fit()
        self.save()

    def _on_menu(self, pos: QPoint) -> None:
        menu = QMenu(self.table)
        menu.addSection(self.tr("显示的列"))
        for key, section in sorted(self._sections().items(), key=lambda kv: self.header.visualIndex(kv[1])):
            text = str(self.table.model().headerData(section, Qt.Orientation.Horizontal))
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(not self.header.isSectionHidden(section))
            action.toggled.connect(lambda on, k=key: self.set_shown(k, on))
        menu.addSeparator()
        menu.addAction(self.tr("恢复默认列"), self.reset)
        menu.popup(self.header.mapToGlobal(pos))

    # -- widths --------------------------------------------------------------------------------
    def fit(self) -> None:
        """Every shown column to its content (the rows on screen and the header), within bounds;
        a column whose width the clerk set keeps it."""
        kept = self._kept_widths()
        for key, section in self._sections().items():
            if key not in kept and not self.header.isSectionHidden(section):
                self._fit(section)

    def _fit(self, section: int) -> None:
        self._restoring = True
        self.table.resizeColumnToContents(section)
        width = self.header.sectionSize(section)
        most = WIDE_WIDTH if self.key(section) in self.wide else MAX_WIDTH
        self.header.resizeSection(section, max(MIN_WIDTH, min(width, most)))
        self._restoring = False

    def _kept_widths(self) -> dict[str, int]:
        kept: dict[str, int] = {}
        for part in view_state.recall(self.user, f"{self.name}/widths").split(","):
            key, _, width = part.rpartition(":")
            if key and width.isdigit():
                kept[key] = int(width)
        return kept

    # -- remembering ---------------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        if not self._restoring:
            self._save_later.start()

    def save(self) -> None:
        sections = self._sections()
        order = sorted(sections, key=lambda k: self.header.visualIndex(sections[k]))
        view_state.keep(self.user, f"{self.name}/hidden", ",".join(sorted(self.hidden())))
        view_state.keep(self.user, f"{self.name}/order", ",".join(order))
        widths = ",".join(f"{k}:{self.header.sectionSize(i)}" for k, i in sections.items()
                          if not self.header.isSectionHidden(i))  # fmt: skip
        view_state.keep(self.user, f"{self.name}/widths", widths)
        sort = self.header.sortIndicatorSection()
        if 0 <= sort < len(sections):
            descending = self.header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            view_state.keep(
                self.user, f"{self.name}/sort", f"{self.key(sort)}:{'desc' if descending else 'asc'}"
            )

    def restore(self) -> None:
        self._restoring = True
        sections = self._sections()
        stored = view_state.recall(self.user, f"{self.name}/hidden")
        hidden = set(stored.split(",")) - {""} if stored or self._ever_saved() else set(self.default_hidden)
        for key, section in sections.items():
            self.header.setSectionHidden(section, key in hidden)
        order = [k for k in view_state.recall(self.user, f"{self.name}/order").split(",") if k in sections]
        for visual, key in enumerate(order):
            self.header.moveSection(self.header.visualIndex(sections[key]), visual)
        for key, width in self._kept_widths().items():
            if key in sections:
                self.header.resizeSection(sections[key], max(MIN_WIDTH, width))
        key, _, direction = view_state.recall(self.user, f"{self.name}/sort").rpartition(":")
        if key in sections and self.table.isSortingEnabled():
            order_ = Qt.SortOrder.DescendingOrder if direction == "desc" else Qt.SortOrder.AscendingOrder
            self.table.sortByColumn(sections[key], order_)
        self._restoring = False

    def _ever_saved(self) -> bool:
        return bool(view_state.recall(self.user, f"{self.name}/order"))
