"""The main window: one tab per area of work, a menu, and who is logged in."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget

from app import __version__
from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.users import OfficeInfo, UserService
from app.ui.audit_tab import AuditTab
from app.ui.batch_dialog import export_results_interactive, import_results_interactive, open_batch_import
from app.ui.claims.claims_tab import ClaimsTab
from app.ui.enrollment.enrollment_tab import EnrollmentTab
from app.ui.idle_lock import IdleLock
from app.ui.plans.plans_tab import PlansTab
from app.ui.roster.roster_tab import RosterTab
from app.ui.stats.stats_tab import StatsTab

IDLE_MINUTES = 10  # the desk locks after this long without a key or mouse event


class MainWindow(QMainWindow):
    def __init__(
        self,
        sessions: SessionFactory,
        actor: Actor,
        office: OfficeInfo | None,
        db_label: str,
        db_url: str = "",
    ) -> None:
        super().__init__()
        self._sessions = sessions
        self._db_url = db_url
        self.actor = actor
        office_name = office.name if office else ""
        self.setWindowTitle(f"职工互助保障经办台 — {office_name}")
        self.resize(1280, 800)
        self.tabs = QTabWidget()
        self.roster_tab = RosterTab(sessions, actor)
        self.tabs.addTab(self.roster_tab, "会员名册")
        self.enrollment_tab = EnrollmentTab(sessions, actor)
        self.tabs.addTab(self.enrollment_tab, "参保缴费")
        self.claims_tab = ClaimsTab(sessions, actor)
        self.tabs.addTab(self.claims_tab, "理赔")
        self.plans_tab = PlansTab(sessions, actor)
        self.tabs.addTab(self.plans_tab, "保障计划")
        self.stats_tab = StatsTab(sessions, actor)
        self.tabs.addTab(self.stats_tab, "统计")
        if actor.role in ("admin", "auditor"):  # the log names every clerk's work: not for clerks
            self.audit_tab = AuditTab(sessions, actor)
            self.tabs.addTab(self.audit_tab, "审计日志")
        self.setCentralWidget(self.tabs)

        file_menu = self.menuBar().addMenu("文件(&F)")
        for label, handler in (
            ("导入上报批次(&B)…", open_batch_import),
            ("导出处理结果…", export_results_interactive),
            ("导入处理结果…", import_results_interactive),
        ):
            action = QAction(label, self)
            action.triggered.connect(lambda _c=False, h=handler: h(self, sessions, actor))
            file_menu.addAction(action)
        file_menu.addSeparator()
        if db_url:  # scripts/screenshots.py builds the window without one
            backup_action = QAction("备份与恢复(&K)…", self)
            backup_action.triggered.connect(self._on_backup_triggered)
            file_menu.addAction(backup_action)
            file_menu.addSeparator()
        quit_action = QAction("退出(&Q)", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        guide = QAction("用户指南(&G)", self)
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        guide.triggered.connect(self._on_guide_triggered)
        help_menu.addAction(guide)
        about = QAction("关于(&A)", self)
        about.triggered.connect(self._on_about_triggered)
        help_menu.addAction(about)

        self.idle_lock = IdleLock(self, UserService(sessions), actor, IDLE_MINUTES)
        self.statusBar().addPermanentWidget(QLabel(f"{actor.username}（{actor.role_label}）"))
        self.statusBar().addPermanentWidget(QLabel(db_label))

    def _on_backup_triggered(self) -> None:
        from app.ui.backup_dialog import BackupDialog  # loads only when used

        dialog = BackupDialog(self._sessions, self.actor, self._db_url, self)
        restored: list[bool] = []
        dialog.sig_restored.connect(lambda: restored.append(True))
        dialog.exec()
        if restored:  # every tab shows the old data; the dialog told the clerk to restart
            self.close()

    def _on_guide_triggered(self) -> None:
        from app.ui.help_dialog import HelpDialog

        HelpDialog(self).exec()

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            "关于",
            f"职工互助保障经办台 {__version__}\n为基层工会、代办处和办事处的职工互助保障经办工作而作。",
        )
