"""Progress and cancel for long work, without Qt: the UI adapts these to its own task helper."""

from __future__ import annotations

from collections.abc import Callable

# One Cancelled for every layer: the io writers raise it, services and the window catch it.
from app.io.xlsx_safe import Cancelled

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

__all__ = ["CancelCheck", "Cancelled", "Progress"]
