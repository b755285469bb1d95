"""Start the window: database (migrated), first-run set-up, login, main window."""

from __future__ import annotations

import os
import sys
import time

from sqlalchemy.engine import make_url

from app.models.db import default_url, open_database
from app.resources import resources_dir


def run_gui(db_url: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QDialog

    from app.services.settings import SettingsService
    from app.services.users import UserService
    from app.ui.first_run_dialog import FirstRunDialog
    from app.ui.fonts import install_cjk_font
    from app.ui.i18n import chosen_language, install_translator
    from app.ui.login_dialog import LoginDialog

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("职工互助保障经办台")
    install_cjk_font(app)
    icon = resources_dir() / "icons" / "hzbz.png"
    if icon.is_file():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    url = db_url or default_url()
    _engine, sessions = open_database(url)
    office_settings = SettingsService(sessions)
    settings = office_settings.load()
    install_translator(app, chosen_language(settings.language))
    users = UserService(sessions)
    actor = None
    if not users.is_initialised():
        first = FirstRunDialog(users)
        if first.exec() != QDialog.DialogCode.Accepted:
            return 0
        actor = first.actor
        if first.demo.isChecked() and actor is not None:
            from app.services import demo

            demo.generate(sessions, actor, units=5, members=300, seed=1)
            demo.activity(sessions, actor)
    if actor is None:
        # HZBZ_AUTOLOGIN lets screenshot scripts start straight into the window (never for production).
        auto = os.environ.get("HZBZ_AUTOLOGIN")
        if auto:
            actor = users.actor_for(auto)
        else:
            office = users.office()
            login = LoginDialog(users, office.name if office else "")
            if login.exec() != QDialog.DialogCode.Accepted:
                return 0
            actor = login.actor
    assert actor is not None
    from app.ui.main_window import MainWindow  # after login: the dialogs show sooner

    parsed = make_url(url)
    from PySide6.QtCore import QCoreApplication

    where = parsed.database if parsed.get_backend_name() == "sqlite" else parsed.host
    label = QCoreApplication.translate("launch", "数据库：{where}").format(where=where)
    window = MainWindow(sessions, actor, users.office(), label, url)
    if settings.default_plan:
        window.apply_settings(settings)
    window.show()
    import threading

    from app.services.backup import automatic_backup

    # Off the UI thread: ~0.5 s on a large database; it never raises (failures are logged).
    backups = office_settings.backup_folder()  # None: the data folder's backups/
    start_backup = threading.Thread(
        target=automatic_backup, args=(url, "start"), kwargs={"folder": backups}, daemon=True
    )
    start_backup.start()
    if os.environ.get("HZBZ_EXIT_WHEN_SHOWN"):
        # For the start-up benchmark: report when the event loop first runs with the window up.
        from PySide6.QtCore import QTimer

        def report() -> None:
            print(f"shown {time.time():.6f} {window.windowTitle()}", flush=True)
            app.quit()

        QTimer.singleShot(0, report)
    code = app.exec()
    start_backup.join()
    automatic_backup(url, "exit", folder=office_settings.backup_folder())
    return code
