"""signed batch exchange: this installation's key, partners' keys and the units bound to them

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 09:00:00

Batches are signed (app/services/keys.py). ``installation`` holds this copy's id and public key,
``partner_keys`` the keys registered from partners' key files, ``partner_units`` which unit codes
each unit key may send for. ``batch_imports`` remembers the signer and the sender's batch id, so a
re-signed replay of a batch is refused.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "installation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=32), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=19), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_installation")),
        sa.UniqueConstraint("uuid", name=op.f("uq_installation_uuid")),
    )
    op.create_table(
        "partner_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=19), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("installation", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("registered_by", sa.Integer(), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["registered_by"], ["users.id"], name=op.f("fk_partner_keys_registered_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_keys")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_partner_keys_fingerprint")),
    )
    op.create_table(
        "partner_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_key_id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(length=30), nullable=False),
        sa.Column("unit_name", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_key_id"], ["partner_keys.id"], name=op.f("fk_partner_units_partner_key_id_partner_keys")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_units")),
        sa.UniqueConstraint("unit_code", name=op.f("uq_partner_units_unit_code")),
    )
    with op.batch_alter_table("partner_units", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partner_units_partner_key_id"), ["partner_key_id"], unique=False)
    with op.batch_alter_table("batch_imports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sender_fingerprint", sa.String(length=19), nullable=True))
        batch_op.add_column(sa.Column("source_batch_id", sa.String(length=32), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_batch_imports_source_batch_id"), ["source_batch_id"])


def downgrade() -> None:
    with op.batch_alter_table("batch_imports", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_batch_imports_source_batch_id"), type_="unique")
        batch_op.drop_column("source_batch_id")
        batch_op.drop_column("sender_fingerprint")
    with op.batch_alter_table("partner_units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partner_units_partner_key_id"))
    op.drop_table("partner_units")
    op.drop_table("partner_keys")
    op.drop_table("installation")
