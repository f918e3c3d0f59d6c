"""outbox: jobs and exactly-once send attempts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import hotline.db

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("run_after", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("locked_until", hotline.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("locked_by", sa.String(length=64), nullable=True),
        sa.Column("last_error", sa.String(length=64), nullable=True),
        sa.Column("dedupe_key", sa.String(length=128), nullable=True),
        sa.Column("created_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", hotline.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_job")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_outbox_job_dedupe_key")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("outbox_job", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_job_status_run_after", ["status", "run_after"],
                              unique=False)

    op.create_table(
        "outbox_send",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=128), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.Column("started_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", hotline.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("sid_hash", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_send")),
        sa.UniqueConstraint("token", name=op.f("uq_outbox_send_token")),
    )
    with op.batch_alter_table("outbox_send", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_send_job_id"), ["job_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_send_sid_hash"), ["sid_hash"], unique=False)


def downgrade() -> None:
    op.drop_table("outbox_send")
    op.drop_table("outbox_job")
