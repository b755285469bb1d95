"""An exception in any slot: logged with its traceback, and a Chinese message box for the clerk.

PySide6 hands an exception escaping a slot (a click handler, a timer, a model method) to
``sys.excepthook``; :func:`install` replaces that hook for the window, and routes Qt's own
warnings into the log through a Qt message handler. One box at a time: an error repeating in
a paint event does not bury the screen in boxes; later ones are only logged.
"""

from __future__ import annotations

import logging
import sys
import types

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    Qt,
    QThread,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from app.logsetup import LOGGER, log_exception, log_path, one_line_reason

log = logging.getLogger(LOGGER + ".qt")
BOX_NAME = "hzbz-crash-box"
_open_box: list[QMessageBox] = []


def crash_text(exc: BaseException) -> str:
    path = log_path()
    where = f"详细情况已记入日志文件：\n{path}" if path.exists() else "日志未能写入。"
    return QCoreApplication.translate(
        "crash",
        "程序内部出错，刚才的操作没有完成（{reason}）。\n\n"
        "已保存的数据不受影响。请检查后重试；如果再次出现，请记下当时的操作，"
        "并把日志文件交给系统维护人员。\n\n{where}",
    ).format(reason=one_line_reason(exc), where=where)


def show_crash_box(exc: BaseException) -> QMessageBox | None:
    """The message box for ``exc`` (not modal to the event loop: the window keeps running)."""
    if QApplication.instance() is None:
        return None
    if _open_box and _open_box[0].isVisible():
        return None
    _open_box.clear()
    title = QCoreApplication.translate("crash", "程序出错")
    box = QMessageBox(QMessageBox.Icon.Critical, title, crash_text(exc))
    box.setObjectName(BOX_NAME)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    box.open()
    _open_box.append(box)
    return box


def _hook(exc_type: type[BaseException], exc: BaseException, tb: types.TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    log_exception(exc_type, exc, tb, "window")
    try:
        show_crash_box(exc)
    except Exception:  # never raise out of the hook itself
        log.exception("could not show the error box")


_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_messages(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    where = f" ({context.file}:{context.line})" if context.file else ""
    log.log(_LEVELS.get(kind, logging.WARNING), "Qt: %s%s", message, where)


def _waiting(text: str) -> None:
    """正在等待其他操作完成… in the active window's status bar, painted at once."""
    from PySide6.QtWidgets import QMainWindow

    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return  # a worker thread: its progress dialog already says it is busy
    window = QApplication.activeWindow()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 5000)
        window.statusBar().repaint()


def install() -> None:
    """For the window: slots' exceptions to the log and a message box; Qt's messages to the log;
    a wait for another writer shown in the status bar."""
    from app.services.retry import set_waiting_notice

    sys.excepthook = _hook
    qInstallMessageHandler(_qt_messages)
    set_waiting_notice(_waiting)
