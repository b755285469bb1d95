"""Start the window: one copy per database, migrations, first-run set-up, login, main window.

注销 / 切换用户 closes the main window and shows the login again without leaving the program.
The window opens only after a login: the login dialog, or ``--user`` with ``--password-file``
(the same password check as every headless command, for kiosk and test starts).
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url

from app.models.db import data_dir, open_database
from app.resources import resources_dir
from app.services.server_logins import ServerConnector, chosen_url, needs_server_login

if TYPE_CHECKING:
    from PySide6.QtCore import QLockFile
    from PySide6.QtWidgets import QApplication

    from app.models.db import SessionFactory
    from app.services.auth import Actor
    from app.services.users import UserService


def database_identity(url: str) -> str:
    """What makes two URLs the same database on this PC (not who connects, nor the password)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"sqlite:{Path(parsed.database or '').resolve()}"
    return f"{parsed.get_backend_name()}://{parsed.host or ''}:{parsed.port or ''}/{parsed.database or ''}"


def single_instance_lock(url: str) -> QLockFile | None:
    """A lock held while this copy runs on ``url``; None when another copy already holds it."""
    from PySide6.QtCore import QLockFile

    folder = data_dir() / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha256(database_identity(url).encode()).hexdigest()[:20]
    lock = QLockFile(str(folder / f"window-{name}.lock"))
    lock.setStaleLockTime(0)  # a crashed copy's lock is stale by its dead process id, not by age
    return lock if lock.tryLock(0) else None


def run_gui(db_url: str | None = None, credentials: tuple[str, str | None] | None = None) -> int:
    """``credentials``: (user name, password or None to ask for it in the login dialog)."""
    # The services before Qt: once PySide6 is loaded its import hook runs on every later import,
    # which made the data layer's imports 70 ms slower (a fifth of an empty database's start).
    from app.services.settings import SettingsService
    from app.services.users import UserService

    from PySide6.QtCore import QCoreApplication  # isort: skip
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    from app.ui.first_run_dialog import FirstRunDialog
    from app.ui.fonts import install_cjk_font
    from app.ui.i18n import chosen_language, install_translator

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("职工互助保障经办台")
    from app.ui import crash

    crash.install()  # an exception in any slot: a message box and the log, never a traceback
    install_cjk_font(app)
    icon = resources_dir() / "icons" / "hzbz.png"
    if icon.is_file():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    url = chosen_url(db_url)
    instance = single_instance_lock(url)
    if instance is None:
        QMessageBox.warning(
            None,
            QCoreApplication.translate("launch", "职工互助保障经办台"),
            QCoreApplication.translate(
                "launch",
                "本机已有一个经办台窗口在使用这个数据库，请切换到那个窗口（同一数据库只能打开一个）。",
            ),
        )
        return 1
    connector = ServerConnector(url) if needs_server_login(url) else None
    actor: Actor | None = None
    if connector is not None:  # a shared server: each user connects as themself
        actor = log_in_server(connector, credentials)
        if actor is None or connector.sessions is None:
            return 0
        sessions = connector.sessions
    else:
        _engine, sessions = open_database(url)
    office_settings = SettingsService(sessions)
    settings = office_settings.load()
    install_translator(app, chosen_language(settings.language))
    users = UserService(sessions)
    tour = False
    if actor is None and not users.is_initialised():
        first = FirstRunDialog(users)
        if first.exec() != QDialog.DialogCode.Accepted:
            return 0
        actor = first.actor
        if first.demo.isChecked() and actor is not None:
            from app.services import demo
            from app.ui.tasks import run_busy

            demo_actor = actor

            def make_demo(_progress: object, _cancel: object) -> None:
                demo.generate(sessions, demo_actor, units=5, members=300, seed=1)
                demo.activity(sessions, demo_actor)

            # Off the UI thread with a busy bar: the screen stayed black for seconds here.
            run_busy(QCoreApplication.translate("launch", "正在生成示例数据…"), make_demo)
            tour = True
    if actor is None:
        actor = log_in(sessions, users, credentials)
    if actor is None:
        return 0
    import threading

    from app.services.backup import automatic_backup

    # Off the UI thread: ~0.5 s on a large database; it never raises (failures are logged).
    start_backup = threading.Thread(
        target=automatic_backup,
        args=(url, "start"),
        kwargs={"folder": office_settings.backup_folder()},  # None: the data folder's backups/
        daemon=True,
    )
    start_backup.start()
    code = 0
    while actor is not None:
        window = open_main_window(app, sessions, url, actor)
        if tour:  # the first start with demo data: a two-minute tour, if wanted
            window.offer_tour()
            tour = False
        code = app.exec()
        if not window.logged_out:
            break
        window.deleteLater()
        if connector is not None:  # another user: another connection
            actor = log_in_server(connector, None)
            if actor is None or connector.sessions is None:
                break
            sessions, users = connector.sessions, UserService(connector.sessions)
        else:
            actor = log_in(sessions, users, None)
    start_backup.join()
    automatic_backup(url, "exit", folder=office_settings.backup_folder())
    instance.unlock()
    return code


