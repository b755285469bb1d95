"""the 统计 tab's counts read indexes only

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 16:10:00

Participation per unit in a period and enrollments per period are counted from covering
indexes, so a city office's 统计 refresh does not read a million table rows (issue 17):
``ix_members_unit_left`` (a unit's members in service), ``ix_members_id_unit_left`` (a member's
unit and leaving date without the wide row) and ``ix_enrollments_period_status_unit``.
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_members_unit_left": ("members", ["unit_id", "left_on"]),
    "ix_members_id_unit_left": ("members", ["id", "unit_id", "left_on"]),
    "ix_enrollments_period_status_unit": ("enrollments", ["period_id", "status", "unit_id"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
