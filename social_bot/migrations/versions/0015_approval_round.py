"""approval_round: a revision may be approved again in every round, once per round

Revision ID: approval_round
Revises: approved_again
Create Date: 2026-12-07

- uq_audit_approved_by (0014) allowed one `post.approved` record per revision and completing
  approver: after more remove/re-add rounds of approvers than there are approvers, every
  approve of a post whose votes held again was refused and only an edit got it out (an
  outside review, session 48; kept then as a known limit).
- uq_audit_approval_round replaces it: one `post.approved` record per revision and approval
  round. A round begins with each status change of the revision into pending_approval (the
  screen's, publishing's send-back, a finding cleared again), counted from the keyed trail
  (approval_proof.approval_round); a replayed or raced approval of the same round collides.
- Existing `post.approved` records get the round they were taken in: the number of records
  of their revision before them that moved it into pending_approval (canonical JSON, so the
  text `"to": "pending_approval"`). Their keyed detail has no "round" (verify accepts that).
"""
import sqlalchemy as sa
from alembic import op

revision = "approval_round"
down_revision = "approved_again"
branch_labels = None
depends_on = None

_WHERE = sa.text("action = 'post.approved'")
_BACKFILL = sa.text("""
UPDATE audit_records SET approval_round = (
    SELECT count(*) FROM audit_records AS began
    WHERE began.post_id = audit_records.post_id AND began.revision = audit_records.revision
      AND began.seq < audit_records.seq AND began.detail LIKE '%"to": "pending_approval"%')
WHERE action = 'post.approved'
""")


def upgrade() -> None:
    with op.batch_alter_table("audit_records") as batch:
        batch.drop_index("uq_audit_approved_by", sqlite_where=_WHERE, postgresql_where=_WHERE)
    op.add_column("audit_records", sa.Column("approval_round", sa.Integer(), nullable=True))
    op.execute(_BACKFILL)
    with op.batch_alter_table("audit_records") as batch:
        batch.create_index("uq_audit_approval_round", ["post_id", "revision", "approval_round"],
                           unique=True, sqlite_where=_WHERE, postgresql_where=_WHERE)


def downgrade() -> None:
    # Fails where one approver approved a revision in two rounds (kept: the trail is never
    # rewritten).
    with op.batch_alter_table("audit_records") as batch:
        batch.drop_index("uq_audit_approval_round", sqlite_where=_WHERE,
                         postgresql_where=_WHERE)
        batch.drop_column("approval_round")
        batch.create_index("uq_audit_approved_by", ["post_id", "revision", "action", "actor"],
                           unique=True, sqlite_where=_WHERE, postgresql_where=_WHERE)
