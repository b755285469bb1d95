"""A private scratch folder for plaintext that must never reach a USB stick or a shared temp folder.

Exports write their files here before encrypting them onto the stick; imports copy (and decrypt)
a batch's files here before parsing them. The folder lives in the user's data folder, owner-only,
and is removed when the work ends. A process killed half-way leaves ``scratch/<pid>-…``; the next
start removes every leftover whose process is gone (``remove_leftovers``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from app.models.db import data_dir

log = logging.getLogger("hzbz")


def scratch_root() -> Path:
    return data_dir() / "scratch"


def _private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o700)


@contextlib.contextmanager
def private_scratch() -> Iterator[Path]:
    """A fresh owner-only folder, removed (with everything in it) on exit, whatever happens."""
    root = scratch_root()
    _private_dir(root)
    folder = root / f"{os.getpid()}-{secrets.token_hex(6)}"
    folder.mkdir(mode=0o700)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill there would terminate the process, not probe it
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):  # someone else's process, or a platform without signals
        return True
    return True


def _alive_windows(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259
    finally:
        kernel32.CloseHandle(handle)


def remove_leftovers() -> int:
    """Remove scratch folders of processes that are gone; how many were removed."""
    root = scratch_root()
    if not root.is_dir():
        return 0
    removed = 0
    for entry in root.iterdir():
        pid_text = entry.name.split("-", 1)[0]
        if pid_text.isdigit() and _alive(int(pid_text)):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()
        removed += 1
    if removed:
        log.info("removed %d scratch leftover(s) of an earlier run", removed)
    return removed
