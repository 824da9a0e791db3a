"""retention3: comments are purged too; purged revisions' dismissals emptied

Revision ID: retention3
Revises: accounts2
Create Date: 2026-12-06

- comments.purged_at, comments.text_digest: a settled comment past its post's monitoring
  window plus `[retention] comments_days` (or `socialbot comments purge ID`) loses its text
  and author's name; the keyed digest of the text stays ("<key id>:<digest>").
- finding_dismissals of revisions already purged lose the span text and the note, which
  the purge before session 43 left behind (an outside review, session 43).
"""
import sqlalchemy as sa
from alembic import op

revision = "retention3"
down_revision = "accounts2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("comments") as batch:
        batch.add_column(sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("text_digest", sa.String(length=60), nullable=True))
    op.execute(
        "UPDATE finding_dismissals SET text = '', note = NULL WHERE finding_id IN ("
        "SELECT findings.id FROM findings JOIN revisions ON revisions.id = findings.revision_id"
        " WHERE revisions.purged_at IS NOT NULL)"
    )


def downgrade() -> None:
    with op.batch_alter_table("comments") as batch:
        batch.drop_column("text_digest")
        batch.drop_column("purged_at")
