"""The 参保缴费 tab's 打印与上报 box: the 团体申请表 and 人员手册 as PDF, and the 上报批次 for the
USB stick (off the UI thread, reporting through the tab's sig_export_finished).

Reads the tab through: current_ids(), chosen_period(), its unit list (for the unit's code),
_tell() and quiet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from app.services.batch_seal import CLEAR_WARNING
from app.services.enrollment_documents import EnrollmentDocuments
from app.services.errors import ServiceError
from app.ui.file_places import ask_folder, proposed_name
from app.ui.forms import error_text
from app.ui.printing import ask_pdf_path, open_if_wanted
from app.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from app.ui.enrollment.enrollment_tab import EnrollmentTab


class EnrollmentPapers(QObject):
    def __init__(self, tab: EnrollmentTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self._docs = EnrollmentDocuments(tab._sessions, tab._actor)
        self._task: Any = None
        self._clear_export = False  # the batch being written carries its Excel files unencrypted

    # -- printing --------------------------------------------------------------------------
    def print_to(self, kind: str, path: Path) -> str | None:
        unit_id, period_id = self.tab.current_ids()
        if unit_id is None or period_id is None:
            return self.tr("请先选择期数和单位")
        try:
            if kind == "application":
                self._docs.print_group_application(unit_id, period_id, path)
            else:
                self._docs.print_personnel_roster(unit_id, period_id, path)
        except (ServiceError, OSError, ValueError) as exc:
            return str(exc)
        return None

    def _on_print_clicked(self, kind: str) -> None:
        unit_id, period_id = self.tab.current_ids()
        if unit_id is None or period_id is None:
            return
        warnings = self._docs.printing_warnings(unit_id, period_id)
        if warnings and not self.tab.quiet:
            answer = QMessageBox.question(
                self.tab, self.tr("打印"), "\n".join(warnings[:10]) + "\n\n" + self.tr("仍要打印吗？")
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        stem = self.tr("团体申请表") if kind == "application" else self.tr("人员手册")
        period = self.tab.chosen_period()
        unit_code = self._unit_code(unit_id)
        number = self.tr("第{n}期").format(n=period.number) if period is not None else ""
        name = proposed_name(stem, unit_code, number, suffix=".pdf")
        path = ask_pdf_path(self.tab, self.tab._sessions, self.tr("保存为 PDF"), name)
        if path is None:
            return
        problem = self.print_to(kind, path)
        if problem:
            self.tab._tell(self.tr("打印"), problem, error=True)
            return
        if not open_if_wanted(self.tab._sessions, path, self.tab):  # the preview names the saved file itself
            done = self.tr("已保存为 PDF：{path}").format(path=path)
            self.tab._tell(self.tr("打印"), done + "\n" + self.tr("请用 PDF 阅读器打开并打印。"))

    def _unit_code(self, unit_id: int) -> str:
        text = self.tab.unit.itemText(self.tab.unit.findData(unit_id))
        return text.rsplit("（", 1)[-1].rstrip("）") if "（" in text else ""

    # -- the batch -------------------------------------------------------------------------
    def export_batch(self, out_dir: Path, password: str | None = None) -> None:
        unit_id, period_id = self.tab.current_ids()
        if unit_id is None or period_id is None:
            self.tab.sig_export_finished.emit(ServiceError(self.tr("请先选择期数和单位")))
            return

        def work(_progress, _cancel):  # type: ignore[no-untyped-def]
            return self._docs.export_batch(unit_id, period_id, out_dir, password or None)

        self._clear_export = not password

        self._task = BackgroundTask(
            self.tab, self.tr("正在生成上报批次…"), work, show_dialog=not self.tab.quiet
        )
        self._task.sig_done.connect(self._on_export_done)
        self._task.sig_error.connect(self._on_export_failed)
        self._task.start()

    def _on_export_done(self, folder: Path) -> None:
        done = self.tr("已生成上报批次：\n{folder}").format(folder=folder)
        if self._clear_export:  # said plainly: the stick carries personal data in clear
            done += "\n\n" + CLEAR_WARNING
        self.tab._tell(self.tr("导出上报批次"), done)
        self.tab.sig_export_finished.emit(folder)

    def _on_export_failed(self, exc: BaseException) -> None:
        self.tab._tell(self.tr("导出上报批次"), error_text(exc), error=True)
        self.tab.sig_export_finished.emit(exc)

    def _on_export_clicked(self) -> None:
        chosen = ask_folder(self.tab, self.tr("选择 U 盘或文件夹"), "batch")
        out = str(chosen) if chosen else ""
        if out:
            self.export_batch(Path(out), self.tab.password.text())
