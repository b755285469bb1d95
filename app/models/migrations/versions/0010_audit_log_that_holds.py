"""an audit log that holds: entries numbered in the chain (seq, unique)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 16:00:00

``seq`` numbers the entries 1, 2, 3 … in chain order; unique, so two writers can never append
two entries after the same one (a fork). Existing entries are numbered in id order. The chain is
keyed from the next entry on (app/services/audit_key.py: the key is made on the first append).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE audit_events SET seq = r.n FROM "
        "(SELECT id, row_number() OVER (ORDER BY id) AS n FROM audit_events) AS r "
        "WHERE audit_events.id = r.id"
    )
    with op.batch_alter_table("audit_events") as batch:
        batch.create_unique_constraint(op.f("uq_audit_events_seq"), ["seq"])


def downgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_constraint(op.f("uq_audit_events_seq"), type_="unique")
        batch.drop_column("seq")
