"""The window's language: Chinese by default, English from resources/i18n/hzbz_en.qm.

UI text is written in Chinese inside ``self.tr()`` / ``QCoreApplication.translate()``;
``scripts/i18n.sh`` extracts it into one .ts file per area under resources/i18n/en/ and
compiles them into hzbz_en.qm. Data (names, units, plan titles) and the rules' Chinese
explanations are never translated: they are what gets printed and reported upward.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from app.resources import resources_dir

LANGUAGES = {"zh_CN": "中文（简体）", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"

# Qt's own texts (file dialogs, message boxes, OK/Cancel). qt_zh_CN.qm is only a meta catalogue
# naming qtbase_zh_CN.qm, and it fails to load when any file it names is missing: load qtbase itself.
# hzbz_qt_zh_CN.qm (ours) fills the few Qt 6 texts qtbase_zh_CN.qm leaves in English; loaded last,
# it is asked first.
QT_CATALOGUES = ("qtbase_zh_CN", "hzbz_qt_zh_CN")
_installed: list[QTranslator] = []  # kept alive: Qt does not own installed translators


def qm_path() -> Path:
    return resources_dir() / "i18n" / "hzbz_en.qm"


def chosen_language(saved: str | None) -> str:
    """HZBZ_LANG (for scripts and tests) wins over the saved setting; unknown codes fall back."""
    language = os.environ.get("HZBZ_LANG") or saved or DEFAULT_LANGUAGE
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def install_translator(app: QCoreApplication, language: str) -> bool:
    """Switch the application's text to ``language``; True when the translation loaded.

    Chinese needs no translation of our own text but loads Qt's, so standard buttons
    (Yes / No / Cancel in message boxes) read 是 / 否 / 取消 and file dialogs 查找范围、文件名称.
    """
    remove_translators(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ok = True
    if language == "en":
        ours = QTranslator(app)
        ok = ours.load(str(qm_path()))
        if ok:
            app.installTranslator(ours)
            _installed.append(ours)
    else:
        for name in QT_CATALOGUES:
            qt = QTranslator(app)
            # Qt's own folder first (it matches the Qt in use), our shipped copy where a wheel lacks it.
            if qt.load(name, qt_dir) or qt.load(name, str(resources_dir() / "i18n" / "qt")):
                app.installTranslator(qt)
                _installed.append(qt)
    return ok


def remove_translators(app: QCoreApplication) -> None:
    while _installed:
        app.removeTranslator(_installed.pop())
