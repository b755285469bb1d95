"""The program's log: configured once at start, a rotating file in the data folder, owner-only.

ID numbers, bank and card numbers, passwords and SQL parameters never reach the file: every
line (message and traceback) passes through :func:`mask` first. The clerk never sees a
traceback: the CLI prints one sentence and where the log is (:func:`clerk_sentence`), the
window shows a message box (app/ui/crash.py); the traceback goes here.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import sys
import types
from pathlib import Path

LOGGER = "hzbz"
LOG_NAME = "hzbz.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5

# 12 or more digits in a row (ID numbers, bank accounts, 京卡, medical cards): first 3 and
# last 2 kept. Passwords after a key word, and SQLAlchemy's parameter list, dropped whole.
_LONG_NUMBER = re.compile(r"(?<![0-9])([0-9]{3})([0-9]{7,})([0-9]{2}[Xx]?)(?![0-9])")
_PASSWORD = re.compile(r"(?i)(password|passwd|pwd|secret|口令|密码)([\"']?\s*[=:：]\s*)[^\s,;)\]}]+")
_SQL_PARAMETERS = re.compile(r"\[parameters: [^\n]*")
_HANDLER_TAG = "_hzbz_file_handler"


def mask(text: str) -> str:
    """``text`` with long numbers, passwords and SQL parameters masked."""
    text = _SQL_PARAMETERS.sub("[parameters: （已略去）]", text)
    text = _PASSWORD.sub(r"\1\2***", text)
    return _LONG_NUMBER.sub(lambda m: m.group(1) + "*" * len(m.group(2)) + m.group(3), text)


class MaskingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask(super().format(record))


class OwnerOnlyRotatingHandler(logging.handlers.RotatingFileHandler):
    """A rotating file whose every generation is readable by its owner only (0600)."""

    def _open(self):  # type: ignore[no-untyped-def]
        old = os.umask(0o077)
        try:
            stream = super()._open()
        finally:
            os.umask(old)
        try:
            os.chmod(self.baseFilename, 0o600)
        except OSError:
            pass
        return stream


def log_folder() -> Path:
    from app.models.db import data_dir

    return data_dir() / "logs"


def log_path() -> Path:
    return log_folder() / LOG_NAME


def configure_logging() -> Path | None:
    """Send the ``hzbz`` logger to the data folder's log file; once per data folder.

    Returns the log file, or None when the data folder cannot be written (a read-only
    installation): then log lines are dropped rather than shown to the clerk.
    """
    logger = logging.getLogger(LOGGER)
    path = log_path()
    current = [h for h in logger.handlers if getattr(h, _HANDLER_TAG, False)]
    if current and Path(getattr(current[0], "baseFilename", "")) == path.resolve():
        return path
    for handler in current:
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(logging.INFO)
    handler: logging.Handler
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)
        handler = OwnerOnlyRotatingHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
        result: Path | None = path
    except OSError:
        handler = logging.NullHandler()
        result = None
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s %(process)d: %(message)s"))
    setattr(handler, _HANDLER_TAG, True)
    logger.addHandler(handler)
    return result


def one_line_reason(exc: BaseException) -> str:
    """A short reason for an unexpected error: no SQL, no parameters, no ID numbers."""
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    if isinstance(exc, DBAPIError) and "readonly" in str(exc.orig).lower():
        from app.models.db import READ_ONLY_NOTICE

        return READ_ONLY_NOTICE
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        first = (str(exc.orig).strip().splitlines() or [""])[0]
        reason = f"数据库出错（{type(exc.orig).__name__}：{first}）"
    elif isinstance(exc, OSError):
        from app.io.faults import describe

        reason = describe(exc)
    elif isinstance(exc, SQLAlchemyError):
        reason = f"数据库出错（{type(exc).__name__}）"
    else:
        first = (str(exc).strip().splitlines() or [""])[0]
        reason = f"{type(exc).__name__}：{first}" if first else type(exc).__name__
    reason = mask(reason.split("[SQL:")[0].strip())
    return reason if len(reason) <= 160 else reason[:157] + "…"


def where_logged() -> str:
    path = log_path()
    return f"详细情况已记入日志：{path}" if path.exists() else "（日志未能写入）"


def clerk_sentence(exc: BaseException) -> str:
    """What the CLI prints for an unexpected error (one line + where the log is)."""
    return f"内部错误：{one_line_reason(exc)}。{where_logged()}"


def log_exception(
    exc_type: type[BaseException], exc: BaseException, tb: types.TracebackType | None, where: str
) -> None:
    logging.getLogger(LOGGER).error("unexpected error in %s", where, exc_info=(exc_type, exc, tb))


def install_excepthook() -> None:
    """Uncaught exceptions outside the window (threads included) are logged, and said briefly."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: types.TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log_exception(exc_type, exc, tb, "main")
        print(clerk_sentence(exc), file=sys.stderr)

    sys.excepthook = hook
