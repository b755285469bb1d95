"""What a clerk last had on screen, per PC and per user: the plan, period and unit chosen in a tab,
the window maximized or not (a QSettings file in the data folder, as file_places keeps folders).
Only choices are kept here, never data: a removed period or unit is simply not found again."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.models.db import data_dir


def _store() -> QSettings:
    return QSettings(str(data_dir() / "view.ini"), QSettings.Format.IniFormat)


def _key(user: str, name: str) -> str:
    return f"{user or '-'}/{name}"


def recall(user: str, name: str) -> str:
    """The value last kept for ``user`` under ``name``, or ""."""
    return str(_store().value(_key(user, name), "") or "")


def keep(user: str, name: str, value: object) -> None:
    store = _store()
    store.setValue(_key(user, name), "" if value is None else str(value))
    store.sync()
