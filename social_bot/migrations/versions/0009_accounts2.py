"""accounts2: the account each delivery went to

Revision ID: accounts2
Revises: platforms2
Create Date: 2026-12-06

- deliveries.account: where the delivery was published ("organization 123", "Page 456",
  "@handle"), recorded when it is claimed, so `post show` and the audit trail say which
  account a post went to after a `socialbot connect` to another one.
"""
import sqlalchemy as sa
from alembic import op

revision = "accounts2"
down_revision = "platforms2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("account", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("account")
