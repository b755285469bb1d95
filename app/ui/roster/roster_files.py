"""The roster tab's Excel work: import (with its preview and the bad-rows file) and export, each off
the UI thread, reporting through the tab (its signals and messages)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

from app.io.faults import describe
from app.services.errors import InputErrors
from app.services.tasks import Cancelled
from app.ui.file_places import ask_open, ask_save, proposed_name
from app.ui.forms import error_text
from app.ui.roster.import_errors_dialog import ImportErrorsDialog
from app.ui.roster.import_preview_dialog import ImportPreviewDialog
from app.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from app.io.xlsx_stream import Written
    from app.services.roster_import import ImportReport
    from app.ui.roster.roster_tab import RosterTab


class RosterFiles(QObject):
    def __init__(self, tab: RosterTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self._task: Any = None

    def import_file(
        self,
        path: Path,
        *,
        good_rows_only: bool = False,
        bad_rows_out: Path | None = None,
        unit_code: str | None = None,
        as_chosen: bool = False,
    ) -> None:
        """Import ``path`` into the unit selected on the left, or (``as_chosen``) into ``unit_code``
        as picked in the preview (None there: as the file's title says)."""
        from app.services import roster_import  # openpyxl and calamine load only when needed

        code = unit_code if as_chosen else self._selected_code()

        def work(progress, cancel):  # type: ignore[no-untyped-def]
            return roster_import.import_roster(
                self.tab._sessions,
                self.tab._service.actor,
                path,
                code,
                good_rows_only=good_rows_only,
                bad_rows_out=bad_rows_out,
                progress=progress,
                cancel=cancel,
            )

        self._task = BackgroundTask(self.tab, self.tr("正在导入名册…"), work, show_dialog=not self.tab.quiet)
        self._task.sig_done.connect(self._on_import_done)
        self._task.sig_error.connect(lambda exc: self._on_import_failed(exc, path))
        self._task.start()

    def _on_import_done(self, report: ImportReport) -> None:
        self.tab.reload_units()
        msg = self.tr("已导入 {n} 人到 {unit}。").format(n=report.imported, unit=report.unit_name)
        if report.notices:
            msg += "\n" + "\n".join(report.notices)
        if report.errors:
            bad_rows = len({e.row for e in report.errors})
            msg += "\n" + self.tr("另有 {n} 行有误未导入").format(n=bad_rows)
            if report.bad_rows_file:
                msg += self.tr("，已另存为 {path}").format(path=report.bad_rows_file)
        self.tab._tell(self.tr("导入完成"), msg)
        self.tab.sig_import_finished.emit(report)

    def _on_import_failed(self, exc: BaseException, path: Path) -> None:
        self.tab.sig_import_finished.emit(exc)
        if isinstance(exc, Cancelled):
            self.tab._tell(self.tr("导入"), self.tr("已取消，未导入任何数据"))
        elif isinstance(exc, InputErrors) and not self.tab.quiet:
            dialog = ImportErrorsDialog(
                self.tab, exc.errors, can_import_good_rows=any(e.row for e in exc.errors), notices=exc.notices
            )
            if dialog.exec() == ImportErrorsDialog.GOOD_ROWS_ONLY:
                out, _ = QFileDialog.getSaveFileName(
                    self.tab,
                    self.tr("错误行另存为"),
                    str(path.with_name(path.stem + "_错误行.xlsx")),
                    self.tr("Excel 文件 (*.xlsx)"),
                )
                if out:
                    self.import_file(path, good_rows_only=True, bad_rows_out=Path(out))
        else:
            self.tab._tell(self.tr("导入失败"), error_text(exc), error=True)

    def _selected_code(self) -> str | None:
        unit = next((u for u in self.tab._units if u.id == self.tab.current_unit_id()), None)
        return unit.code if unit else None

    def preview_dialog(self, path: Path) -> ImportPreviewDialog:
        """Who goes where before anything is written: the receiving unit (to pick), the first rows."""
        from app.services import roster_import

        def preview_for(code: str | None) -> roster_import.ImportPreview:
            return roster_import.preview_import(self.tab._sessions, path, code)

        units = [
            (u.code, self.tr("{unit}（{code}）").format(unit=u.name, code=u.code)) for u in self.tab._units
        ]
        return ImportPreviewDialog(path.name, preview_for, units, self._selected_code(), self.tab)

    def _on_import_clicked(self) -> None:
        path = ask_open(
            self.tab, self.tr("导入会员名册"), "roster",
            self.tr("名册文件 (*.xlsx *.xls *.ods *.csv *.txt);;所有文件 (*)"),
        )  # fmt: skip
        if path is None:
            return
        try:
            dialog = self.preview_dialog(path)
        except OSError as exc:
            self.tab._tell(self.tr("导入会员名册"), describe(exc), error=True)
            return
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.import_file(path, unit_code=dialog.chosen_code(), as_chosen=True)

    def export_file(self, path: Path, layout: str) -> None:
        """The chosen unit's roster, or every unit's (全部单位), streamed to ``path`` off the UI thread."""
        from app.services import roster_import

        uid = self.tab.current_unit_id()
        unit = next((u for u in self.tab._units if u.id == uid), None)
        code = unit.code if unit is not None else None

        def work(progress, cancel):  # type: ignore[no-untyped-def]
            return roster_import.export_members(
                self.tab._sessions, code, layout, path, progress=progress, cancel=cancel
            )

        self._task = BackgroundTask(self.tab, self.tr("正在导出名册…"), work, show_dialog=not self.tab.quiet)
        self._task.sig_done.connect(lambda done: self._on_export_done(done, path))
        self._task.sig_error.connect(
            lambda exc: (
                self.tab._tell(self.tr("导出失败"), error_text(exc), error=True),
                self.tab.sig_export_finished.emit(exc),
            )
        )
        self._task.start()

    def _on_export_done(self, done: Written, path: Path) -> None:
        text = self.tr("已导出 {n} 人到 {path}").format(n=done.rows, path=path)
        if done.sheets > 1:
            text += "\n" + self.tr(
                "人数超过 Excel 每个工作表 1,048,576 行的上限，已分为 {n} 个文件：{names}"
            ).format(n=done.sheets, names="、".join(p.name for p in done.files))
        self.tab._tell(self.tr("导出完成"), text)
        self.tab.sig_export_finished.emit(done.rows)

    def _on_export_clicked(self) -> None:
        layouts = {
            self.tr("人员手册格式（序号、姓名、性别、身份证、医保卡号）"): "personnel",
            self.tr("全部字段"): "full",
        }
        choice, ok = QInputDialog.getItem(
            self.tab, self.tr("导出名册"), self.tr("格式："), list(layouts), 0, False
        )
        if not ok:
            return
        unit = next((u for u in self.tab._units if u.id == self.tab.current_unit_id()), None)
        stem = self.tr("人员手册") if layouts[choice] == "personnel" else self.tr("会员名册")
        name = proposed_name(stem, unit.code if unit else self.tr("全部单位"), suffix=".xlsx")
        path = ask_save(self.tab, self.tr("导出会员名册"), "xlsx", name, self.tr("Excel 文件 (*.xlsx)"))
        if path:
            self.export_file(path, layouts[choice])
