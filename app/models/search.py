"""member_search: the index behind the roster's search box, on SQLite and on PostgreSQL.

A member's *search document* is one text joining the fields a clerk searches by, each between
``|`` separators::

    |张伟国|ZWG|110101199003074514|13800001111|<医保卡>|<社保卡>|<京卡>|<银行账号>|

Every search is a substring test on that document, so both databases answer the same question
(app/services/member_search.py turns the clerk's text into the substrings). The index that
makes the test fast differs:

The document is the columns as stored, with no function applied: the letters it holds are
upper case already (pinyin initials are stored so, card and account numbers are written so), and
a function per row would cost more than the search (PostgreSQL's translate() took 15 µs a row).

- SQLite: an FTS5 table with the trigram tokenizer, contentless (the document is not stored
  twice) and case-sensitive (as the SQL test is). A phrase query
  on it is an exact substring test for 3+ characters. Triggers keep it in step with ``members``;
  a bulk insert sets ``member_search_state.bulk`` so the triggers stand aside, then indexes the
  new rows with one INSERT … SELECT in the same transaction (a trigger per row costs 12× the
  insert itself: FTS5 flushes its pending terms at every statement savepoint).
- PostgreSQL: a GIN trigram index (pg_trgm) on the same expression; ``LIKE '%…%'`` uses it and
  rechecks each candidate row, so the answer is exact. pg_trgm treats ``|`` as a word boundary,
  which is what the prefix searches (``|张``) need.

Where the index is missing (pg_trgm not installable by the database's owner, or an SQLite
without FTS5) the same predicates still run, by scanning: slower, never different.
"""

from __future__ import annotations

from sqlalchemy import Connection

SEARCHED_FIELDS = (
    "name",
    "name_initials",
    "id_number",
    "phone",
    "medical_card",
    "social_security_card",
    "jingka_card",
    "bank_account",
)
FTS_TABLE = "member_search"
STATE_TABLE = "member_search_state"
PG_TRGM_INDEX = "ix_members_search_trgm"


def document_sql(dialect: str, prefix: str = "") -> str:
    """The search document as an SQL expression over ``members`` (``prefix``: e.g. ``new.``); the
    same text on both databases (``dialect`` is kept for the day they must differ)."""
    joined = " || '|' || ".join(f"{prefix}{f}" for f in SEARCHED_FIELDS)
    return f"'|' || {joined} || '|'"


def _fts_rows_sql(where: str) -> str:
    return f"INSERT INTO {FTS_TABLE}(rowid, doc) SELECT id, {document_sql('sqlite')} FROM members {where}"


def create_sqlite(conn: Connection) -> None:
    """The FTS5 table, its triggers and the bulk switch; indexes the rows already there."""
    conn.exec_driver_sql(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(doc, content='', tokenize='trigram case_sensitive 1')"
    )
    conn.exec_driver_sql(f"CREATE TABLE {STATE_TABLE} (id INTEGER PRIMARY KEY, bulk INTEGER NOT NULL)")
    conn.exec_driver_sql(f"INSERT INTO {STATE_TABLE} (id, bulk) VALUES (1, 0)")
    new, old = document_sql("sqlite", "new."), document_sql("sqlite", "old.")
    quiet = f"(SELECT bulk FROM {STATE_TABLE} WHERE id = 1) = 0"
    fields = ", ".join(SEARCHED_FIELDS)
    conn.exec_driver_sql(
        f"CREATE TRIGGER members_search_insert AFTER INSERT ON members WHEN {quiet} BEGIN "
        f"INSERT INTO {FTS_TABLE}(rowid, doc) VALUES (new.id, {new}); END"
    )
    conn.exec_driver_sql(
        f"CREATE TRIGGER members_search_update AFTER UPDATE OF {fields} ON members BEGIN "
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, doc) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {FTS_TABLE}(rowid, doc) VALUES (new.id, {new}); END"
    )
    conn.exec_driver_sql(
        f"CREATE TRIGGER members_search_delete AFTER DELETE ON members BEGIN "
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, doc) VALUES ('delete', old.id, {old}); END"
    )
    conn.exec_driver_sql(_fts_rows_sql(""))


def drop_sqlite(conn: Connection) -> None:
    for trigger in ("members_search_insert", "members_search_update", "members_search_delete"):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {STATE_TABLE}")


def create_postgresql(conn: Connection) -> bool:
    """pg_trgm and the trigram index, when the database lets this user create them."""
    conn.exec_driver_sql("SAVEPOINT hzbz_trgm")
    try:
        conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # not installed, or not allowed: search scans instead (README says how to add it)
        conn.exec_driver_sql("ROLLBACK TO SAVEPOINT hzbz_trgm")
        return False
    conn.exec_driver_sql("RELEASE SAVEPOINT hzbz_trgm")
    conn.exec_driver_sql(
        f"CREATE INDEX IF NOT EXISTS {PG_TRGM_INDEX} ON members "
        f"USING gin (({document_sql('postgresql')}) gin_trgm_ops)"
    )
    return True


def bulk_begin(conn: Connection) -> int | None:
    """Before inserting many members on SQLite: the triggers stand aside. Returns the highest
    member id so far (for ``bulk_end``), or None on databases that need nothing."""
    if conn.dialect.name != "sqlite" or not has_fts(conn):
        return None
    conn.exec_driver_sql(f"UPDATE {STATE_TABLE} SET bulk = 1 WHERE id = 1")
    return int(conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM members").scalar() or 0)


def bulk_end(conn: Connection, before: int | None) -> None:
    """Index the members inserted since ``bulk_begin`` in one statement (in rowid order: cheap)."""
    if before is None:
        return
    conn.exec_driver_sql(_fts_rows_sql(f"WHERE id > {int(before)} ORDER BY id"))
    conn.exec_driver_sql(f"UPDATE {STATE_TABLE} SET bulk = 0 WHERE id = 1")


def has_fts(conn: Connection) -> bool:
    return (
        conn.exec_driver_sql(
            f"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{FTS_TABLE}'"
        ).scalar()
        == 1
    )


def has_trigram_index(conn: Connection) -> bool:
    return (
        conn.exec_driver_sql(f"SELECT count(*) FROM pg_indexes WHERE indexname = '{PG_TRGM_INDEX}'").scalar()
        == 1
    )
