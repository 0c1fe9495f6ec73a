"""introductions: introduction pipeline, pair blocks, matcher settings, fitted outcome models

Revision ID: 73489c530924
Revises: 0001_initial
Create Date: 2026-11-25 12:19:14.231613
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '73489c530924'
down_revision = '0001_initial'
branch_labels = ('introductions',)
depends_on = None


def upgrade() -> None:
    op.create_table('introduction',
    sa.Column('member_a_id', sa.String(length=36), nullable=False),
    sa.Column('member_b_id', sa.String(length=36), nullable=False),
    sa.Column('stage', sa.String(length=24), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=True),
    sa.Column('matchmaker_id', sa.String(length=36), nullable=True),
    sa.Column('proposed_at', sa.DateTime(), nullable=False),
    sa.Column('proposed_by', sa.String(length=36), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('a_response', sa.String(length=8), nullable=True),
    sa.Column('a_responded_at', sa.DateTime(), nullable=True),
    sa.Column('b_response', sa.String(length=8), nullable=True),
    sa.Column('b_responded_at', sa.DateTime(), nullable=True),
    sa.Column('contacts_exchanged_at', sa.DateTime(), nullable=True),
    sa.Column('met_on', sa.Date(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('withdraw_reason', sa.String(length=24), nullable=True),
    sa.Column('follow_up_ids', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_introduction'))
    )
    with op.batch_alter_table('introduction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_introduction_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_introduction_matchmaker_id'), ['matchmaker_id'], unique=False)
        batch_op.create_index('ix_introduction_pair', ['member_a_id', 'member_b_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_introduction_member_b_id'), ['member_b_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_introduction_stage'), ['stage'], unique=False)
        batch_op.create_index(batch_op.f('ix_introduction_updated_at'), ['updated_at'], unique=False)

    op.create_table('match_model',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('fitted_at', sa.DateTime(), nullable=False),
    sa.Column('n_positive', sa.Integer(), nullable=False),
    sa.Column('n_negative', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_match_model'))
    )
    with op.batch_alter_table('match_model', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_match_model_kind'), ['kind'], unique=False)

    op.create_table('match_setting',
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('set_at', sa.DateTime(), nullable=False),
    sa.Column('set_by', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_match_setting'))
    )
    with op.batch_alter_table('match_setting', schema=None) as batch_op:
        batch_op.create_index('ix_match_setting_key_set_at', ['key', 'set_at'], unique=False)

    op.create_table('pair_block',
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('other_member_id', sa.String(length=36), nullable=False),
    sa.Column('reason', sa.String(length=24), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=36), nullable=True),
    sa.Column('lifted_at', sa.DateTime(), nullable=True),
    sa.Column('lifted_by', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pair_block'))
    )
    with op.batch_alter_table('pair_block', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pair_block_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pair_block_other_member_id'), ['other_member_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('pair_block', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pair_block_other_member_id'))
        batch_op.drop_index(batch_op.f('ix_pair_block_member_id'))

    op.drop_table('pair_block')
    with op.batch_alter_table('match_setting', schema=None) as batch_op:
        batch_op.drop_index('ix_match_setting_key_set_at')

    op.drop_table('match_setting')
    with op.batch_alter_table('match_model', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_match_model_kind'))

    op.drop_table('match_model')
    with op.batch_alter_table('introduction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_introduction_updated_at'))
        batch_op.drop_index(batch_op.f('ix_introduction_stage'))
        batch_op.drop_index(batch_op.f('ix_introduction_member_b_id'))
        batch_op.drop_index('ix_introduction_pair')
        batch_op.drop_index(batch_op.f('ix_introduction_matchmaker_id'))
        batch_op.drop_index(batch_op.f('ix_introduction_event_id'))

    op.drop_table('introduction')
