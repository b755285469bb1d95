"""撤销 (Ctrl+Z) for the clerk's last roster and enrollment changes (issue 18 item 3).

An undo is a compensating change made through the same services — audited, permission-checked and
refused when the record changed since (someone else's later work is never overwritten) — not a
rewind of the database. Tabs tell what they did and how to take it back (``sig_undoable``); the
window keeps the newest few, offers the newest in 编辑 → 撤销, and says in the status bar what
was done and undone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.services.errors import ServiceError

KEEP = 20  # undo steps kept per window


@dataclass(frozen=True)
class Undoable:
    text: str  # what was done, as the clerk would say it: 修改会员 张三
    undo: Callable[[], None]  # the compensating change; raises ServiceError when it cannot


class UndoStack(QObject):
    sig_changed = Signal()
    """The newest step changed (pushed, undone or dropped)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps: list[Undoable] = []

    def push(self, text: str, undo: Callable[[], None]) -> None:
        self._steps = [*self._steps, Undoable(text, undo)][-KEEP:]
        self.sig_changed.emit()

    def newest(self) -> Undoable | None:
        return self._steps[-1] if self._steps else None

    def undo(self) -> tuple[str, str | None]:
        """Take back the newest step: (what it was, None) or (what it was, why it could not be).

        A step that cannot be undone is dropped either way: what it would undo has changed.
        """
        step = self._steps.pop()
        self.sig_changed.emit()
        try:
            step.undo()
        except ServiceError as exc:
            return step.text, str(exc)
        return step.text, None
