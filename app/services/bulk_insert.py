"""Many rows into one table at the driver's executemany, from columns.

SQLAlchemy's ``conn.execute(table.insert(), dicts)`` processes every parameter of every row in
Python (about 10 µs a row); here each column's bind processor (dates as ISO text on SQLite …)
runs once over the column with ``map`` and the row tuples are zipped at C level. Runs in the
caller's transaction, so a failed or cancelled import still writes nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from typing import Any

from sqlalchemy import Table, event
from sqlalchemy.orm import Session

CHUNK = 5000


class Each(list):  # type: ignore[type-arg]
    """A column given row by row (any other value in ``insert_columns`` is the same for every row)."""


def insert_columns(s: Session, table: Table, values: Mapping[str, Any]) -> int:
    """Insert rows given as ``column name → Each([...]) or one value for all``; returns the count.

    At least one value must be an ``Each``; all of them must be equally long.
    """
    lengths = {len(v) for v in values.values() if isinstance(v, Each)}
    if len(lengths) != 1:
        raise ValueError("insert_columns: give at least one Each column, all of one length")
    total = lengths.pop()
    if not total:
        return 0
    dialect = s.get_bind().dialect
    columns: list[Iterable[Any]] = []
    for name, value in values.items():
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)  # as Core would
        if isinstance(value, Each):
            columns.append(_processed(process, value) if process else value)
        else:
            columns.append(repeat(process(value) if process and value is not None else value))
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table.name} ({', '.join(values)}) VALUES ({', '.join(mark for _ in values)})"
    rows: Sequence[tuple[Any, ...]] = list(zip(*columns))  # noqa: B905 - repeat() columns are endless
    conn = s.connection()
    for i in range(0, total, CHUNK):
        conn.exec_driver_sql(sql, rows[i : i + CHUNK])
    return total


def _processed(process: Any, values: list[Any]) -> Iterable[Any]:
    """``map(process, values)``, processing each distinct value once (dates repeat: a batch has a few)."""
    try:
        done = {v: process(v) for v in set(values)}
    except TypeError:  # unhashable values
        return map(process, values)
    return map(done.__getitem__, values)


@contextlib.contextmanager
def roomy_cache(s: Session, mib: int = 64) -> Iterator[None]:
    """A bigger SQLite page cache for one bulk transaction, restored after.

    SQLite's default 2 MiB cache is smaller than the indexes a 100k-row insert touches, so it
    spills dirty pages to the WAL mid-transaction and rewrites them later. Changes no
    durability setting: the commit is as safe as any other. Other databases: nothing to do.
    """
    conn = s.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = {-1024 * mib}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


_RESTORE = "hzbz_cache_size_after"


def roomy_cache_until_returned(s: Session, mib: int = 64) -> None:
    """``roomy_cache`` for the rest of the session's transaction: restored when the connection goes
    back to the pool, after the commit or rollback.

    Shrinking the cache while the transaction's pages are still dirty makes SQLite write them to
    the WAL there and then (~0.3 s after a 100k-member batch), ahead of the commit that writes
    them anyway. Other databases: nothing to do.
    """
    conn = s.connection()
    if conn.dialect.name != "sqlite":
        return
    info = conn.connection.info
    if _RESTORE not in info:
        info[_RESTORE] = int(conn.exec_driver_sql("PRAGMA cache_size").scalar() or -2000)
    pool = conn.engine.pool
    if not event.contains(pool, "checkin", _restore_cache):
        event.listen(pool, "checkin", _restore_cache)
    conn.exec_driver_sql(f"PRAGMA cache_size = {-1024 * mib}")


def _restore_cache(dbapi_conn: Any, record: Any) -> None:
    before = record.info.pop(_RESTORE, None)
    if before is not None and dbapi_conn is not None:
        cur = dbapi_conn.cursor()
        try:
            cur.execute(f"PRAGMA cache_size = {int(before)}")
        finally:
            cur.close()


@contextlib.contextmanager
def indexes_built_after(s: Session, table: str, incoming: int, existing: int) -> Iterator[None]:
    """On SQLite, an insert of more rows than the table holds drops the table's plain indexes and
    builds them again after the rows, in the same transaction.

    Each row otherwise goes into every index at a random place: past a few hundred thousand rows
    the indexes outgrow the page cache and the insert slows down row by row (a million-row roster,
    15 indexes: 131 s of executemany); ``CREATE INDEX`` sorts once. Unique indexes stay, as they
    check the rows while they come. A rollback (an error, a cancel) restores the indexes with
    the rest. Other databases, or a small insert: nothing to do.
    """
    conn = s.connection()
    if conn.dialect.name != "sqlite" or incoming < _REBUILD_FROM or incoming <= existing:
        yield
        return
    plain = [
        (name, sql)
        for name, sql in conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            (table,),
        )
        if not sql.lstrip().upper().startswith("CREATE UNIQUE")
    ]
    # Python's sqlite3 begins the transaction before a DELETE, never before DDL: without this
    # no-op write the DROPs would run on their own and stay dropped after a rollback.
    conn.exec_driver_sql(f'DELETE FROM "{table}" WHERE 0')
    for name, _sql in plain:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, sql in plain:
        conn.exec_driver_sql(sql)


_REBUILD_FROM = 20_000
