"""platforms2: the daily call budget shared by every daemon; a comment's parent on the platform

Revision ID: platforms2
Revises: hardening2
Create Date: 2026-12-02

- call_budget: calls spent per platform and UTC day, counted in the database so that every
  daemon process (and a restarted one) draws on one budget.
- comments.parent_remote_id: the platform id of the comment a reply answers (LinkedIn deletes
  a nested reply through its parent comment's URN, not the post's).
"""
import sqlalchemy as sa
from alembic import op

revision = "platforms2"
down_revision = "hardening2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "call_budget",
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("used", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "day"),
    )
    with op.batch_alter_table("comments") as batch:
        batch.add_column(sa.Column("parent_remote_id", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("comments") as batch:
        batch.drop_column("parent_remote_id")
    op.drop_table("call_budget")
