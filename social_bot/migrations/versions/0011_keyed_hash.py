"""keyed_hash: a revision's content hash is keyed with the audit key

Revision ID: keyed_hash
Revises: retention3
Create Date: 2026-12-07

- revisions.hash_key_id: the id of the audit key a revision's content hash is an HMAC
  under. The hash outlives `post purge` and is in every audit export; a plain SHA-256 let
  whoever held an export confirm a guessed post text (an outside review, session 43).
  Existing revisions keep their plain hash and a NULL here: they stay valid and
  publishable, never re-hashed (votes and keyed audit records name that hash).
"""
import sqlalchemy as sa
from alembic import op

revision = "keyed_hash"
down_revision = "retention3"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(sa.Column("hash_key_id", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.drop_column("hash_key_id")
