"""voice channel: calls in progress, recordings, missed-call counter

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import hotline.db

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "voice_call",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("follow_up", sa.Boolean(), nullable=False),
        sa.Column("recorded", sa.Boolean(), nullable=False),
        sa.Column("started_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"],
                                name=op.f("fk_voice_call_case_id_case_file")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voice_call")),
    )
    with op.batch_alter_table("voice_call", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_voice_call_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_voice_call_started_at"), ["started_at"],
                              unique=False)

    op.create_table(
        "voice_recording",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(length=36), nullable=False),
        sa.Column("duration_seconds", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("disguised_attachment_id", sa.String(length=36), nullable=True),
        sa.Column("original_attachment_id", sa.String(length=36), nullable=True),
        sa.Column("created_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("stored_at", hotline.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"],
                                name=op.f("fk_voice_recording_case_id_case_file")),
        sa.ForeignKeyConstraint(["message_id"], ["message.id"],
                                name=op.f("fk_voice_recording_message_id_message")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voice_recording")),
    )
    with op.batch_alter_table("voice_recording", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_voice_recording_case_id"), ["case_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_voice_recording_message_id"), ["message_id"],
                              unique=False)

    op.create_table(
        "voice_missed_calls",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("calls", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_voice_missed_calls")),
    )


def downgrade() -> None:
    op.drop_table("voice_missed_calls")
    op.drop_table("voice_recording")
    op.drop_table("voice_call")
