"""This PC's own settings, kept in the data folder (the office's settings are in the database).

Today one: the address of the office's shared PostgreSQL server (``server-address``), without a
user name or password, from which the window builds each user's own connection.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

FILE_NAME = "local.json"


def _path(folder: Path) -> Path:
    return folder / FILE_NAME


def load(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads(_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(folder: Path, data: dict[str, Any]) -> None:
    """Written whole to a temporary file, owner-only, then moved over the old one."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / (FILE_NAME + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
    os.replace(tmp, _path(folder))


def server_address(folder: Path) -> str | None:
    value = load(folder).get("server")
    return value if isinstance(value, str) and value else None


def set_server_address(folder: Path, url: str | None) -> None:
    data = load(folder)
    if url:
        data["server"] = url
    else:
        data.pop("server", None)
    save(folder, data)
