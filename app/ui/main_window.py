"""The main window: one tab per area of work, a menu, and who is logged in."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QToolButton

from app import __version__
from app.models.db import SessionFactory
from app.services import changes
from app.services.auth import Actor
from app.services.settings import Settings
from app.services.users import OfficeInfo, UserService
from app.ui.change_hub import ChangeHub
from app.ui.lazy_tabs import LazyTabs
from app.ui.roster.roster_tab import RosterTab
from app.ui.undo import UndoStack
from app.ui.users.idle_lock import IdleLock

if TYPE_CHECKING:
    from app.ui.audit_tab import AuditTab
    from app.ui.claims.claims_tab import ClaimsTab
    from app.ui.enrollment.enrollment_tab import EnrollmentTab
    from app.ui.plans.plans_tab import PlansTab
    from app.ui.stats.stats_tab import StatsTab

IDLE_MINUTES = 10  # the desk locks after this long without a key or mouse event


class MainWindow(QMainWindow):
    sig_logout = Signal()
    """注销 / 切换用户: the window closes and the login shows again (the program keeps running)."""

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
        self.setWindowTitle(self.tr("职工互助保障经办台 — {office}").format(office=office_name))
        self.resize(1280, 800)
        self.tabs = QTabWidget()
        self.roster_tab = RosterTab(sessions, actor)
        self.tabs.addTab(self.roster_tab, self.tr("会员名册(&1)"))
        # The other tabs (their modules, widgets and first queries) are built when first shown or
        # asked for, so the window is up as soon as the roster's first page is read.
        self._lazy = LazyTabs(self.tabs, self._built)
        later = [
            ("enrollment_tab", "app.ui.enrollment.enrollment_tab", "EnrollmentTab", self.tr("参保缴费(&2)")),
            ("claims_tab", "app.ui.claims.claims_tab", "ClaimsTab", self.tr("理赔(&3)")),
            ("plans_tab", "app.ui.plans.plans_tab", "PlansTab", self.tr("保障计划(&4)")),
            ("stats_tab", "app.ui.stats.stats_tab", "StatsTab", self.tr("统计(&5)")),
        ]
        if actor.role in ("admin", "auditor"):  # the log names every clerk's work: not for clerks
            later.append(("audit_tab", "app.ui.audit_tab", "AuditTab", self.tr("审计日志(&6)")))
        for name, module, cls, label in later:
            self._lazy.add(name, module, cls, label, lambda factory: factory(sessions, actor))
        self._pending_select: tuple[str, int | None] | None = None
        # The guide's section for each tab, in the tabs' order: F1 and the tab's "?" open it there.
        sections = ["会员名册", "参保缴费", "理赔", "保障计划", "统计", "审计日志"]
        self.help_sections = sections[: self.tabs.count()]
        help_button = QToolButton()
        help_button.setText("?")
        help_button.setToolTip(self.tr("本页的使用说明（F1）"))
        help_button.clicked.connect(self._on_guide_triggered)
        self.tabs.setCornerWidget(help_button, Qt.Corner.TopRightCorner)
        self.setCentralWidget(self.tabs)
        self.hub = ChangeHub(sessions, self)
        self._follow_changes()
        self.undo_stack = UndoStack(self)
        self.roster_tab.sig_undoable.connect(self._on_undoable)

        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        # The dialogs (and the file formats behind them) load when chosen, not when the window starts.
        for label, module, handler in (
            (self.tr("导入上报批次(&B)…"), "app.ui.batch_dialog", "open_batch_import"),
            (self.tr("导出处理结果…"), "app.ui.batch_dialog", "export_results_interactive"),
            (self.tr("导入处理结果…"), "app.ui.batch_dialog", "import_results_interactive"),
            (self.tr("密钥管理(&Y)…"), "app.ui.exchange.keys_dialog", "open_keys_dialog"),
            (self.tr("核对纸质表(&V)…"), "app.ui.exchange.paper_dialog", "open_paper_dialog"),
        ):
            action = QAction(label, self)
            action.triggered.connect(
                lambda _c=False, m=module, h=handler: getattr(importlib.import_module(m), h)(
                    self, sessions, actor
                )
            )
            file_menu.addAction(action)
        file_menu.addSeparator()
        if db_url:  # scripts/screenshots.py builds the window without one
            backup_action = QAction(self.tr("备份与恢复(&K)…"), self)
            backup_action.triggered.connect(self._on_backup_triggered)
            file_menu.addAction(backup_action)
            file_menu.addSeparator()
        if actor.can("users.manage"):
            users_action = QAction(self.tr("用户管理(&U)…"), self)
            users_action.triggered.connect(self._on_users_triggered)
            file_menu.addAction(users_action)
        password_action = QAction(self.tr("修改密码(&P)…"), self)
        password_action.triggered.connect(self._on_password_triggered)
        file_menu.addAction(password_action)
        logout_action = QAction(self.tr("注销 / 切换用户(&L)"), self)
        logout_action.setShortcut(QKeySequence("Ctrl+L"))
        logout_action.triggered.connect(self.log_out)
        file_menu.addAction(logout_action)
        file_menu.addSeparator()
        settings_action = QAction(self.tr("设置(&S)…"), self)
        settings_action.setShortcut(QKeySequence("Ctrl+,"))
        settings_action.triggered.connect(self._on_settings_triggered)
        file_menu.addAction(settings_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("退出(&Q)"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("编辑(&E)"))
        self.undo_action = QAction(self.tr("撤销(&U)"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)  # a focused text field keeps its own
        self.undo_action.triggered.connect(self.undo_last)
        edit_menu.addAction(self.undo_action)
        self.addAction(self.undo_action)  # its shortcut works wherever the focus is in the window
        self.undo_stack.sig_changed.connect(self._show_undo)
        self._show_undo()
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        guide = QAction(self.tr("用户指南(&G)"), self)
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        guide.triggered.connect(self._on_guide_triggered)
        help_menu.addAction(guide)
        about = QAction(self.tr("关于(&A)"), self)
        about.triggered.connect(self._on_about_triggered)
        help_menu.addAction(about)

        self.idle_lock = IdleLock(self, UserService(sessions), actor, IDLE_MINUTES)
        self.idle_lock.sig_switch_user.connect(self.log_out)
        self.logged_out = False
        self.recent_changes: list[str] = []
        self.recent = QLabel()
        self.statusBar().addPermanentWidget(self.recent)
        self.statusBar().addPermanentWidget(
            QLabel(self.tr("{user}（{role}）").format(user=actor.username, role=self._role_label(actor)))
        )
        self.statusBar().addPermanentWidget(QLabel(db_label))

    def _follow_changes(self) -> None:
        """Each tab shows a write made anywhere in this program at once (no 刷新 needed); a tab not
        built yet reads everything when it is."""
        self.hub.follow(self.roster_tab, {changes.ROSTER}, self.roster_tab.show_changes)

    def _built(self, name: str, tab: Any) -> None:
        """A lazily built tab is in place: it follows the changes that concern it from now on."""
        follow = self.hub.follow
        if name == "enrollment_tab":
            follow(tab, {changes.ROSTER, changes.ENROLLMENT, changes.PLANS}, tab.show_changes)
            tab.sig_undoable.connect(self._on_undoable)
            if self._pending_select is not None:
                tab.select(*self._pending_select)
        elif name == "claims_tab":
            follow(tab, {changes.CLAIMS, changes.ROSTER, changes.PLANS, changes.SETTINGS}, tab.reload)
        elif name == "plans_tab":
            follow(tab, {changes.PLANS}, tab.reload)
        elif name == "stats_tab":
            follow(tab, {changes.ROSTER, changes.ENROLLMENT, changes.CLAIMS, changes.PLANS},
                   tab.refresh, on_show=False)  # fmt: skip
        elif name == "audit_tab":
            follow(tab, changes.AREAS, tab.reload)  # every write is an entry

    # The lazy tabs, built on first use (a test or script asking for one builds it too).
    @property
    def enrollment_tab(self) -> EnrollmentTab:
        return cast("EnrollmentTab", self._lazy.get("enrollment_tab"))

    @property
    def claims_tab(self) -> ClaimsTab:
        return cast("ClaimsTab", self._lazy.get("claims_tab"))

    @property
    def plans_tab(self) -> PlansTab:
        return cast("PlansTab", self._lazy.get("plans_tab"))

    @property
    def stats_tab(self) -> StatsTab:
        return cast("StatsTab", self._lazy.get("stats_tab"))

    @property
    def audit_tab(self) -> AuditTab:
        """Only for an administrator or auditor (a clerk's window has no such tab)."""
        if not self._lazy.has("audit_tab"):
            raise AttributeError("audit_tab")
        return cast("AuditTab", self._lazy.get("audit_tab"))

    # -- 撤销 (issue 18 item 3) -------------------------------------------------------------------
    def _on_undoable(self, text: str, undo: Callable[[], None]) -> None:
        self.undo_stack.push(text, undo)
        self.statusBar().showMessage(self.tr("已{done}。按 Ctrl+Z 可撤销。").format(done=text))
        self._note_recent(text)

    def _note_recent(self, text: str) -> None:
        """The status bar keeps this window's recent changes: the newest shown, the last ten on hover."""
        self.recent_changes = [f"{dt.datetime.now():%H:%M} {text}", *self.recent_changes][:10]
        self.recent.setText(self.tr("最近：{done}").format(done=text))
        self.recent.setToolTip("\n".join(self.recent_changes))

    def _show_undo(self) -> None:
        step = self.undo_stack.newest()
        self.undo_action.setEnabled(step is not None)
        self.undo_action.setText(
            self.tr("撤销：{done}(&U)").format(done=step.text) if step else self.tr("撤销(&U)")
        )

    def undo_last(self) -> str | None:
        """Take back the newest step; the reason when it could not be (also shown to the clerk)."""
        if self.undo_stack.newest() is None:
            return None
        text, problem = self.undo_stack.undo()
        if problem:
            QMessageBox.warning(
                self, self.tr("撤销"), self.tr("无法撤销“{done}”：{why}").format(done=text, why=problem)
            )
            return problem
        self.statusBar().showMessage(self.tr("已撤销：{done}").format(done=text))
        self._note_recent(self.tr("撤销：{done}").format(done=text))
        return None

    def _role_label(self, actor: Actor) -> str:
        labels = {"admin": self.tr("管理员"), "clerk": self.tr("经办员"), "auditor": self.tr("审核员")}
        return labels.get(actor.role, actor.role_label)

    def log_out(self) -> None:
        """Close this user's window; whoever started it shows the login again (sig_logout)."""
        self.logged_out = True
        self.idle_lock.stop()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        from app.ui import view_state

        view_state.keep(self.actor.username, "window/maximized", "1" if self.isMaximized() else "0")
        super().closeEvent(event)
        if event.isAccepted():
            self.hub.stop()
        if event.isAccepted() and self.logged_out:
            self.sig_logout.emit()

    def _on_users_triggered(self) -> None:
        from app.ui.users.user_manager import UserManagerDialog  # loads only when used

        UserManagerDialog(self._sessions, self.actor, self).exec()

    def _on_password_triggered(self) -> None:
        from app.ui.users.password_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(self._sessions, self.actor, parent=self)
        if dialog.exec() == ChangePasswordDialog.DialogCode.Accepted:
            QMessageBox.information(self, self.tr("修改密码"), self.tr("密码已修改，下次登录请用新密码。"))

    def _on_backup_triggered(self) -> None:
        from app.ui.backup_dialog import BackupDialog  # loads only when used

        dialog = BackupDialog(self._sessions, self.actor, self._db_url, self)
        restored: list[bool] = []
        dialog.sig_restored.connect(lambda: restored.append(True))
        dialog.exec()
        if restored:  # every tab shows the old data; the dialog told the clerk to restart
            self.close()

    def _on_settings_triggered(self) -> None:
        from app.ui.settings.settings_dialog import SettingsDialog  # loads only when used

        dialog = SettingsDialog(self._sessions, self.actor, self)
        dialog.sig_saved.connect(self.apply_settings)
        dialog.exec()
        if dialog.language_changed:
            QMessageBox.information(self, self.tr("设置"), self.tr("界面语言将在重新启动程序后改变。"))

    def apply_settings(self, settings: Settings) -> None:
        """What takes effect at once: the office's name in the title, the default plan and period."""
        office = UserService(self._sessions).office()
        self.setWindowTitle(
            self.tr("职工互助保障经办台 — {office}").format(office=office.name if office else "")
        )
        if settings.default_plan:
            self._pending_select = (settings.default_plan, settings.default_period_id)
            if self._lazy.is_built("enrollment_tab"):
                self.enrollment_tab.select(settings.default_plan, settings.default_period_id)

    def _on_guide_triggered(self) -> None:
        self.open_help().exec()

    def offer_tour(self) -> None:
        """First start with demo data: offer the two-minute tour of the tabs."""
        answer = QMessageBox.question(
            self, self.tr("欢迎"), self.tr("示例数据已载入。要花两分钟看看各页是做什么的吗？")
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.start_tour()

    def start_tour(self):  # type: ignore[no-untyped-def]
        from app.ui.tour import TourDialog

        self.tour = TourDialog(self.tabs, self)
        self.tour.show()
        return self.tour

    def open_help(self):  # type: ignore[no-untyped-def]
        """The guide, opened at the section of the tab on screen."""
        from app.ui.help_dialog import HelpDialog

        index = self.tabs.currentIndex()
        section = self.help_sections[index] if 0 <= index < len(self.help_sections) else None
        return HelpDialog(self, section)

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("关于"),
            self.tr(
                "职工互助保障经办台 {version}\n为基层工会、代办处和办事处的职工互助保障经办工作而作。"
            ).format(version=__version__),
        )
