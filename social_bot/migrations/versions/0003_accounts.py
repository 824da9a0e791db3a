"""account_notices: token warnings sent to chat, at most once per token, kind and day

Revision ID: accounts
Revises: screen_review
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "accounts"
down_revision = "screen_review"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "account_notices",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("fingerprint", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("platform", "fingerprint", "kind", "day", name="uq_account_notice"),
    )


def downgrade() -> None:
    op.drop_table("account_notices")
