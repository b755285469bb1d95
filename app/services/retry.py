"""Concurrent writers: wait for the other one, retry on a collision, say it in a clerk's words.

* SQLite lets one writer at a time; a transaction that read before another committed cannot
  write at all (SQLITE_BUSY_SNAPSHOT). PostgreSQL reports serialization failures and
  deadlocks. Both mean "run the whole transaction again": :func:`run_retrying` does, telling
  the clerk 正在等待其他操作完成… (through :func:`set_waiting_notice`) while it waits.
* Two clerks taking the same new number (a claim number, a unit code) collide on a unique
  constraint; the loser runs again and takes the next number.
* A unique refusal that is not about a number (the same ID number entered by two clerks at
  once) becomes a sentence: :func:`unique_sentence`.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

T = TypeVar("T")
P = ParamSpec("P")
WAITING = "正在等待其他操作完成…"
WAIT_LIMIT = 120.0  # seconds of waiting for another writer before giving up
log = logging.getLogger("hzbz")
_notice: list[Callable[[str], None]] = []


def set_waiting_notice(show: Callable[[str], None] | None) -> None:
    """Where 正在等待其他操作完成… goes (the CLI's stderr, the window's status bar)."""
    _notice.clear()
    if show is not None:
        _notice.append(show)


def _sqlstate(exc: DBAPIError) -> str:
    return str(getattr(exc.orig, "sqlstate", "") or getattr(exc.orig, "pgcode", "") or "")


def is_busy(exc: BaseException) -> bool:
    """Another writer holds the database, or our snapshot went stale: run again."""
    if not isinstance(exc, DBAPIError):
        return False
    if _sqlstate(exc) in ("40001", "40P01", "55P03"):  # serialization, deadlock, lock not available
        return True
    text = str(exc.orig).lower()
    return isinstance(exc, OperationalError) and ("database is locked" in text or "database is busy" in text)


def is_unique(exc: BaseException) -> bool:
    if not isinstance(exc, IntegrityError):
        return False
    return _sqlstate(exc) == "23505" or "unique constraint" in str(exc.orig).lower()


def run_retrying(
    work: Callable[[], T],
    *,
    collisions: int = 8,
    collided: Callable[[IntegrityError], bool] = is_unique,
) -> T:
    """``work()`` (one whole transaction), again while the database is busy or a new number
    collided (``collided`` tells a number's collision from a real duplicate)."""
    started = time.monotonic()
    delay, told, tries = 0.05, False, 0
    while True:
        try:
            return work()
        except DBAPIError as exc:
            if is_busy(exc) and time.monotonic() - started < WAIT_LIMIT:
                if not told and time.monotonic() - started > 0.5:
                    for show in _notice:
                        show(WAITING)
                    told = True
                log.info("database busy, running the transaction again: %s", type(exc.orig).__name__)
            elif isinstance(exc, IntegrityError) and tries < collisions and collided(exc):
                tries += 1
                log.info("a new number collided with another writer's, taking the next one")
            else:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 1.0)


def waits_for_other_writers(method: Callable[P, T]) -> Callable[P, T]:
    """A service write that, while another writer holds the database, waits and runs again
    (saying 正在等待其他操作完成…) instead of failing with "database is locked"."""

    @functools.wraps(method)
    def write(*args: P.args, **kwargs: P.kwargs) -> T:
        return run_retrying(lambda: method(*args, **kwargs), collisions=0)

    return write


# Which value a unique constraint guards, as the clerk calls it (constraint or column names).
_UNIQUE_FIELDS = (
    ("id_number", "身份证号码"),
    ("units_code", "单位编码"),
    ("units.code", "单位编码"),
    ("claim_no", "理赔编号"),
    ("claim_counters", "理赔编号"),
    ("username", "用户名"),
    ("name_key", "用户名"),
    ("manifest_sha256", "批次"),
    ("source_batch_id", "批次"),
)


def unique_sentence(exc: IntegrityError) -> str:
    """A unique refusal in the clerk's words (no values: they stay out of messages and logs)."""
    text = str(exc.orig).lower()
    what = next((label for key, label in _UNIQUE_FIELDS if key in text), "这条记录")
    return f"{what}已由另一操作同时登记，本次未做任何修改；请刷新后查看，需要时重试"
