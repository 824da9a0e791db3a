"""audit_consent: an index on the consent each `consent.*` audit record names

Revision ID: audit_consent
Revises: reply_remote_in_hash
Create Date: 2026-12-07

- ix_audit_consent: every check of an authorization (a dismissal citing it, each claim of
  a post resting on it, each card that shows it) looked for its `consent.added` and
  `consent.revoked` records by reading every consent record in the trail and parsing its
  detail: a cost that grew with the practice's authorizations (session 50;
  bench/consent_scale.py). The consent's id is only in the keyed detail, so the index is on
  an expression of the detail itself, never on a column of its own: a database edit cannot
  move a record out of the index's reach without changing the detail its MAC covers.
  Partial, on the two consent actions only: the expression is never evaluated on any
  other record (a detail that is not JSON would make it fail).
"""
from alembic import op

revision = "audit_consent"
down_revision = "reply_remote_in_hash"
branch_labels = None
depends_on = None


# The expression as consents.CONSENT_OF writes it in its query, character for character:
# a planner uses an expression index only for the same expression.
CONSENT_OF = {"sqlite": "json_extract(detail, '$.consent')",
              "postgresql": "(CAST(detail AS JSONB) ->> 'consent')"}


def upgrade() -> None:
    expression = CONSENT_OF[op.get_bind().dialect.name]
    op.execute(f"CREATE INDEX ix_audit_consent ON audit_records ({expression}, seq) "
               "WHERE action IN ('consent.added', 'consent.revoked')")


def downgrade() -> None:
    op.drop_index("ix_audit_consent", table_name="audit_records")
