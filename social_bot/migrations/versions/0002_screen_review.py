"""findings know their source; patient authorizations (consents); finding dismissals

Revision ID: screen_review
Revises: 0001
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = 'screen_review'
down_revision = '0001'
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sa.String(length=40), nullable=False,
                                      server_default='text'))
    op.create_table('consents',
    sa.Column('id', BigId, nullable=False),
    sa.Column('patient_name', sa.String(length=200), nullable=False),
    sa.Column('scopes', sa.JSON(), nullable=False),
    sa.Column('form_ref', sa.String(length=300), nullable=True),
    sa.Column('form_sha256', sa.String(length=64), nullable=True),
    sa.Column('recorded_by', sa.String(length=200), nullable=False),
    sa.Column('recorded_os_user', sa.String(length=200), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_by', sa.String(length=200), nullable=True),
    sa.Column('revoke_reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('finding_dismissals',
    sa.Column('id', BigId, nullable=False),
    sa.Column('finding_id', sa.BigInteger(), nullable=False),
    sa.Column('post_id', sa.BigInteger(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('reason', sa.String(length=30), nullable=False),
    sa.Column('consent_id', sa.BigInteger(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('dismissed_by', sa.String(length=200), nullable=False),
    sa.Column('os_user', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('carried_from', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['finding_id'], ['findings.id'], ),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], ),
    sa.ForeignKeyConstraint(['consent_id'], ['consents.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('finding_id', name='uq_dismissal_finding')
    )
    with op.batch_alter_table('finding_dismissals', schema=None) as batch_op:
        batch_op.create_index('ix_finding_dismissals_post_id', ['post_id'], unique=False)


def downgrade() -> None:
    op.drop_table('finding_dismissals')
    op.drop_table('consents')
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_column('source')
