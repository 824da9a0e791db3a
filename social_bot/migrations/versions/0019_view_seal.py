"""view_seal: a view row counts only with the chat door's seal

Revision ID: view_seal
Revises: audit_consent
Create Date: 2026-12-07

- chat_views.seal / chat_views.seal_key: the Ed25519 signature of the door's vote key over
  who was shown which revision of which post and when, and the id of the key that made it
  (chat_views.view_sealed). The HMAC under the audit key (mac, key_id; session 47) is one
  every staff login can make: a planted row let an approver's plain `approve ID` count for
  an edit they never saw (an outside attack review, session 50, finding 4). Rows written
  before carry no seal and no longer count as shown: approvers `show` again.
"""
import sqlalchemy as sa
from alembic import op

revision = "view_seal"
down_revision = "audit_consent"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("chat_views") as batch:
        batch.add_column(sa.Column("seal", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("seal_key", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("chat_views") as batch:
        batch.drop_column("seal_key")
        batch.drop_column("seal")
