"""deliveries.hold_kind: why a held delivery waits (a setting, a reconnect, a person)

Revision ID: platforms
Revises: hardening
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "platforms"
down_revision = "hardening"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("hold_kind", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("hold_kind")
