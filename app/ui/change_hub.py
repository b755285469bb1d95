"""Every tab shows what was just written, wherever it was written (issue 18 item 1).

The services tell each commit's ``Changes`` (``app.services.changes``); the hub brings them to the
UI thread, merges a burst into one, and refreshes each followed view whose areas it touches: at
once if it is on screen, else the next time it is shown (a hidden tab does no work meanwhile).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from app.models.db import SessionFactory
from app.services import changes as service_changes
from app.services.changes import Changes


class _Follower(QObject):
    """One view: its areas, how it refreshes, and whether it missed a change while hidden."""

    def __init__(
        self, widget: QWidget, areas: frozenset[str], refresh: Callable[[], None], on_show: bool
    ) -> None:
        super().__init__(widget)
        self.widget, self.areas, self.refresh = widget, areas, refresh
        self.stale = False
        if on_show:
            widget.installEventFilter(self)

    def changed(self, changes: Changes) -> None:
        if not changes.touches(self.areas):
            return
        if self.widget.isVisible():
            self.stale = False
            self.refresh()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.widget and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.refresh()
        return False


class ChangeHub(QObject):
    sig_changed = Signal(object)
    """The merged ``Changes`` of the commits since the last one told, on the UI thread."""
    _sig_heard = Signal(object)  # from whichever thread committed; queued to the hub's thread

    def __init__(self, sessions: SessionFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: Changes | None = None
        self._followers: list[_Follower] = []
        self._flush = QTimer(self, singleShot=True, interval=0)
        self._flush.timeout.connect(self._tell)
        self._sig_heard.connect(self._heard, Qt.ConnectionType.QueuedConnection)
        self._stop = service_changes.listen(sessions.kw["bind"], self._sig_heard.emit)
        self.destroyed.connect(lambda *_a, stop=self._stop: stop())

    def stop(self) -> None:
        """Hear no more (the window is closing)."""
        self._stop()

    def follow(
        self, widget: QWidget, areas: Iterable[str], refresh: Callable[[], None], on_show: bool = True
    ) -> None:
        """Call ``refresh`` when a change touches ``areas``: now if shown, else when next shown
        (``on_show=False``: the view reads itself at each show anyway)."""
        self._followers.append(_Follower(widget, frozenset(areas), refresh, on_show))

    def _heard(self, changes: Changes) -> None:
        self._pending = changes if self._pending is None else self._pending | changes
        self._flush.start()

    def _tell(self) -> None:
        changes, self._pending = self._pending, None
        if changes is None:
            return
        for follower in self._followers:
            follower.changed(changes)
        self.sig_changed.emit(changes)
