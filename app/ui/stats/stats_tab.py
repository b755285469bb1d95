"""统计 tab: benefits paid and enrollments per plan and year, claims by status, payments due this
week, participation per unit; each chart can be saved as a picture and its figures as Excel."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models.db import SessionFactory
from app.rules.money import ZERO, fmt
from app.services.auth import Actor
from app.services.statistics import (
    PARTICIPATION_CHART_UNITS,
    ChartData,
    DueRow,
    Participation,
    StatisticsService,
    StatsSnapshot,
    due_table,
    readable,
    week_of,
)
from app.ui.claims.claim_model import status_label
from app.ui.file_places import ask_save, proposed_name
from app.ui.stats.bar_chart import BarChart
from app.ui.tasks import BackgroundTask

log = logging.getLogger(__name__)
Index = QModelIndex | QPersistentModelIndex
OVERDUE = QColor("#fde0dc")
# key → the file name offered when saving; the order is the grid's reading order.
NAMES = {
    "benefits": QT_TRANSLATE_NOOP("StatsTab", "互助金额"),
    "enrollments": QT_TRANSLATE_NOOP("StatsTab", "参保人次"),
    "claims": QT_TRANSLATE_NOOP("StatsTab", "理赔状态"),
    "payments": QT_TRANSLATE_NOOP("StatsTab", "本周应付"),
    "participation": QT_TRANSLATE_NOOP("StatsTab", "单位参加比例"),
}
# The charts' Chinese titles, axis labels and series names from app.services.statistics, for lupdate:
# shown translated on screen, while the exported sheets keep the Chinese (they are reported upward).
CHART_TEXTS = (
    QT_TRANSLATE_NOOP("StatsCharts", "各方案互助金额"),
    QT_TRANSLATE_NOOP("StatsCharts", "各方案参保人次"),
    QT_TRANSLATE_NOOP("StatsCharts", "理赔按状态"),
    QT_TRANSLATE_NOOP("StatsCharts", "互助金额(元)"),
    QT_TRANSLATE_NOOP("StatsCharts", "互助金额(万元)"),
    QT_TRANSLATE_NOOP("StatsCharts", "参保人次(人次)"),
    QT_TRANSLATE_NOOP("StatsCharts", "参保人次(万人次)"),
    QT_TRANSLATE_NOOP("StatsCharts", "理赔(笔)"),
    QT_TRANSLATE_NOOP("StatsCharts", "理赔笔数"),
    QT_TRANSLATE_NOOP("StatsCharts", "占会员总数比例(%)"),
    QT_TRANSLATE_NOOP("StatsCharts", "占会员总数比例"),
    QT_TRANSLATE_NOOP("StatsCharts", "各单位参加人数占会员总数比例"),
)


def chart_text(text: str) -> str:
    return QCoreApplication.translate("StatsCharts", text)


Table = tuple[str, tuple[str, ...], list[tuple[object, ...]]]  # sheet title, header, rows


class DueTableModel(QAbstractTableModel):
    """Payments due this week; late ones on a red background."""

    HEADERS = (
        QT_TRANSLATE_NOOP("DueTableModel", "理赔编号"),
        QT_TRANSLATE_NOOP("DueTableModel", "会员"),
        QT_TRANSLATE_NOOP("DueTableModel", "单位"),
        QT_TRANSLATE_NOOP("DueTableModel", "批准金额"),
        QT_TRANSLATE_NOOP("DueTableModel", "应付日期"),
        QT_TRANSLATE_NOOP("DueTableModel", "状态"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[DueRow] = []

    def set_rows(self, rows: list[DueRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> DueRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and r.overdue:
            return OVERDUE
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{plan}，应付日期 {date}").format(plan=r.plan_name, date=r.due_on.isoformat())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        status = self.tr("逾期 {days} 天").format(days=r.days_late) if r.overdue else self.tr("本周到期")
        values = (r.claim_no, r.member_name, r.unit_name, fmt(r.approved), r.due_on.isoformat(), status)
        return values[index.column()]


class StatsTab(QWidget):
    sig_refreshed = Signal()
    """Every figure was read again and every chart and table redrawn."""

    def __init__(self, sessions: SessionFactory, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = StatisticsService(sessions, actor)
        self.quiet = False  # tests set this to skip modal message boxes
        self.loaded = False
        self._tables: dict[str, Table] = {}
        self._task: BackgroundTask | None = None
        self._again: dt.date | None = None  # a refresh asked for while one was running
        self._shown_day: dt.date | None = None  # the day of the figures on screen

        self.refresh_button = QPushButton(self.tr("刷新(&R)"))
        self.plan = QComboBox()
        self.plan.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # the whole plan name
        self.plan.setToolTip(self.tr("参加比例按所选方案的最近一期统计（参加人数 ÷ 会员总数）"))
        self.stamp = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.stamp, 1)
        bar.addWidget(QLabel(self.tr("参加比例方案：")))
        bar.addWidget(self.plan)

        self.charts = {key: BarChart() for key in ("benefits", "enrollments", "claims", "participation")}
        self.due_model = DueTableModel(self)
        self.due_table = QTableView()
        self.due_table.setModel(self.due_model)
        self.due_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.due_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.due_table.verticalHeader().hide()
        self.due_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.due_table.horizontalHeader().setStretchLastSection(True)
        self.due_title = QLabel()
        self.due_title.setStyleSheet("font-weight: bold; font-size: 11.5pt")
        self.due_summary = QLabel()
        due = QWidget()
        due.setStyleSheet("background: white")
        dl = QVBoxLayout(due)
        dl.setContentsMargins(8, 6, 8, 6)
        dl.addWidget(self.due_title, 0, Qt.AlignmentFlag.AlignHCenter)
        dl.addWidget(self.due_table, 1)
        dl.addWidget(self.due_summary)
        # What save_chart_png grabs: the chart itself, or the whole payments panel.
        self.views: dict[str, QWidget] = {**self.charts, "payments": due}

        grid = QGridLayout()
        grid.setSpacing(8)
        grid.addWidget(self._panel("benefits"), 0, 0, 1, 2)
        grid.addWidget(self._panel("enrollments"), 0, 2, 1, 2)
        grid.addWidget(self._panel("claims"), 0, 4, 1, 2)
        grid.addWidget(self._panel("payments"), 1, 0, 1, 3)
        grid.addWidget(self._panel("participation"), 1, 3, 1, 3)
        for col in range(6):
            grid.setColumnStretch(col, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(grid, 1)

        self.refresh_button.clicked.connect(self._on_refresh_clicked)
        self.plan.currentIndexChanged.connect(self._on_plan_index_changed)

    def _panel(self, key: str) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        save = QPushButton(self.tr("保存图片…"))
        export = QPushButton(self.tr("导出数据…"))
        save.clicked.connect(lambda _c=False, k=key: self._on_save_png_clicked(k))
        export.clicked.connect(lambda _c=False, k=key: self._on_export_clicked(k))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(save)
        buttons.addWidget(export)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(2, 2, 2, 4)
        layout.setSpacing(2)
        layout.addWidget(self.views[key], 1)
        layout.addLayout(buttons)
        return frame

    # -- loading -----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        # Read the figures when the clerk looks, not at start-up: other tabs change them meanwhile.
        super().showEvent(event)
        self.refresh()

    def refresh(self, today: dt.date | None = None) -> None:
        """Read every figure again off the UI thread; ``sig_refreshed`` once they are drawn.

        A refresh asked for while one runs is done after it (the figures may have changed meanwhile).
        """
        today = today or dt.date.today()
        if self._task is not None:
            self._again = today
            return
        plan_code = self.plan.currentData()

        def work(_progress: Any, _cancelled: Any) -> StatsSnapshot:
            return self._service.snapshot(today, plan_code)

        self._task = BackgroundTask(self, self.tr("正在统计…"), work, show_dialog=False)
        self._task.sig_done.connect(self._on_snapshot_done)
        self._task.sig_error.connect(self._on_snapshot_failed)
        self.refresh_button.setEnabled(False)
        self.stamp.setText(self.tr("正在统计…"))
        self._task.start()

    def refresh_now(self, today: dt.date | None = None) -> None:
        """The same figures read on this thread: for saving before the tab was ever shown."""
        self._apply(self._service.snapshot(today or dt.date.today(), self.plan.currentData()))

    def _task_ended(self) -> None:
        if self._task is not None:
            self._task.deleteLater()
        self._task = None
        self.refresh_button.setEnabled(True)
        if self._again is not None:
            today, self._again = self._again, None
            self.refresh(today)

    def _on_snapshot_done(self, snapshot: StatsSnapshot) -> None:
        self._task_ended()
        if self._task is None:  # no newer refresh started: draw this one
            self._apply(snapshot)

    def _on_snapshot_failed(self, exc: object) -> None:
        log.error("统计失败", exc_info=exc if isinstance(exc, BaseException) else None)
        self._task_ended()
        problem = self.tr("统计失败：无法读取数据库，请稍后点“刷新”重试")
        self.stamp.setText(problem)
        self._tell(self.tr("统计失败"), problem, error=True)

    def _apply(self, snapshot: StatsSnapshot) -> None:
        self._show_chart("benefits", snapshot.benefits, "元")
        self._show_chart("enrollments", snapshot.enrollments, "人次")
        self._show_chart("claims", snapshot.claims, "")
        self._shown_day = snapshot.today
        self._show_due(snapshot.today, snapshot.due)
        self._fill_plans(snapshot.plans, snapshot.plan_code)
        self._show_participation(snapshot.participation)
        self.stamp.setText(
            self.tr("统计时间：{time}（数据来自本机数据库，已支付理赔按支付日期计年度）").format(
                time=f"{dt.datetime.now():%Y-%m-%d %H:%M}"
            )
        )
        self.loaded = True
        self.sig_refreshed.emit()

    def _show_chart(self, key: str, data: ChartData, unit: str) -> None:
        shown = readable(data, unit) if unit else data
        categories = [status_label(c) for c in shown.categories] if key == "claims" else shown.categories
        series = [(chart_text(name), values) for name, values in shown.series]
        self.charts[key].set_data(chart_text(shown.title), chart_text(shown.y_label), categories, series)
        header, rows = data.table(unit)
        self._tables[key] = (f"{data.title}({unit})" if unit else data.title, header, rows)

    def _show_due(self, today: dt.date, rows: list[DueRow]) -> None:
        monday, sunday = week_of(today)
        late = sum(1 for r in rows if r.overdue)
        self.due_model.set_rows(rows)
        self.due_title.setText(
            self.tr("本周应付理赔（{monday} 至 {sunday}）").format(
                monday=f"{monday:%m-%d}", sunday=f"{sunday:%m-%d}"
            )
        )
        total = sum((r.approved for r in rows), ZERO)
        self.due_summary.setText(
            (
                self.tr("共 {n} 笔，合计 {total} 元").format(n=len(rows), total=fmt(total))
                if rows
                else self.tr("本周没有到期的理赔支付")
            )
            + (self.tr("；其中 {n} 笔已逾期（红色），请尽快支付").format(n=late) if late else "")
        )
        header, table_rows = due_table(rows)
        self._tables["payments"] = ("本周应付理赔", header, table_rows)

    def _fill_plans(self, plans: list[tuple[str, str]], chosen: str | None) -> None:
        self.plan.blockSignals(True)
        self.plan.clear()
        for code, name in plans:
            self.plan.addItem(name, code)
        if chosen is not None and self.plan.findData(chosen) >= 0:
            self.plan.setCurrentIndex(self.plan.findData(chosen))
        self.plan.blockSignals(False)

    def _show_participation(self, result: Participation | None) -> None:
        chart = self.charts["participation"]
        if result is None:
            title, y_label = chart_text("各单位参加人数占会员总数比例"), chart_text("占会员总数比例(%)")
            chart.set_data(title, y_label, [], [])
            self._tables["participation"] = ("各单位参加人数占会员总数比例", ("单位编码", "单位名称"), [])
            return
        data = result.chart()
        chart.set_data(
            self._participation_title(result.period_label, len(result.units)),
            chart_text(data.y_label),
            data.categories,
            [(chart_text(name), values) for name, values in data.series],
        )
        header, rows = result.table()
        self._tables["participation"] = (f"各单位参加人数占会员总数比例 {result.period_label}", header, rows)

    def _participation_title(self, period_label: str, units: int) -> str:
        """The service's title rebuilt in the window's language: "各单位参加人数占会员总数比例 <plan>
        第 n 期"."""
        plan, number = period_label, ""
        found = re.fullmatch(r"(.*) 第 (\d+) 期", period_label)
        if found:
            plan, number = found.group(1), found.group(2)
        title = (
            self.tr("各单位参加人数占会员总数比例 {plan} 第 {number} 期").format(plan=plan, number=number)
            if number
            else self.tr("各单位参加人数占会员总数比例 {plan}").format(plan=plan)
        )
        if units > PARTICIPATION_CHART_UNITS:
            title += self.tr("（比例最低的 {n} 个单位）").format(n=PARTICIPATION_CHART_UNITS)
        return title

    def _on_refresh_clicked(self) -> None:
        self.refresh()

    def _on_plan_index_changed(self, _index: int) -> None:
        # Participation of the chosen plan, with the other figures of the same day, off the UI thread.
        self.refresh(self._shown_day)

    # -- saving ------------------------------------------------------------------------------
    def table_of(self, key: str) -> Table:
        """The sheet title, header and rows 导出数据 writes for ``key`` (base units: 元, 人次)."""
        if not self.loaded:
            self.refresh_now()
        return self._tables[key]

    def save_chart_png(self, key: str, path: Path) -> str | None:
        """Save the chart (or the payments panel) as a PNG; returns a Chinese problem or None."""
        if not self.loaded:
            self.refresh_now()
        view = self.views[key]
        if not view.isVisible():
            view.resize(view.size().expandedTo(view.sizeHint()))  # never shown: give it a real size
        return (
            None if view.grab().save(str(path), "PNG") else self.tr("无法保存图片到 {path}").format(path=path)
        )

    def export_chart_data(self, key: str, path: Path) -> str | None:
        """Write the chart's figures as .xlsx; returns a Chinese problem or None."""
        from app.io.stats_xlsx import write_table  # openpyxl loads when a sheet is written

        title, header, rows = self.table_of(key)
        try:
            write_table(path, title, header, rows)
        except OSError as exc:
            return str(exc)
        return None

    def _tell(self, title: str, text: str, error: bool = False) -> None:
        if not self.quiet:
            (QMessageBox.warning if error else QMessageBox.information)(self, title, text)

    def _on_save_png_clicked(self, key: str) -> None:
        name = self.tr(NAMES[key])
        out = ask_save(self, self.tr("保存图片"), "png", proposed_name(name, suffix=".png"),
                       self.tr("PNG 图片 (*.png)"))  # fmt: skip
        if out:
            problem = self.save_chart_png(key, Path(out))
            done = self.tr("已保存：{path}").format(path=out)
            self._tell(self.tr("保存图片"), problem or done, error=bool(problem))

    def _on_export_clicked(self, key: str) -> None:
        name = self.tr(NAMES[key])
        out = ask_save(self, self.tr("导出数据"), "xlsx", proposed_name(name, suffix=".xlsx"),
                       self.tr("Excel 文件 (*.xlsx)"))  # fmt: skip
        if out:
            problem = self.export_chart_data(key, Path(out))
            done = self.tr("已导出：{path}").format(path=out)
            self._tell(self.tr("导出数据"), problem or done, error=bool(problem))