def log_in(
    sessions: SessionFactory, users: UserService, credentials: tuple[str, str | None] | None
) -> Actor | None:
    """The login dialog (or the password from a file), including a forced password change."""
    from PySide6.QtWidgets import QDialog

    from app.ui.users.login_dialog import LoginDialog

    office = users.office()
    dialog = LoginDialog(users, office.name if office else "", sessions=sessions)
    if credentials is not None:
        name, password = credentials
        dialog.username.setText(name)
        if password is not None and (actor := _given_password(dialog, users.login, name, password)):
            return actor
        dialog.password.setFocus()
    if dialog.actor is None and dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def _given_password(dialog, login, name: str, password: str) -> Actor | None:  # type: ignore[no-untyped-def]
    """A password given from a file: logged in at once, the refusal shown, or the forced change asked."""
    from app.services.users import LoginRefused
    from app.ui.users.login_dialog import refusal_text

    try:
        result = login(name, password)
    except LoginRefused as exc:
        dialog.error.setText(refusal_text(exc))
        dialog.gate.start(exc.wait)
        return None
    if not result.must_change:
        return result.actor
    dialog.password.setText(password)
    dialog.accept()  # the forced change, as if typed
    return dialog.actor


def log_in_server(connector: ServerConnector, credentials: tuple[str, str | None] | None) -> Actor | None:
    """The login dialog for a shared server: the name and password make the connection."""
    from PySide6.QtWidgets import QDialog

    from app.ui.users.login_dialog import LoginDialog

    dialog = LoginDialog(connector, connector.url.host or "")
    name, password = credentials or (connector.url.username or "", None)
    dialog.username.setText(name)
    if name and password is not None and (actor := _given_password(dialog, connector.login, name, password)):
        return actor
    if name:
        dialog.password.setFocus()
    if dialog.actor is None and dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def open_main_window(app: QApplication, sessions: SessionFactory, url: str, actor: Actor):  # type: ignore[no-untyped-def]
    """The main window for ``actor``, shown; also used by the start-up benchmark's script."""
    from PySide6.QtCore import QCoreApplication

    from app.services.settings import SettingsService
    from app.services.users import UserService
    from app.ui.main_window import MainWindow  # after login: the dialogs show sooner

    parsed = make_url(url)
    where = parsed.database if parsed.get_backend_name() == "sqlite" else parsed.host
    label = QCoreApplication.translate("launch", "数据库：{where}").format(where=where)
    from app.models.db import READ_ONLY_NOTICE, is_read_only

    if is_read_only(sessions.kw["bind"]):
        label += QCoreApplication.translate("launch", "（{notice}）").format(notice=READ_ONLY_NOTICE)
    window = MainWindow(sessions, actor, UserService(sessions).office(), label, url)
    settings = SettingsService(sessions).load()
    if settings.default_plan:
        window.apply_settings(settings)
    from app.ui import view_state

    if view_state.recall(actor.username, "window/maximized") == "1":  # as it was last closed
        window.showMaximized()
    else:
        window.show()
    if os.environ.get("HZBZ_EXIT_WHEN_SHOWN"):
        # For the start-up benchmark and test: report when the event loop first runs with the window up.
        from PySide6.QtCore import QTimer

        def report() -> None:
            print(f"shown {time.time():.6f} {window.windowTitle()}", flush=True)
            app.quit()

        QTimer.singleShot(0, report)
    return window
