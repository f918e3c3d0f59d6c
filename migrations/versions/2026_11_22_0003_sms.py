"""SMS channel: conversations, inbound dedupe, reply deliveries, attachments

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import hotline.db

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sms_conversation",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("reporter_hash", sa.String(length=64), nullable=False),
        sa.Column("relay_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("language_chosen", sa.Boolean(), nullable=False),
        sa.Column("opted_out", sa.Boolean(), nullable=False),
        sa.Column("consent_open", sa.Boolean(), nullable=False),
        sa.Column("created_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_inbound_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_ack_at", hotline.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("relay_purge_after", hotline.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("number_deleted", sa.Boolean(), nullable=False),
        sa.Column("ended_at", hotline.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"],
                                name=op.f("fk_sms_conversation_case_id_case_file")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sms_conversation")),
    )
    with op.batch_alter_table("sms_conversation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sms_conversation_case_id"), ["case_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_sms_conversation_relay_purge_after"),
                              ["relay_purge_after"], unique=False)
        batch_op.create_index("ix_sms_conversation_reporter_last",
                              ["reporter_hash", "last_inbound_at"], unique=False)

    op.create_table(
        "sms_inbound_dedupe",
        sa.Column("sid_hash", sa.String(length=64), nullable=False),
        sa.Column("received_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sid_hash", name=op.f("pk_sms_inbound_dedupe")),
    )
    with op.batch_alter_table("sms_inbound_dedupe", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sms_inbound_dedupe_received_at"), ["received_at"],
                              unique=False)

    op.create_table(
        "sms_delivery",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("conversation_id", sa.String(length=36), nullable=False),
        sa.Column("message_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error_code", sa.Integer(), nullable=True),
        sa.Column("sid_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["conversation_id"], ["sms_conversation.id"],
                                name=op.f("fk_sms_delivery_conversation_id_sms_conversation")),
        sa.ForeignKeyConstraint(["message_id"], ["message.id"],
                                name=op.f("fk_sms_delivery_message_id_message")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sms_delivery")),
    )
    with op.batch_alter_table("sms_delivery", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sms_delivery_conversation_id"), ["conversation_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_sms_delivery_message_id"), ["message_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_sms_delivery_sid_hash"), ["sid_hash"], unique=False)

    op.create_table(
        "attachment",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(length=36), nullable=True),
        sa.Column("content_type", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"],
                                name=op.f("fk_attachment_case_id_case_file")),
        sa.ForeignKeyConstraint(["message_id"], ["message.id"],
                                name=op.f("fk_attachment_message_id_message")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_message_id"), ["message_id"],
                              unique=False)

    op.create_table(
        "attachment_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attachment_id", sa.String(length=36), nullable=False),
        sa.Column("recipient", sa.String(length=64), nullable=False),
        sa.Column("sealed_key", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["attachment_id"], ["attachment.id"],
                                name=op.f("fk_attachment_key_attachment_id_attachment")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment_key")),
        sa.UniqueConstraint("attachment_id", "recipient",
                            name=op.f("uq_attachment_key_attachment_id")),
    )
    with op.batch_alter_table("attachment_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_key_attachment_id"), ["attachment_id"],
                              unique=False)


def downgrade() -> None:
    op.drop_table("attachment_key")
    op.drop_table("attachment")
    op.drop_table("sms_delivery")
    op.drop_table("sms_inbound_dedupe")
    op.drop_table("sms_conversation")
