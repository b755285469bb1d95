"""paged tables and search: sort indexes, pinyin initials, the member search index

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 12:00:00

The window's tables page from the database (app/services/paging.py): every column they sort by
gets an index ending in the primary key, and the sortable text columns order by code point on
PostgreSQL too ("C" collation), as on SQLite. Members gain ``name_initials`` (张伟国 → ZWG) and
units ``name_key`` (pinyin order), both computed by app.rules.collation — the one place the
migration calls into the program, as the keys must be the ones the program writes. The search
index is described in app/models/search.py.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.models import search
from app.models.roster import MEMBER_SORT_INDEXES

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# (table, column, length): text columns a table sorts by.
ORDERED_TEXT = (
    ("members", "id_number", 18),
    ("members", "gender", 1),
    ("members", "phone", 30),
    ("members", "medical_card", 40),
    ("members", "social_security_card", 40),
    ("members", "jingka_card", 40),
    ("members", "bank_name", 60),
    ("members", "bank_account", 40),
    ("members", "employment", 12),
    ("claims", "claim_no", 30),
    ("claims", "plan_code", 80),
    ("claims", "benefit", 40),
    ("claims", "status", 20),
    ("claims", "relation", 10),
    ("audit_events", "username", 50),
    ("audit_events", "action", 50),
    ("audit_events", "entity", 50),
    ("audit_events", "entity_id", 50),
)
OTHER_INDEXES = {
    "ix_claims_event_date": ("claims", ("event_date", "id")),
    "ix_audit_events_username": ("audit_events", ("username", "id")),
    "ix_audit_events_action": ("audit_events", ("action", "id")),
    "ix_audit_events_entity_id": ("audit_events", ("entity_id", "id")),
}
CHUNK = 20_000


def _backfill(conn: sa.Connection, table: str, column: str, key) -> None:  # type: ignore[no-untyped-def]
    """``column`` = key(name) for every row, in chunks (a city office's roster has millions)."""
    last = 0
    while True:
        rows = conn.execute(
            sa.text(f"SELECT id, name FROM {table} WHERE id > :last ORDER BY id LIMIT {CHUNK}"),
            {"last": last},
        ).all()
        if not rows:
            return
        conn.execute(
            sa.text(f"UPDATE {table} SET {column} = :v WHERE id = :i"),
            [{"v": key(name), "i": rid} for rid, name in rows],
        )
        last = rows[-1][0]


def upgrade() -> None:
    from app.rules.collation import NUMBER_FIELDS, ascii_upper, name_initials, name_key

    conn = op.get_bind()
    dialect = conn.dialect.name
    with op.batch_alter_table("members") as batch:
        batch.add_column(sa.Column("name_initials", sa.String(50), nullable=False, server_default=""))
        batch.drop_index("ix_members_unit_id")
    key_type = sa.String(400).with_variant(sa.String(400, collation="C"), "postgresql")
    with op.batch_alter_table("units") as batch:
        batch.add_column(sa.Column("name_key", key_type, nullable=False, server_default=""))
    if dialect == "sqlite":
        search.drop_sqlite(conn)  # none yet; the backfill below must not feed triggers
    _backfill(conn, "members", "name_initials", name_initials)
    _backfill(conn, "units", "name_key", name_key)
    for field in NUMBER_FIELDS:  # letters in card numbers upper case, as the program now writes them
        rows = conn.execute(sa.text(f"SELECT id, {field} FROM members WHERE {field} <> upper({field})")).all()
        if rows:
            conn.execute(
                sa.text(f"UPDATE members SET {field} = :v WHERE id = :i"),
                [{"v": ascii_upper(v), "i": i} for i, v in rows],
            )
    if dialect == "postgresql":
        for table, column, length in ORDERED_TEXT:
            op.alter_column(table, column, type_=sa.String(length, collation="C"), existing_nullable=False)
    for name, cols in MEMBER_SORT_INDEXES.items():
        op.create_index(name, "members", list(cols))
    for name, (table, cols) in OTHER_INDEXES.items():
        op.create_index(name, table, list(cols))
    if dialect == "sqlite":
        search.create_sqlite(conn)
    elif dialect == "postgresql":
        search.create_postgresql(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        search.drop_sqlite(conn)
    else:
        op.execute(f"DROP INDEX IF EXISTS {search.PG_TRGM_INDEX}")
    for name, (table, _cols) in OTHER_INDEXES.items():
        op.drop_index(name, table_name=table)
    for name in MEMBER_SORT_INDEXES:
        op.drop_index(name, table_name="members")
    with op.batch_alter_table("units") as batch:
        batch.drop_column("name_key")
    with op.batch_alter_table("members") as batch:
        batch.create_index("ix_members_unit_id", ["unit_id"])
        batch.drop_column("name_initials")
