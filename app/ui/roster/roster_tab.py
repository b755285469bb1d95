"""会员名册 tab: units on the left, the members table with search on the right."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models.db import SessionFactory
from app.rules import idnumber
from app.services import member_search
from app.services.auth import Actor
from app.services.errors import ServiceError
from app.services.roster import FamilyDraft, RosterService, UnitDraft, UnitInfo
from app.services.roster_pages import RosterPages, RosterView
from app.services.roster_types import MemberDraft
from app.ui.forms import error_text
from app.ui.roster.member_dialog import MemberDialog
from app.ui.roster.member_model import MemberTableModel
from app.ui.roster.roster_files import RosterFiles
from app.ui.roster.unit_dialog import UnitDialog
from app.ui.search_keys import SearchKeys
from app.ui.table_columns import TableColumns
from app.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from app.ui.roster.import_preview_dialog import ImportPreviewDialog

ALL_UNITS = -1


class RosterTab(QWidget):
    sig_undoable = Signal(str, object)
    """(what was done, how to take it back): for the window's 撤销 (issue 18 item 3)."""
    sig_import_finished = Signal(object)
    """An import ended: carries the ImportReport, or the exception that stopped it."""
    sig_export_finished = Signal(object)
    """An export ended: carries the row count, or the exception that stopped it."""

    def __init__(
        self,
        sessions: SessionFactory,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._service = RosterService(sessions, actor)
        self._pages = RosterPages(sessions)
        self._units: list[UnitInfo] = []
        self._too_short = False  # the search text is too short to search by (e.g. 3 digits)
        self._task: BackgroundTask | None = None
        self.quiet = False  # tests set this to skip modal message boxes

        self.units = QListWidget()
        self.units.setMinimumWidth(200)
        add_unit = QPushButton(self.tr("新增单位"))
        edit_unit = QPushButton(self.tr("编辑单位"))
        add_unit.clicked.connect(self._on_add_unit_clicked)
        edit_unit.clicked.connect(self._on_edit_unit_clicked)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("单位")))
        left_layout.addWidget(self.units)
        unit_buttons = QHBoxLayout()
        unit_buttons.addWidget(add_unit)
        unit_buttons.addWidget(edit_unit)
        left_layout.addLayout(unit_buttons)

        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("搜索：姓名、拼音首字母、身份证号任意 4 位以上、电话或卡号（Ctrl+F）")
        )
        self.search.setClearButtonEnabled(True)
        self.add_button = QPushButton(self.tr("新增会员(&A)"))
        self.edit_button = QPushButton(self.tr("编辑(&E)"))
        self.move_button = QPushButton(self.tr("调动单位(&M)"))
        self.left_button = QPushButton(self.tr("标记离职(&L)"))
        self.import_button = QPushButton(self.tr("导入 Excel(&I)…"))
        self.export_button = QPushButton(self.tr("导出 Excel(&X)…"))
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        for b in (
            self.add_button,
            self.edit_button,
            self.move_button,
            self.left_button,
            self.import_button,
            self.export_button,
        ):
            tools.addWidget(b)

        self.model = MemberTableModel(self)
        self.model.sig_counted.connect(self._on_model_counted)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in ((0, 90), (1, 50), (2, 95), (3, 170), (4, 110)):
            self.table.setColumnWidth(col, width)
        self.status = QLabel()

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(tools)
        right_layout.addWidget(self.table)
        right_layout.addWidget(self.status)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        writable = actor.can("roster.write")
        for b in (
            add_unit,
            edit_unit,
            self.add_button,
            self.edit_button,
            self.move_button,
            self.left_button,
            self.import_button,
        ):
            b.setEnabled(writable)
            if not writable:
                b.setToolTip(self.tr("当前角色无权修改会员名册"))

        self.units.currentRowChanged.connect(self._on_units_row_changed)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.table.doubleClicked.connect(self._on_edit_clicked)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.move_button.clicked.connect(self._on_move_clicked)
        self.left_button.clicked.connect(self._on_mark_left_clicked)
        self.files = RosterFiles(self)
        self.import_button.clicked.connect(self.files._on_import_clicked)
        self.export_button.clicked.connect(self.files._on_export_clicked)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        self.search_keys = SearchKeys(self.search, self.table)
        self.columns = TableColumns(self.table, actor.username, "roster")
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self._on_edit_clicked)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)  # Enter in the search goes to the table
        self.reload_units()

    # -- loading ---------------------------------------------------------------------------
    def current_unit_id(self) -> int | None:
        item = self.units.currentItem()
        if item is None:
            return None
        uid = item.data(Qt.ItemDataRole.UserRole)
        return None if uid == ALL_UNITS else int(uid)

    def reload_units(self, select_id: int | None = None) -> None:
        self._fill_units(select_id if select_id is not None else self.current_unit_id())
        self.reload_members()

    def show_changes(self) -> None:
        """Units or members changed elsewhere: read both again, keeping the unit, place and selection."""
        keep = self.current_unit_id()
        self._fill_units(keep)
        if self.current_unit_id() != keep:  # that unit is gone
            self.reload_members()
            return
        self.model.set_unit_names({u.id: u.name for u in self._units})
        self.model.refresh()
        self._update_status()

    def _fill_units(self, keep: int | None) -> None:
        self._units = self._service.list_units()
        self.units.blockSignals(True)
        self.units.clear()
        total = sum(u.member_count for u in self._units)
        all_item = QListWidgetItem(self.tr("全部单位（{n} 人）").format(n=total))
        all_item.setData(Qt.ItemDataRole.UserRole, ALL_UNITS)
        self.units.addItem(all_item)
        current = 0
        for i, u in enumerate(self._units, start=1):
            item = QListWidgetItem(self.tr("{unit}（{n} 人）").format(unit=u.name, n=u.member_count))
            item.setData(Qt.ItemDataRole.UserRole, u.id)
            item.setToolTip(self.tr("单位编码 {code}").format(code=u.code))
            self.units.addItem(item)
            if u.id == keep:
                current = i
        self.units.setCurrentRow(current)
        self.units.blockSignals(False)

    def reload_members(self, select_member: int | None = None) -> None:
        """Show the chosen unit's members (search and sort as they are), from the first page."""
        self.model.set_unit_names({u.id: u.name for u in self._units})
        self._show_view()
        if select_member is not None:
            self.select_member(select_member)

    def _show_view(self) -> None:
        view = RosterView(self.current_unit_id(), self.search.text())
        parsed = member_search.parse(view.text)
        self._too_short = parsed.too_short
        self.model.set_view(lambda sort, descending: self._pages.query(view, sort, descending)[0])
        self._update_status()

    def select_member(self, member_id: int) -> None:
        row = self.model.row_of_member(member_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def unit_total(self) -> int:
        uid = self.current_unit_id()
        if uid is None:
            return sum(u.member_count for u in self._units)
        return next((u.member_count for u in self._units if u.id == uid), 0)

    def _update_status(self) -> None:
        shown = self.model.count
        text = self.tr("共 {total} 人，显示 {shown} 人").format(
            total=self.unit_total(), shown=shown if shown is not None else "…"
        )
        if self._too_short:
            text += self.tr("（请至少输入 4 位数字或 2 个拼音首字母再搜索）")
        elif shown == 0 and self.search.text().strip():
            text = self._nobody_found()
        self.status.setText(text)
        self.search_keys.select_single()

    def _nobody_found(self) -> str:
        """No match: say so, and where the person is when it is another unit than the one chosen."""
        said = self.tr("没有找到“{text}”").format(text=self.search.text().strip())
        if self.current_unit_id() is None:
            return said
        names = {u.id: u.name for u in self._units}
        elsewhere = [names.get(uid, "") for uid in self._pages.units_finding(self.search.text())]
        if not elsewhere:
            return said
        shown = "、".join(elsewhere[:3]) + (
            self.tr(" 等 {n} 个单位").format(n=len(elsewhere)) if len(elsewhere) > 3 else ""
        )
        return said + self.tr("：本单位没有，{units} 有符合的会员（选择“全部单位”可查看）").format(
            units=shown
        )

    def _on_model_counted(self, _count: int) -> None:
        self._update_status()

    def _on_units_row_changed(self, _row: int) -> None:
        self.reload_members()

    def _on_search_text_changed(self, _text: str) -> None:
        self._show_view()

    def selected_member_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.member_at(rows[0].row()).id

    def _tell(self, title: str, text: str, error: bool = False) -> None:
        if self.quiet:
            return
        (QMessageBox.warning if error else QMessageBox.information)(self, title, text)

    # -- units -----------------------------------------------------------------------------
    def _save_unit(self, draft: UnitDraft, unit: UnitInfo | None) -> str | None:
        try:
            uid = self._service.save_unit(draft, unit.id if unit else None, unit.version if unit else None)
        except ServiceError as exc:
            return error_text(exc)
        self.reload_units(select_id=uid)
        return None

    def _on_add_unit_clicked(self) -> None:
        UnitDialog(self, lambda d: self._save_unit(d, None)).exec()

    def _on_edit_unit_clicked(self) -> None:
        uid = self.current_unit_id()
        unit = next((u for u in self._units if u.id == uid), None)
        if unit is None:
            self._tell(self.tr("编辑单位"), self.tr("请先在左侧选择一个单位"))
            return
        UnitDialog(self, lambda d: self._save_unit(d, unit), unit).exec()

    # -- members ---------------------------------------------------------------------------
    def open_add_dialog(self) -> MemberDialog | None:
        if not self._units:
            self._tell(self.tr("新增会员"), self.tr("请先点“新增单位”登记会员所在的单位"))
            return None

        def save(draft: MemberDraft, family: tuple[FamilyDraft, ...]) -> str | None:
            uid = dialog.chosen_unit()
            if uid is None:
                return self.tr("请选择会员所在的单位")
            try:
                mid = self._service.add_member(uid, draft, family)
            except ServiceError as exc:
                return error_text(exc)
            self.reload_units(select_id=uid)
            self.reload_members(select_member=mid)
            return None

        dialog = MemberDialog(self, save, None, self._unit_choices(), self.current_unit_id())
        return dialog

    def _unit_choices(self) -> list[tuple[int, str]]:
        return [(u.id, self.tr("{unit}（{code}）").format(unit=u.name, code=u.code)) for u in self._units]

    def open_edit_dialog(self, member_id: int) -> MemberDialog:
        detail = self._service.member(member_id)

        def save(draft: MemberDraft, family: tuple[FamilyDraft, ...]) -> str | None:
            try:
                self._service.update_member(member_id, draft, family, detail.version)
                after = self._service.member(member_id).draft  # as saved (numbers compacted)
            except ServiceError as exc:
                return error_text(exc)
            self.reload_members(select_member=member_id)
            self.sig_undoable.emit(
                self.tr("修改会员 {name} 的资料").format(name=detail.draft.name),
                lambda: self._service.undo_update(member_id, detail, after),
            )
            return None

        return MemberDialog(self, save, detail, self._unit_choices(), detail.unit_id)

    def _on_add_clicked(self) -> None:
        dialog = self.open_add_dialog()
        if dialog is not None:
            dialog.exec()

    def _on_edit_clicked(self, *_args: object) -> None:
        if not self.edit_button.isEnabled():  # a read-only role sees masked numbers only
            return
        mid = self.selected_member_id()
        if mid is None:
            self._tell(self.tr("编辑会员"), self.tr("请先选择一名会员"))
            return
        self.open_edit_dialog(mid).exec()

    def move_member(self, member_id: int, unit_id: int) -> str | None:
        try:
            detail = self._service.member(member_id)
            self._service.move_member(member_id, unit_id, detail.version)
        except ServiceError as exc:
            return str(exc)
        self.reload_units()
        self.sig_undoable.emit(
            self.tr("调动 {name} 的单位").format(name=detail.draft.name),
            lambda: self._service.undo_move(member_id, detail.unit_id, unit_id),
        )
        return None

    def _on_move_clicked(self) -> None:
        mid = self.selected_member_id()
        if mid is None:
            self._tell(self.tr("调动单位"), self.tr("请先选择一名会员"))
            return
        names = [self.tr("{unit}（{code}）").format(unit=u.name, code=u.code) for u in self._units]
        choice, ok = QInputDialog.getItem(self, self.tr("调动单位"), self.tr("调往："), names, 0, False)
        if ok:
            problem = self.move_member(mid, self._units[names.index(choice)].id)
            if problem:
                self._tell(self.tr("调动单位"), problem, error=True)

    def mark_left(self, member_id: int, on: dt.date) -> str | None:
        try:
            detail = self._service.member(member_id)
            self._service.mark_left(member_id, on, detail.version)
        except ServiceError as exc:
            return str(exc)
        self.reload_members(select_member=member_id)
        self.sig_undoable.emit(
            self.tr("将 {name} 标记为离职").format(name=detail.draft.name),
            lambda: self._service.undo_mark_left(member_id, detail.draft.employment),
        )
        return None

    def _on_mark_left_clicked(self) -> None:
        mid = self.selected_member_id()
        if mid is None:
            self._tell(self.tr("标记离职"), self.tr("请先选择一名会员"))
            return
        who = self._service.member(mid).draft
        prompt = self.tr("标记 {name}（身份证 {number}）离职，离职日期：").format(
            name=who.name, number=idnumber.mask(who.id_number)
        )  # names the member: a wrong row is seen before anything changes (issue 18 item 3)
        text, ok = QInputDialog.getText(self, self.tr("标记离职"), prompt, text=dt.date.today().isoformat())
        if not ok:
            return
        try:
            on = dt.date.fromisoformat(text.strip())
        except ValueError:
            self._tell(
                self.tr("标记离职"),
                self.tr("“{text}”不是有效日期，应如 2026-01-31").format(text=text),
                error=True,
            )
            return
        problem = self.mark_left(mid, on)
        if problem:
            self._tell(self.tr("标记离职"), problem, error=True)

    # -- Excel (app.ui.roster.roster_files) -------------------------------------------------------
    def import_file(self, path: Path, **options: Any) -> None:
        self.files.import_file(path, **options)

    def preview_dialog(self, path: Path) -> ImportPreviewDialog:
        return self.files.preview_dialog(path)

    def export_file(self, path: Path, layout: str) -> None:
        self.files.export_file(path, layout)
