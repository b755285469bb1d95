"""Progress and cancel for long work, without Qt: the UI adapts these to its own task helper."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

# One Cancelled for every layer: the io writers raise it, services and the window catch it.
from app.io.progress import CancelCheck, Cancelled, Progress

__all__ = ["CancelCheck", "Cancelled", "Progress", "bulk_work"]


@contextlib.contextmanager
def bulk_work() -> Iterator[None]:
    """Pause Python's cycle collector while a bulk import builds its rows.

    A 100k-row sheet is millions of live objects; every full collection walks them all, and
    allocating the rows' tuples set off enough of those to cost a fifth of the import (~1 s).
    Nothing here makes reference cycles, and reference counting still frees everything; the
    collector runs again on exit. Left as it was when someone else had already paused it.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
