"""One helper for long work off the UI thread, with a progress dialog and cancel.

The work is a plain callable taking ``progress(done, total)`` and ``cancel() -> bool``; it runs
on a QThread, and its result or exception comes back on the main thread by signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class _Worker(QObject):
    sig_progress = Signal(int, int)
    """Work done so far and the total (0 when unknown)."""
    sig_finished = Signal(object)
    """The work's return value."""
    sig_failed = Signal(object)
    """The exception the work raised (Cancelled included)."""

    def __init__(self, work: Work) -> None:
        super().__init__()
        self._work = work
        self.cancel_event = threading.Event()

    def run(self) -> None:
        try:
            result = self._work(lambda d, t: self.sig_progress.emit(d, t or 0), self.cancel_event.is_set)
        except BaseException as exc:  # every failure goes back to the window as a signal
            self.sig_failed.emit(exc)
        else:
            self.sig_finished.emit(result)


class BackgroundTask(QObject):
    """Run ``work`` in a thread; show progress in a modal dialog with a 取消 button."""

    sig_done = Signal(object)
    """The work finished; carries its result."""
    sig_error = Signal(object)
    """The work failed or was cancelled; carries the exception."""

    def __init__(self, parent: QWidget, title: str, work: Work, *, show_dialog: bool = True) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._worker = _Worker(work)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.sig_progress.connect(self._on_worker_progress)
        self._worker.sig_finished.connect(self._on_worker_finished)
        self._worker.sig_failed.connect(self._on_worker_failed)
        self.dialog: QProgressDialog | None = None
        if show_dialog:
            self.dialog = QProgressDialog(title, self.tr("取消"), 0, 0, parent)
            self.dialog.setWindowTitle(title)
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(300)
            self.dialog.canceled.connect(self.cancel)

    def start(self) -> BackgroundTask:
        self._thread.start()
        return self

    def cancel(self) -> None:
        self._worker.cancel_event.set()

    def _on_worker_progress(self, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(total)
            self.dialog.setValue(done)

    def _finish(self) -> None:
        self._thread.quit()
        self._thread.wait()
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None

    def _on_worker_finished(self, result: object) -> None:
        self._finish()
        self.sig_done.emit(result)

    def _on_worker_failed(self, exc: object) -> None:
        self._finish()
        self.sig_error.emit(exc)


def run_busy(title: str, work: Work) -> Any:
    """Run ``work`` off the UI thread while a busy bar shows ``title`` (no window to be modal to
    yet, as at the first start); returns its result or raises its exception."""
    from PySide6.QtCore import QEventLoop

    holder = QObject()
    task = BackgroundTask(None, title, work)  # type: ignore[arg-type]  # no parent window yet
    task.setParent(holder)
    if task.dialog is not None:
        task.dialog.setCancelButton(None)  # demo data half made is worse than waiting
        task.dialog.setMinimumDuration(0)
    outcome: list[tuple[bool, object]] = []
    loop = QEventLoop()
    task.sig_done.connect(lambda result: (outcome.append((True, result)), loop.quit()))
    task.sig_error.connect(lambda exc: (outcome.append((False, exc)), loop.quit()))
    task.start()
    if not outcome:
        loop.exec()
    holder.deleteLater()
    ok, value = outcome[0]
    if not ok:
        raise value  # type: ignore[misc]
    return value
