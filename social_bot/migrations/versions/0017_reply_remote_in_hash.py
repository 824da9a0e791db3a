"""reply_remote_in_hash: the answered comment's platform id is part of what a reply's votes approve

Revision ID: reply_remote_in_hash
Revises: reply_in_hash
Create Date: 2026-12-07

- revisions.reply_to_platform, revisions.reply_to_remote_id: the platform and platform id of
  the comment a reply revision answers, covered by the revision's keyed content hash
  (RevisionContent.reply_remote). Before, only the comment row named them
  (comments.remote_id, outside every hash): swapped between two comments in the database, an
  approved reply went out under the other person's comment (an attack re-review, session
  49, finding D). NULL on a post, and on every revision written before: no backfill, since
  the hash those votes approved did not cover them (publish_gate checks those replies
  against the comment's keyed records).
"""
import sqlalchemy as sa
from alembic import op

revision = "reply_remote_in_hash"
down_revision = "reply_in_hash"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(sa.Column("reply_to_platform", sa.String(20), nullable=True))
        batch.add_column(sa.Column("reply_to_remote_id", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.drop_column("reply_to_remote_id")
        batch.drop_column("reply_to_platform")
