"""保障计划 tab: each plan's description, benefits and figures, 待确认 ones marked.

An administrator changes a figure here; the service stores a new dated version of the plan.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.io.faults import describe
from app.io.plan_file import NotAPlanFile, read_plan_file
from app.models.db import SessionFactory
from app.rules.plans import Plan
from app.services.auth import Actor
from app.services.errors import ServiceError
from app.services.plan_labels import KIND_LABELS, SECTION_LABELS, label_of
from app.services.plans import PlanService, figure_rows, format_value
from app.ui.file_places import ask_open
from app.ui.plans.plan_terms import plan_term

PENDING = QT_TRANSLATE_NOOP("PlansTab", "待确认")
PathRole = Qt.ItemDataRole.UserRole + 1


class PlansTab(QWidget):
    sig_plan_changed = Signal(str)
    """A figure of the plan with this code was changed (a new version now applies)."""

    def __init__(self, sessions: SessionFactory, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = PlanService(sessions, actor)
        self._plans: list[Plan] = []
        self.quiet = False
        self.plans = QListWidget()
        self.plans.setMinimumWidth(260)
        self.description = QTextBrowser()
        self.description.setMaximumHeight(190)
        self.figures = QTableWidget(0, 4)
        self.figures.setHorizontalHeaderLabels(
            [self.tr("项目"), self.tr("名称"), self.tr("数值"), self.tr("状态")]
        )
        self.figures.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.figures.setColumnWidth(0, 150)
        self.figures.setColumnWidth(1, 240)
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.figures.verticalHeader().hide()
        self.change_button = QPushButton(self.tr("修改数值(&C)…"))
        self.add_button = QPushButton(self.tr("导入方案文件…"))
        self.add_button.setEnabled(actor.can("plans.manage"))
        self.add_button.setToolTip(self.tr("办事处的新方案或新版本（TOML 文件，格式同程序自带的方案）"))
        self.only_pending = QPushButton(self.tr("只看待确认"))
        self.only_pending.setCheckable(True)
        self.history = QLabel()
        self.history.setWordWrap(True)
        can_manage = actor.can("plans.manage")
        self.change_button.setEnabled(can_manage)
        self.change_button.setToolTip(
            self.tr("新值须与原值同类：数字、整数、日期 YYYY-MM-DD、是/否，或以顿号分隔的列表")
            if can_manage
            else self.tr("只有管理员可以修改方案数值")
        )
        self.only_pending.setToolTip(self.tr("只列出方案文件中标为待确认（confirmed = false）的数值"))

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.description)
        buttons = QHBoxLayout()
        buttons.addWidget(self.only_pending)
        buttons.addStretch()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.change_button)
        rl.addLayout(buttons)
        rl.addWidget(self.figures)
        rl.addWidget(self.history)
        splitter = QSplitter()
        splitter.addWidget(self.plans)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        QVBoxLayout(self).addWidget(splitter)

        self.plans.currentRowChanged.connect(self._on_plans_row_changed)
        self.change_button.clicked.connect(self._on_change_clicked)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.figures.doubleClicked.connect(self._on_change_clicked)
        self.only_pending.toggled.connect(lambda _on: self._show_plan())
        self.reload()

    def add_plan_file(self, path: Path) -> str | None:
        """Import an office's plan file; the problem in a sentence, or None (the plan is shown)."""
        try:
            plan = self._service.add_plan(read_plan_file(path), path.name)
        except (NotAPlanFile, ServiceError) as exc:
            return str(exc)
        except OSError as exc:
            return describe(exc)
        self.reload(select_code=plan.code)
        return None

    def _on_add_clicked(self) -> None:
        path = ask_open(self, self.tr("导入方案文件"), "plans", self.tr("方案文件 (*.toml)"))
        if path is None:
            return
        problem = self.add_plan_file(path)
        if problem:
            QMessageBox.warning(self, self.tr("导入方案文件"), problem)
        else:
            QMessageBox.information(self, self.tr("导入方案文件"), self.tr("已导入：{name}").format(
                name=self.current_plan().name if self.current_plan() else path.name))  # fmt: skip

    def reload(self, select_code: str | None = None) -> None:
        keep = select_code or (self.current_plan().code if self.current_plan() else None)
        self._plans = self._service.catalogue().plans()
        self.plans.blockSignals(True)
        self.plans.clear()
        row = 0
        for i, plan in enumerate(self._plans):
            pending = len(plan.unconfirmed_figures())
            item = QListWidgetItem(
                self.tr("{name}\n{version} 版").format(name=plan.name, version=plan.version.isoformat())
                + (self.tr("　{n} 项待确认").format(n=pending) if pending else "")
            )
            self.plans.addItem(item)
            if plan.code == keep:
                row = i
        self.plans.blockSignals(False)
        self.plans.setCurrentRow(row)
        self._show_plan()

    def current_plan(self) -> Plan | None:
        row = self.plans.currentRow()
        return self._plans[row] if 0 <= row < len(self._plans) else None

    def _on_plans_row_changed(self, _row: int) -> None:
        self._show_plan()

    def _group_of(self, plan: Plan, path: str) -> str:
        head, _, rest = path.partition(".")
        if head == "benefits":
            code = rest.split(".", 1)[0]
            return plan.benefits[code].name if code in plan.benefits else code
        return plan_term(SECTION_LABELS[head]) if head in SECTION_LABELS else self.tr("总体")

    def _show_plan(self) -> None:
        plan = self.current_plan()
        if plan is None:
            return
        benefits = "".join(
            f"<li>{b.name}：{plan_term(KIND_LABELS.get(b.kind, '其他计算方式'))}</li>"
            for b in plan.benefits.values()
        )
        about = self.tr("{version} 版。来源：{source}").format(
            version=plan.version.isoformat(), source=plan.source
        )
        benefits_title = self.tr("保障项目：")
        self.description.setHtml(
            f"<h3>{plan.name}</h3><p>{about}</p>"
            f"<p>{plan.description.strip().replace(chr(10), '<br>')}</p>"
            f"<p>{benefits_title}</p><ul>{benefits}</ul>"
        )
        rows = [r for r in figure_rows(dict(plan.raw)) if not (self.only_pending.isChecked() and r.confirmed)]
        self.figures.setRowCount(len(rows))
        pending_brush = QBrush(QColor("#b35c00"))
        for i, r in enumerate(rows):
            cells = [
                self._group_of(plan, r.path),
                plan_term(label_of(r.path, r.label)),
                format_value(r.value),
                "" if r.confirmed else self.tr(PENDING),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PathRole, r.path)
                item.setToolTip(cells[1])
                if not r.confirmed:
                    item.setForeground(pending_brush)
                self.figures.setItem(i, col, item)
        versions = self._service.office_versions(plan.code)
        changed = self.tr("修改数值")
        self.history.setText(
            self.tr("本办事处修改记录：")
            + "；".join(f"{created:%Y-%m-%d %H:%M} {note or changed}" for _i, _v, note, created in versions)
            if versions
            else self.tr("本方案使用随程序提供的版本，未做修改。")
        )

    def change_figure(self, path: str, text: str, note: str = "") -> str | None:
        plan = self.current_plan()
        if plan is None:
            return self.tr("请先选择方案")
        try:
            self._service.set_figure(plan.code, path, text, note)
        except ServiceError as exc:
            return str(exc)
        self.reload(plan.code)
        self.sig_plan_changed.emit(plan.code)
        return None

    def _on_change_clicked(self, *_args: object) -> None:
        row = self.figures.currentRow()
        if row < 0 or not self.change_button.isEnabled():
            return
        item = self.figures.item(row, 2)
        path = item.data(PathRole)
        name = self.figures.item(row, 1).text()
        text, ok = QInputDialog.getText(
            self,
            self.tr("修改数值"),
            self.tr("{name}（与原值同类：数字、日期 YYYY-MM-DD、是/否，或以顿号分隔的列表）：").format(
                name=name
            ),
            text=item.text(),
        )
        if not ok:
            return
        note, ok = QInputDialog.getText(self, self.tr("修改数值"), self.tr("修改依据（如文件号）："))
        if not ok:
            return
        problem = self.change_figure(path, text, note)
        if problem and not self.quiet:
            QMessageBox.warning(self, self.tr("修改数值"), problem)
