"""hospital sign-in (OIDC): external identities (issuer + subject) linked to accounts

Revision ID: 0008_oidc
Revises: 0008_feedtags
Create Date: 2026-12-02 05:30:00

"""
from alembic import op
import sqlalchemy as sa

import community.db  # noqa: F401  (UTCDateTime)


# revision identifiers, used by Alembic.
revision = '0008_oidc'
down_revision = '0008_feedtags'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('external_identities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('issuer', sa.String(length=255), nullable=False),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('granted_role', sa.Enum('PATIENT', 'CLINICIAN', 'MODERATOR', 'QUALITY', 'ADMIN', name='role', native_enum=False, length=16), nullable=True),
    sa.Column('created_at', community.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', community.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_external_identities_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_external_identities')),
    sa.UniqueConstraint('issuer', 'subject', name=op.f('uq_external_identities_issuer'))
    )
    with op.batch_alter_table('external_identities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_external_identities_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('external_identities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_external_identities_user_id'))
    op.drop_table('external_identities')
