"""period subsidy: the subsidy per person a coverage period grants, when it differs from the plan's

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 16:00:00

``coverage_periods.subsidy_fen`` (NULL: the plan's subsidy) is set by ``period add --subsidy S``;
the enrollment fee of the period uses it (standard − subsidy per paying person).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("coverage_periods") as batch:
        batch.add_column(sa.Column("subsidy_fen", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("coverage_periods") as batch:
        batch.drop_column("subsidy_fen")
