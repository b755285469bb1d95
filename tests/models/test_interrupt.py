"""A statement stopped from another thread ends at once, and its connection is never reused."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.models.db import SessionFactory
from app.models.interrupt import StatementStop, Stopped

# Far longer than any test may run: only a stop ends them.
ENDLESS = {
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n",
    "postgresql": "SELECT pg_sleep(600)",
}


def _backend_pid(sessions: SessionFactory) -> object:
    with sessions() as s:
        if s.get_bind().dialect.name == "sqlite":
            return None
        return s.scalar(text("SELECT pg_backend_pid()"))


def test_a_running_statement_stops(sessions: SessionFactory) -> None:
    stop = StatementStop()
    started, outcome = threading.Event(), []

    def run() -> None:
        with sessions() as s:
            dialect = s.get_bind().dialect.name
            try:
                with stop.running(s):
                    started.set()
                    s.execute(text(ENDLESS[dialect]))
                outcome.append("finished")
            except DBAPIError as e:
                outcome.append(type(e.orig).__name__)

    worker = threading.Thread(target=run)
    worker.start()
    assert started.wait(30)
    # The stop may come a moment before the statement reaches the database; a stop repeats
    # harmlessly until the worker is done.
    for _ in range(600):
        stop.stop()
        worker.join(timeout=0.05)
        if not worker.is_alive():
            break
    assert not worker.is_alive(), "the statement did not stop"
    assert outcome and outcome[0] in {"OperationalError", "QueryCanceled"}
    assert stop.stopped
    # The pool goes on working, on a new connection (a late cancel could not reach a reused one).
    with sessions() as s:
        assert s.scalar(text("SELECT 1")) == 1


def test_a_stop_before_the_statement_keeps_it_from_running(sessions: SessionFactory) -> None:
    stop = StatementStop()
    stop.stop()
    with sessions() as s, pytest.raises(Stopped), stop.running(s):
        s.execute(text(ENDLESS[s.get_bind().dialect.name]))


def test_a_finished_statement_leaves_its_connection_to_the_pool(sessions: SessionFactory) -> None:
    stop = StatementStop()
    first = _backend_pid(sessions)
    with sessions() as s, stop.running(s):
        assert s.scalar(text("SELECT 2")) == 2
    stop.stop()  # after the block: nothing runs, nothing is stopped
    assert _backend_pid(sessions) == first
    with sessions() as s:
        assert s.scalar(text("SELECT 3")) == 3
