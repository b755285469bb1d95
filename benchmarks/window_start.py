"""The window as a clerk gets it after the login, for the start-up figure.

Run as ``python -m benchmarks.window_start URL``.

The shipped program opens its window only after a login; a benchmark cannot type a password and
should not time scrypt (~0.3 s, the login's deliberate cost). So this script does what
``app.ui.launch.run_gui`` does after the login — the same imports, migrations check, settings,
translator and main window — for the database's administrator, and reports when it is shown.
"""

from __future__ import annotations

import os
import sys
import time


def main(url: str) -> int:
    os.environ["HZBZ_EXIT_WHEN_SHOWN"] = "1"
    # In run_gui's order: the data layer (app.cli imports it first), then Qt and the window.
    from app.models.db import open_database
    from app.services.settings import SettingsService
    from app.services.users import UserService

    from PySide6.QtWidgets import QApplication  # isort: skip
    from app.ui.fonts import install_cjk_font
    from app.ui.i18n import chosen_language, install_translator
    from app.ui.launch import open_main_window

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    install_cjk_font(app)
    _engine, sessions = open_database(url)
    install_translator(app, chosen_language(SettingsService(sessions).load().language))
    actor = UserService(sessions).actor_for("admin")
    window = open_main_window(app, sessions, url, actor)
    code = app.exec()
    # The roster's first page was read before the window showed (the count follows in a thread).
    print(f"rows {window.roster_tab.model.rowCount()}", flush=True)
    print(f"cpu {time.process_time():.3f}", flush=True)  # the start's CPU seconds (a shared machine)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
