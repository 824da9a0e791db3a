"""reply_in_hash: the comment a reply answers is part of the revision its votes approve

Revision ID: reply_in_hash
Revises: approval_round
Create Date: 2026-12-07

- revisions.reply_to_comment_id: the comment a reply revision answers, covered by the
  revision's keyed content hash (RevisionContent.reply_to). Before, only the post row named
  it (posts.reply_to_comment_id), outside every hash and check: a database edit could point
  an approved reply at another person's comment, or clear it so the reply went out as a post
  (an outside review, session 49, finding 6). NULL on a post, and on every revision written
  before: those are checked against their keyed `post.created` record (publish_gate).
"""
import sqlalchemy as sa
from alembic import op

revision = "reply_in_hash"
down_revision = "approval_round"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(sa.Column("reply_to_comment_id", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.drop_column("reply_to_comment_id")
