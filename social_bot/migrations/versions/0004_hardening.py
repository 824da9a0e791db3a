"""hardening: keyed audit chain, revision writers, retention purge

Revision ID: hardening
Revises: accounts

Existing audit records keep their plain SHA-256 hashes (key_id NULL); `socialbot init`
then appends one keyed record covering their last hash, which seals them (docs/security.md).
Existing revisions get written_by = "os:<author's login>" for revision 1 when it is known;
later revisions' writers were never recorded and stay NULL (the rule falls back to names).
"""
from alembic import op
import sqlalchemy as sa


revision = "hardening"
down_revision = "accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_records") as batch:
        batch.add_column(sa.Column("key_id", sa.String(length=16), nullable=True))
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(sa.Column("written_by", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(sa.text(
        "UPDATE revisions SET written_by = (SELECT 'os:' || posts.author_os_user FROM posts "
        "WHERE posts.id = revisions.post_id AND posts.author_os_user IS NOT NULL) "
        "WHERE number = 1"))


def downgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.drop_column("purged_at")
        batch.drop_column("written_by")
    with op.batch_alter_table("audit_records") as batch:
        batch.drop_column("key_id")
