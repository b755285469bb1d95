"""统计 tab: benefits paid and enrollments per plan and year, claims by status, payments due this
week, participation per unit; each chart can be saved as a picture and its figures as Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
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

from app.io.stats_xlsx import write_table
from app.models.db import SessionFactory
from app.rules.money import ZERO, fmt
from app.services.auth import Actor
from app.services.statistics import ChartData, DueRow, StatisticsService, due_table, readable, week_of
from app.ui.stats.bar_chart import BarChart

Index = QModelIndex | QPersistentModelIndex
OVERDUE = QColor("#fde0dc")
# key → the file name offered when saving; the order is the grid's reading order.
NAMES = {
    "benefits": "互助金额", "enrollments": "参保人次", "claims": "理赔状态",
    "payments": "本周应付", "participation": "单位参保率",
}  # fmt: skip
Table = tuple[str, tuple[str, ...], list[tuple[object, ...]]]  # sheet title, header, rows


class DueTableModel(QAbstractTableModel):
    """Payments due this week; late ones on a red background."""

    HEADERS = ("理赔编号", "会员", "单位", "批准金额", "应付日期", "状态")

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
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and r.overdue:
            return OVERDUE
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{r.plan_name}，应付日期 {r.due_on.isoformat()}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        status = f"逾期 {r.days_late} 天" if r.overdue else "本周到期"
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

        self.refresh_button = QPushButton("刷新(&R)")
        self.plan = QComboBox()
        self.plan.setToolTip("参保率按所选方案的最近一期统计")
        self.stamp = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.stamp, 1)
        bar.addWidget(QLabel("参保率方案："))
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
        save = QPushButton("保存图片…")
        export = QPushButton("导出数据…")
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
        today = today or dt.date.today()
        self._show_chart("benefits", self._service.paid_by_plan_and_year(), "元")
        self._show_chart("enrollments", self._service.enrolled_by_plan_and_year(), "人次")
        self._show_chart("claims", self._service.claims_by_status(), "")
        self._show_due(today)
        self._fill_plans()
        self._show_participation()
        self.stamp.setText(
            f"统计时间：{dt.datetime.now():%Y-%m-%d %H:%M}（数据来自本机数据库，已支付理赔按支付日期计年度）"
        )
        self.loaded = True
        self.sig_refreshed.emit()

    def _show_chart(self, key: str, data: ChartData, unit: str) -> None:
        shown = readable(data, unit) if unit else data
        self.charts[key].set_data(shown.title, shown.y_label, shown.categories, shown.series)
        header, rows = data.table(unit)
        self._tables[key] = (f"{data.title}({unit})" if unit else data.title, header, rows)

    def _show_due(self, today: dt.date) -> None:
        rows = self._service.payments_due(today)
        monday, sunday = week_of(today)
        late = sum(1 for r in rows if r.overdue)
        self.due_model.set_rows(rows)
        self.due_title.setText(f"本周应付理赔（{monday:%m-%d} 至 {sunday:%m-%d}）")
        total = sum((r.approved for r in rows), ZERO)
        self.due_summary.setText(
            (f"共 {len(rows)} 笔，合计 {fmt(total)} 元" if rows else "本周没有到期的理赔支付")
            + (f"；其中 {late} 笔已逾期（红色），请尽快支付" if late else "")
        )
        header, table_rows = due_table(rows)
        self._tables["payments"] = ("本周应付理赔", header, table_rows)

    def _fill_plans(self) -> None:
        keep = self.plan.currentData()
        self.plan.blockSignals(True)
        self.plan.clear()
        for code, name in self._service.plans_with_periods():
            self.plan.addItem(name, code)
        if keep is not None and self.plan.findData(keep) >= 0:
            self.plan.setCurrentIndex(self.plan.findData(keep))
        self.plan.blockSignals(False)

    def _show_participation(self) -> None:
        code = self.plan.currentData()
        period = self._service.latest_period(code) if code else None
        chart = self.charts["participation"]
        if period is None:
            chart.set_data("各单位参保率", "参保率(%)", [], [])
            self._tables["participation"] = ("各单位参保率", ("单位编码", "单位名称"), [])
            return
        result = self._service.participation(period)
        data = result.chart()
        chart.set_data(data.title, data.y_label, data.categories, data.series)
        header, rows = result.table()
        self._tables["participation"] = (f"各单位参保率 {result.period_label}", header, rows)

    def _on_refresh_clicked(self) -> None:
        self.refresh()

    def _on_plan_index_changed(self, _index: int) -> None:
        self._show_participation()

    # -- saving ------------------------------------------------------------------------------
    def table_of(self, key: str) -> Table:
        """The sheet title, header and rows 导出数据 writes for ``key`` (base units: 元, 人次)."""
        if not self.loaded:
            self.refresh()
        return self._tables[key]

    def save_chart_png(self, key: str, path: Path) -> str | None:
        """Save the chart (or the payments panel) as a PNG; returns a Chinese problem or None."""
        if not self.loaded:
            self.refresh()
        view = self.views[key]
        if not view.isVisible():
            view.resize(view.size().expandedTo(view.sizeHint()))  # never shown: give it a real size
        return None if view.grab().save(str(path), "PNG") else f"无法保存图片到 {path}"

    def export_chart_data(self, key: str, path: Path) -> str | None:
        """Write the chart's figures as .xlsx; returns a Chinese problem or None."""
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
        out, _ = QFileDialog.getSaveFileName(self, "保存图片", f"{NAMES[key]}.png", "PNG 图片 (*.png)")
        if out:
            problem = self.save_chart_png(key, Path(out))
            self._tell("保存图片", problem or f"已保存：{out}", error=bool(problem))

    def _on_export_clicked(self, key: str) -> None:
        out, _ = QFileDialog.getSaveFileName(self, "导出数据", f"{NAMES[key]}.xlsx", "Excel 文件 (*.xlsx)")
        if out:
            problem = self.export_chart_data(key, Path(out))
            self._tell("导出数据", problem or f"已导出：{out}", error=bool(problem))
