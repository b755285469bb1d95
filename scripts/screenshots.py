"""Screenshots of every tab and of 设置, from demo data: python scripts/screenshots.py OUT_DIR

HZBZ_LANG=en takes them in English; HZBZ_SHOT_SIZE=1920x1080 at the large screen size (default 1366x768).

Runs on any Qt platform (offscreen or a real/virtual display): each tab is rendered with
QWidget.grab, so the pictures show exactly what the clerk sees, fonts included.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def main(out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HZBZ_DATA_DIR"] = tmp  # remembered views and keys stay out of the user's folder
        db = f"sqlite:///{Path(tmp) / 'demo.db'}"
        from app.cli import main as cli

        cli(["--db", db, "demo-data", "--units", "5", "--members", "300", "--with-activity"])
        from PySide6.QtWidgets import QApplication

        from app.models.db import open_database
        from app.services.users import UserService
        from app.ui.fonts import install_cjk_font
        from app.ui.i18n import chosen_language, install_translator
        from app.ui.main_window import MainWindow
        from app.ui.settings.settings_dialog import SettingsDialog

        app = QApplication.instance() or QApplication(sys.argv)
        install_cjk_font(app)
        install_translator(app, chosen_language(None))
        _e, sessions = open_database(db)
        users = UserService(sessions)
        window = MainWindow(sessions, users.actor_for("admin"), users.office(), "数据库：示例")
        # the common office laptop (issue 18 item 6); HZBZ_SHOT_SIZE=1920x1080 checks the large screen
        width, height = map(int, os.environ.get("HZBZ_SHOT_SIZE", "1366x768").split("x"))
        window.resize(width, height)
        window.show()
        from app.services.roster import RosterService

        first_unit = RosterService(sessions, users.actor_for("admin")).unit_by_code("D0001").id
        window.enrollment_tab.select("jilin-2020-hospital-combo", unit_id=first_unit)
        window.enrollment_tab.period.setCurrentIndex(0)
        window.claims_tab.table.selectRow(0)
        names = ["roster", "enrollment", "claims", "plans", "stats", "audit"]
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            app.processEvents()
            if window.tabs.currentWidget() is window.stats_tab:  # it counts off the UI thread: wait for it
                window.stats_tab.refresh_now()
                app.processEvents()
            name = names[i] if i < len(names) else f"tab{i}"
            path = out / f"{i + 1:02d}-{name}.png"
            window.grab().save(str(path))
            print(path)
        settings = SettingsDialog(sessions, users.actor_for("admin"), window)
        settings.tabs.setCurrentIndex(3)  # printing and the seal: the page with the most on it
        settings.show()
        app.processEvents()
        path = out / f"{window.tabs.count() + 1:02d}-settings.png"
        settings.grab().save(str(path))
        print(path)
        settings.close()
        window.close()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
