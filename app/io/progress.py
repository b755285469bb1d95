"""Progress and cancel signalling shared by every layer; light on purpose (imported at start)."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int | None], None]
CancelCheck = Callable[[], bool]


class Cancelled(Exception):
    """The clerk cancelled a long read or write; no output file was left behind."""
