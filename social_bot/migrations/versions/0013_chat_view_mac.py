"""chat_view_mac: a keyed MAC on each revision shown to an approver in chat

Revision ID: chat_view_mac
Revises: audit_action
Create Date: 2026-12-07

- chat_views.mac, chat_views.key_id: a plain `approve ID` counts only for a revision its
  voter was shown, and that rested on an unkeyed row: a database administrator could insert
  one and make an approver's vote count for a revision never put in front of them, with
  `audit verify` passing (an outside review, session 47). Each row now carries an HMAC under
  the audit key (chat/memory.py). Rows written before have none: a plain approve after
  them is refused until a fresh `show` writes a keyed row.
"""
import sqlalchemy as sa
from alembic import op

revision = "chat_view_mac"
down_revision = "audit_action"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("chat_views") as batch:
        batch.add_column(sa.Column("mac", sa.String(64), nullable=True))
        batch.add_column(sa.Column("key_id", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("chat_views") as batch:
        batch.drop_column("key_id")
        batch.drop_column("mac")
