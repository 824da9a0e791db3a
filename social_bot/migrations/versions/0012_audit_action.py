"""audit_action: an index on audit_records (action, seq)

Revision ID: audit_action
Revises: keyed_hash
Create Date: 2026-12-07

- ix_audit_action_seq: every decision looks for the trail's last `policy.changed` record,
  and a new one for the first record holding its file's policy (policy_audit). With no
  index on `action` both read the trail from its end or its start: for a file the trail
  never named, the whole trail, under the head's lock that every writer waits on (an
  outside review, session 46; bench/policy_pointer_search.py). With it they read the
  `policy.changed` records only, in seq order.
"""
from alembic import op

revision = "audit_action"
down_revision = "keyed_hash"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_audit_action_seq", "audit_records", ["action", "seq"])


def downgrade() -> None:
    op.drop_index("ix_audit_action_seq", table_name="audit_records")
