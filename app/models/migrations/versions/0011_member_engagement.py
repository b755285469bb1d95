"""member engagement: how an in-service worker is engaged, and a temporary worker's engagement

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 22:00:00

Seed 001 takes 正式职工、合同制职工、聘用期超过一年的临时职工: ``members.engagement`` is regular,
contract or temporary (existing members are regular), ``members.engagement_months`` a temporary
worker's engagement in months (NULL for the others).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.add_column(sa.Column("engagement", sa.String(10), nullable=False, server_default="regular"))
        batch.add_column(sa.Column("engagement_months", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.drop_column("engagement_months")
        batch.drop_column("engagement")
