"""approved_again: a revision may become approved again after publishing withdrew it

Revision ID: approved_again
Revises: chat_view_mac
Create Date: 2026-12-07

- uq_audit_once said a revision becomes approved once (one `post.approved` record per post
  and revision). Publishing withdraws an approval whose votes no longer hold (an approver
  removed from the policy: approval_proof.approvals_check, back to pending_approval), and a
  new vote by another approver completes it again: that vote's `post.approved` record broke
  the index, and every such vote was refused as "this vote was already counted", so the
  post could leave review only by an edit (an outside walk-through, session 48).
- uq_audit_approved_by replaces it: one `post.approved` record per post, revision and
  completing approver. A person votes once per revision (uq_approval_person), so each
  completion is by someone new; two votes racing to complete one round still collide on
  uq_approval_ordinal, as before.
"""
import sqlalchemy as sa
from alembic import op

revision = "approved_again"
down_revision = "chat_view_mac"
branch_labels = None
depends_on = None

_WHERE = sa.text("action = 'post.approved'")


def upgrade() -> None:
    with op.batch_alter_table("audit_records") as batch:
        batch.drop_index("uq_audit_once", sqlite_where=_WHERE, postgresql_where=_WHERE)
        batch.create_index("uq_audit_approved_by", ["post_id", "revision", "action", "actor"],
                           unique=True, sqlite_where=_WHERE, postgresql_where=_WHERE)


def downgrade() -> None:
    # Fails where a revision was approved twice (kept, as the trail is never rewritten).
    with op.batch_alter_table("audit_records") as batch:
        batch.drop_index("uq_audit_approved_by", sqlite_where=_WHERE, postgresql_where=_WHERE)
        batch.create_index("uq_audit_once", ["post_id", "revision", "action"], unique=True,
                           sqlite_where=_WHERE, postgresql_where=_WHERE)
