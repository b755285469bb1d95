"""Where file dialogs start and what names they propose.

Each kind of file (PDF forms, Excel lists, rosters to import, batches …) remembers the folder it
was last saved to or opened from, per PC (a QSettings file in the data folder); the first time,
the folder set in 设置 (打印输出文件夹, for PDFs) or the user's documents. A folder inside the
program's own folder is never proposed: an update would replace it. Proposed names carry what
tells one file from the next — unit, plan or period, the day — e.g. 团体申请表-D0002-第3期-20261202.pdf,
so the next unit's form does not overwrite the last.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from app.models.db import SessionFactory, data_dir

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def program_folder() -> Path:
    """The installed program (a frozen build's folder, or the source tree)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


def _inside_program(folder: Path) -> bool:
    try:
        folder.resolve().relative_to(program_folder())
    except ValueError:
        return False
    return True


def _store() -> QSettings:
    return QSettings(str(data_dir() / "folders.ini"), QSettings.Format.IniFormat)


def documents() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def _usable(folder: str | Path | None) -> Path | None:
    if not folder:
        return None
    path = Path(folder)
    return path if path.is_dir() and not _inside_program(path) else None


def start_folder(kind: str, sessions: SessionFactory | None = None) -> Path:
    """The folder a dialog for ``kind`` opens in: last used, else 设置's folder (PDFs), else documents."""
    if last := _usable(str(_store().value(f"folders/{kind}", "") or "")):
        return last
    if kind == "pdf" and sessions is not None:
        from app.services.settings import SettingsService

        if chosen := _usable(SettingsService(sessions).load().printing.output_folder):
            return chosen
    return documents()


def remember(kind: str, path: str | Path) -> None:
    """Remember the folder of ``path`` (a file) or ``path`` itself (a folder) for ``kind``."""
    target = Path(path)
    folder = target if target.is_dir() else target.parent
    store = _store()
    store.setValue(f"folders/{kind}", str(folder))
    store.sync()


def proposed_name(stem: str, *parts: object, suffix: str, day: dt.date | None = None) -> str:
    """团体申请表-D0002-第3期-20261202.pdf: the stem, the parts that tell files apart, the day."""
    words = [stem, *(str(p) for p in parts if p not in (None, "")), f"{day or dt.date.today():%Y%m%d}"]
    return "-".join(_UNSAFE.sub("_", w).strip("_") for w in words if w) + suffix


def ask_save(
    parent: QWidget | None, title: str, kind: str, name: str, filters: str,
    sessions: SessionFactory | None = None,
) -> Path | None:  # fmt: skip
    """A save dialog starting in ``kind``'s folder with ``name`` proposed; remembers the choice."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(start_folder(kind, sessions) / name), filters)
    if not path:
        return None
    remember(kind, path)
    return Path(path)


def ask_open(parent: QWidget | None, title: str, kind: str, filters: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(kind)), filters)
    if not path:
        return None
    remember(kind, path)
    return Path(path)


def ask_folder(parent: QWidget | None, title: str, kind: str) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, title, str(start_folder(kind)))
    if not folder:
        return None
    remember(kind, folder)
    return Path(folder)
