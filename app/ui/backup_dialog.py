"""备份与恢复: the automatic backups, a backup now or to a USB stick, a restore (administrators).

The work is app.services.backup's; this dialog only asks for folders, passwords and a yes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.db import SessionFactory
from app.services import backup
from app.services.auth import Actor
from app.services.errors import PermissionDenied
from app.services.settings import SettingsService
from app.ui.forms import error_text
from app.ui.tasks import BackgroundTask, Work


class BackupDialog(QDialog):
    sig_backup_finished = Signal(object)
    """A backup ended: the new file's Path, or the exception that stopped it."""
    sig_restore_finished = Signal(object)
    """A restore ended: the safety backup's Path, or the exception (nothing was replaced then)."""
    sig_restored = Signal()
    """The database file was replaced: the window shows stale data until the program restarts."""

    def __init__(
        self, sessions: SessionFactory, actor: Actor, db_url: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("备份与恢复"))
        self.resize(720, 440)
        self._sessions = sessions
        self._actor = actor
        self._db_url = db_url
        self._is_sqlite = backup.sqlite_path(db_url) is not None
        # The folder chosen in 设置, else the data folder's backups/: where start and exit backups go.
        self.folder = SettingsService(sessions).backup_folder() or backup.automatic_folder()
        self._task: BackgroundTask | None = None
        self.quiet = False  # tests set this to skip modal message boxes
        self._pending_restore: tuple[Path, str | None] | None = None
        # Asked when a backup's audit log does not verify: restore anyway? (tests replace it)
        self.confirm_broken_log: Callable[[str], bool] = self._ask_broken_log

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("备份时间"), self.tr("类型"), self.tr("大小"), self.tr("文件")]
        )
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 170)
        self.table.setColumnWidth(1, 130)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.now_button = QPushButton(self.tr("立即备份(&B)"))
        self.usb_button = QPushButton(self.tr("备份到文件夹（U 盘）(&U)…"))
        self.restore_button = QPushButton(self.tr("从备份恢复(&R)…"))
        close_button = QPushButton(self.tr("关闭"))
        for button in (self.now_button, self.usb_button):
            button.setEnabled(self._is_sqlite)
        self.restore_button.setEnabled(self._is_sqlite and actor.can("office.manage"))
        if not actor.can("office.manage"):
            self.restore_button.setToolTip(self.tr("只有管理员可以从备份恢复"))
        if self._is_sqlite:
            self.note.setText(
                self.tr(
                    "自动备份保存在 {folder}：每次启动和退出时各备份一次，"
                    "保留最近 10 份，另保留 30 天内每天 1 份。"
                ).format(folder=self.folder)
            )
        else:
            self.note.setText(f"{backup.PG_BACKUP_HINT}；{backup.PG_RESTORE_HINT}。")

        buttons = QHBoxLayout()
        for button in (self.now_button, self.usb_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

        self.now_button.clicked.connect(self._on_now_clicked)
        self.usb_button.clicked.connect(self._on_usb_clicked)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        close_button.clicked.connect(self.reject)
        self.reload()

    def reload(self) -> None:
        rows = backup.list_backups(self.folder)
        self.table.setRowCount(len(rows))
        for r, info in enumerate(rows):
            kind = self._kind_labels().get(info.label) or backup.LABELS.get(info.label, info.label)
            kind += self.tr("，已加密") if info.encrypted else ""
            cells = (f"{info.created:%Y-%m-%d %H:%M:%S}", kind, _size_text(info.size), info.path.name)
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def _kind_labels(self) -> dict[str, str]:
        """backup.LABELS as the window's language shows them."""
        return {
            "start": self.tr("启动时自动"),
            "exit": self.tr("退出时自动"),
            "manual": self.tr("手动"),
            "before-restore": self.tr("恢复前自动"),
        }

    # -- actions (public ones return a Chinese problem or None; the result comes by signal) --
    def backup_to(self, folder: Path | None = None, password: str | None = None) -> str | None:
        """Back up into ``folder`` (the automatic folder when None), encrypted when a password is given."""
        if not self._is_sqlite:
            return backup.PG_BACKUP_HINT
        if self._busy():
            return self.tr("正在备份或恢复，请稍候")
        target = folder or self.folder
        url = self._db_url

        def work(_progress: object, _cancel: object) -> Path:
            return backup.backup_now(url, target, password=password or None, label="manual")

        self._run(
            self.tr("正在备份…"), work, self._on_backup_done, self.sig_backup_finished, self.tr("备份失败")
        )
        return None

    def restore_from(
        self, path: Path, password: str | None = None, *, accept_broken_log: bool = False
    ) -> str | None:
        """Replace the database with the backup at ``path`` (administrators; the file is checked first).

        A backup whose own audit log does not verify is refused; the administrator is then asked
        (``confirm_broken_log``) and, on yes, it is restored with the problems in the log."""
        try:
            self._actor.require("office.manage")
        except PermissionDenied as exc:
            return str(exc)
        if not self._is_sqlite:
            return backup.PG_RESTORE_HINT
        if self._busy():
            return self.tr("正在备份或恢复，请稍候")
        actor, url = self._actor, self._db_url
        # Our pooled connections must not hold the file being replaced; new ones open the new file.
        self._sessions.kw["bind"].dispose()

        def work(_progress: object, _cancel: object) -> Path:
            return backup.restore(actor, path, url, password or None, accept_broken_log=accept_broken_log)

        self._pending_restore = (path, password)

        self._run(
            self.tr("正在恢复…"), work, self._on_restore_done, self.sig_restore_finished, self.tr("不能恢复")
        )
        return None

    # -- slots ---------------------------------------------------------------------------------
    def _on_now_clicked(self) -> None:
        self._complain(self.backup_to(None))

    def _on_usb_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择备份文件夹（如 U 盘）"))
        if not folder:
            return
        password, ok = QInputDialog.getText(
            self,
            self.tr("加密备份"),
            self.tr("设置密码（留空则不加密；U 盘可能遗失，建议加密）："),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        if password:
            again, ok = QInputDialog.getText(
                self, self.tr("加密备份"), self.tr("再输入一次密码："), QLineEdit.EchoMode.Password
            )
            if not ok:
                return
            if again != password:
                self._tell(self.tr("加密备份"), self.tr("两次输入的密码不一致，未备份"), error=True)
                return
        self._complain(self.backup_to(Path(folder), password or None))

    def _on_restore_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择备份文件"),
            str(self.folder),
            self.tr("备份文件 (*.db *.enc);;所有文件 (*)"),
        )
        if not name:
            return
        path = Path(name)
        password = None
        if backup.is_encrypted(path):
            password, ok = QInputDialog.getText(
                self, self.tr("恢复"), self.tr("备份文件的密码："), QLineEdit.EchoMode.Password
            )
            if not ok:
                return
        answer = QMessageBox.question(
            self,
            self.tr("从备份恢复"),
            self.tr(
                "将用备份 {name} 替换现在的全部数据。\n"
                "恢复前会先检查备份文件，并自动备份现在的数据。\n恢复后程序需要重新启动。确定恢复吗？"
            ).format(name=path.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._complain(self.restore_from(path, password))

    def _on_backup_done(self, path: Path) -> None:
        self.reload()
        self._tell(self.tr("备份完成"), self.tr("已备份到 {path}").format(path=path))

    def _on_restore_done(self, safety: Path) -> None:
        self.reload()
        self._tell(
            self.tr("恢复完成"),
            self.tr(
                "已从备份恢复数据库；恢复前的数据另存为 {name}。\n"
                "程序需要重新启动：请关闭程序后重新打开，再继续工作。"
            ).format(name=safety.name),
        )
        self.sig_restored.emit()  # after the clerk has read why: the window may close on it

    # -- helpers -------------------------------------------------------------------------------
    def _run(
        self,
        title: str,
        work: Work,
        on_done: Callable[[Any], None],
        finished: SignalInstance,
        fail_title: str,
    ) -> None:
        def done(result: object) -> None:
            self._task = None  # free again before anyone hears the result
            self._pending_restore = None
            on_done(result)
            finished.emit(result)

        def failed(exc: BaseException) -> None:
            self._task = None
            pending, self._pending_restore = self._pending_restore, None
            if isinstance(exc, backup.AuditLogBroken) and pending is not None:
                finished.emit(exc)
                if self.confirm_broken_log("\n".join(exc.problems[:10])):
                    self._complain(self.restore_from(*pending, accept_broken_log=True))
                return
            self._tell(fail_title, error_text(exc), error=True)
            finished.emit(exc)

        self._task = BackgroundTask(self, title, work, show_dialog=not self.quiet)
        self._task.sig_done.connect(done)
        self._task.sig_error.connect(failed)
        self._task.start()

    def _ask_broken_log(self, problems: str) -> bool:
        if self.quiet:
            return False
        answer = QMessageBox.question(
            self,
            self.tr("备份的审计日志未通过校验"),
            self.tr(
                "这份备份中的审计日志未通过校验，可能被改动过：\n{problems}\n\n"
                "仍要用它恢复吗？恢复后这些问题会记入审计日志。"
            ).format(problems=problems),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _busy(self) -> bool:
        return self._task is not None

    def _complain(self, problem: str | None) -> None:
        if problem:
            self._tell(self.tr("备份与恢复"), problem, error=True)

    def _tell(self, title: str, text: str, error: bool = False) -> None:
        if not self.quiet:
            (QMessageBox.warning if error else QMessageBox.information)(self, title, text)


def _size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"
