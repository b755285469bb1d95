"""a payment recorded wrongly is voided with a reason, never deleted

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 16:00:00

``contributions.voided_at`` / ``voided_by`` / ``void_reason``: a voided payment stays on record (and
in the audit log) but no longer counts toward what the unit has paid; a correction is a void and a
new payment.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contributions") as batch:
        batch.add_column(sa.Column("voided_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("voided_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("void_reason", sa.String(200), nullable=False, server_default=""))
        batch.create_foreign_key("fk_contributions_voided_by_users", "users", ["voided_by"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("contributions") as batch:
        batch.drop_constraint("fk_contributions_voided_by_users", type_="foreignkey")
        batch.drop_column("void_reason")
        batch.drop_column("voided_by")
        batch.drop_column("voided_at")
