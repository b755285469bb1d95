"""Stopping a statement another thread is running: a count the clerk no longer waits for.

A table counts its rows in a background thread; at a city's size a search's count takes a
tenth of a second on the server, and a clerk types faster than that. Each keystroke makes
the last count void, and without a stop the void count keeps a core of a 2-core machine
(and the server) busy while the next keystroke's page waits for it.

The stop is the driver's own: ``sqlite3.Connection.interrupt()`` (safe from another thread; a
statement started after the running ones ended is not affected) and psycopg's cancel request
to the server. A cancel request travels on its own, so a connection that was stopped is
closed afterwards, never handed to the next query that could receive a late cancel.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

log = logging.getLogger(__name__)


class StatementStop:
    """One stop for the statements run inside :meth:`running`, callable from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._dbapi: Any = None
        self.stopped = False

    @contextmanager
    def running(self, session: Session) -> Iterator[None]:
        """Statements of ``session`` inside this block can be stopped; a stop before it
        means the block does not run its statements at all (they raise :class:`Stopped`)."""
        connection = session.connection()
        with self._lock:
            if self.stopped:
                raise Stopped
            self._dbapi = connection.connection.dbapi_connection
        try:
            yield
        finally:
            with self._lock:
                self._dbapi = None
                stopped = self.stopped
            if stopped:
                connection.invalidate()  # closed, not pooled: a late cancel reaches nothing

    def stop(self) -> None:
        """Stop the statement running now (if any) and any later one under this stop."""
        with self._lock:
            self.stopped = True
            dbapi = self._dbapi
            if dbapi is None:
                return
            if hasattr(dbapi, "interrupt"):  # sqlite3: sets a flag, returns at once
                dbapi.interrupt()
                return
        # psycopg: a cancel request is a connection of its own to the server; the keystroke
        # that asked for the stop does not wait for it.
        threading.Thread(target=_cancel, args=(dbapi,), name="hzbz-cancel", daemon=True).start()


def _cancel(dbapi: Any) -> None:
    try:
        if hasattr(dbapi, "cancel_safe"):  # psycopg ≥ 3.2
            dbapi.cancel_safe(timeout=5.0)
        else:
            dbapi.cancel()
    except Exception:  # the statement ended and the connection closed meanwhile: nothing to stop
        log.debug("cancelling a statement found nothing to cancel", exc_info=True)


class Stopped(Exception):
    """The statements were stopped before they ran."""
