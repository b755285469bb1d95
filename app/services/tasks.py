"""Progress and cancel for long work, without Qt: the UI adapts these to its own task helper."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class Cancelled(Exception):
    """The clerk cancelled; whatever the work had started is rolled back or removed."""
