"""hardening2: comments get a state for a pending policy hide

Revision ID: hardening2
Revises: chat

A hide the policy still owes was marked by last_error starting with "auto-hide" on a
flagged comment; it is now the state hide_pending (a failed attempt's reason stays in
last_error, the old "auto-hide pending" marker text is dropped).
"""
from alembic import op
import sqlalchemy as sa


revision = "hardening2"
down_revision = "chat"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.text(
        "UPDATE comments SET state = 'hide_pending' WHERE state = 'flagged' "
        "AND NOT hidden_on_platform AND resolved_by IS NULL AND last_error LIKE 'auto-hide%'"))
    op.execute(sa.text(
        "UPDATE comments SET last_error = NULL WHERE state = 'hide_pending' "
        "AND last_error LIKE 'auto-hide pending%'"))


def downgrade() -> None:
    op.execute(sa.text(
        "UPDATE comments SET state = 'flagged', last_error = COALESCE(last_error, "
        "'auto-hide pending: the daemon is hiding it on the platform') "
        "WHERE state = 'hide_pending'"))
