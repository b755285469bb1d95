"""The wait after wrong passwords, as the window shows it: buttons off and a countdown.

The service refuses attempts inside the wait whatever the window does; the gate only keeps the
window from asking (so Enter in the password field does nothing either) and says how long.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QWidget


class WaitGate(QObject):
    def __init__(
        self, label: QLabel, widgets: list[QWidget], message: Callable[[int], str], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._label, self._widgets, self._message = label, widgets, message
        self._until = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)

    @property
    def closed(self) -> bool:
        """True while the wait runs: no attempt may be made."""
        return self.seconds_left() > 0

    def seconds_left(self) -> int:
        left = self._until - time.monotonic()
        return int(left) + (1 if left > int(left) else 0) if left > 0 else 0

    def start(self, seconds: int) -> None:
        if seconds <= 0:
            return
        self._until = time.monotonic() + seconds
        for w in self._widgets:
            w.setEnabled(False)
        self._tick()
        self._timer.start()

    def _tick(self) -> None:
        left = self.seconds_left()
        if left > 0:
            self._label.setText(self._message(left))
            return
        self._timer.stop()
        for w in self._widgets:
            w.setEnabled(True)
        self._label.setText("")
