"""Progress and cancel for long work, without Qt: the UI adapts these to its own task helper."""

from __future__ import annotations

# One Cancelled for every layer: the io writers raise it, services and the window catch it.
from app.io.progress import CancelCheck, Cancelled, Progress

__all__ = ["CancelCheck", "Cancelled", "Progress"]
