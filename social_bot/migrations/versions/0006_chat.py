"""chat: replay memory in the database, revisions shown to approvers, refusal counts, holds

Revision ID: chat
Revises: platforms
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "chat"
down_revision = "platforms"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
When = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "chat_replays",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("expires_at", When, nullable=False),
        sa.PrimaryKeyConstraint("signature"),
    )
    op.create_index("ix_chat_replays_expires_at", "chat_replays", ["expires_at"])
    op.create_table(
        "chat_views",
        sa.Column("id", BigId, nullable=False),
        sa.Column("identity", sa.String(length=200), nullable=False),
        sa.Column("post_id", sa.BigInteger(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("shown_at", When, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("identity", "post_id", "content_hash", name="uq_chat_view"),
    )
    op.create_index("ix_chat_views_post_id", "chat_views", ["post_id"])
    op.create_table(
        "chat_refusals",
        sa.Column("identity", sa.String(length=200), nullable=False),
        sa.Column("window_start", When, nullable=False),
        sa.Column("refused", sa.Integer(), nullable=False),
        sa.Column("suppressed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("identity"),
    )
    op.create_table(
        "post_holds",
        sa.Column("id", BigId, nullable=False),
        sa.Column("post_id", sa.BigInteger(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("held_by", sa.String(length=200), nullable=False),
        sa.Column("identity", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("held_at", When, nullable=False),
        sa.Column("released_at", When, nullable=True),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_post_holds_post_id", "post_holds", ["post_id"])
    op.create_table(
        "hold_releases",
        sa.Column("id", BigId, nullable=False),
        sa.Column("hold_id", sa.BigInteger(), nullable=False),
        sa.Column("approver", sa.String(length=200), nullable=False),
        sa.Column("identity", sa.String(length=200), nullable=False),
        sa.Column("created_at", When, nullable=False),
        sa.ForeignKeyConstraint(["hold_id"], ["post_holds.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("hold_id", "approver", name="uq_hold_release_person"),
    )
    op.create_index("ix_hold_releases_hold_id", "hold_releases", ["hold_id"])


def downgrade() -> None:
    for table in ("hold_releases", "post_holds", "chat_refusals", "chat_views", "chat_replays"):
        op.drop_table(table)
