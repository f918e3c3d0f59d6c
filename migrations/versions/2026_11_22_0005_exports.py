"""exports and retention: organisations, partner accounts, consent per
recipient type, referrals

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import hotline.db

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("org_type", sa.String(length=64), nullable=False),
        sa.Column("public_key", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
        sa.UniqueConstraint("name", name=op.f("uq_organisation_name")),
    )

    op.create_table(
        "partner_account",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("created_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"],
                                name=op.f("fk_partner_account_organisation_id_organisation")),
        sa.ForeignKeyConstraint(["user_id"], ["staff_user.id"],
                                name=op.f("fk_partner_account_user_id_staff_user")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_partner_account")),
    )
    with op.batch_alter_table("partner_account", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partner_account_organisation_id"),
                              ["organisation_id"], unique=False)

    op.create_table(
        "case_consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("recipient_type", sa.String(length=64), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("recorded_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"],
                                name=op.f("fk_case_consent_case_id_case_file")),
        sa.ForeignKeyConstraint(["recorded_by"], ["staff_user.id"],
                                name=op.f("fk_case_consent_recorded_by_staff_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_consent")),
    )
    with op.batch_alter_table("case_consent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_consent_case_id"), ["case_id"], unique=False)

    op.create_table(
        "referral",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("basis", sa.String(length=16), nullable=False),
        sa.Column("reason_code", sa.String(length=32), nullable=True),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("referral_reason", sa.String(length=64), nullable=False),
        sa.Column("attachments", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("packet_size", sa.Integer(), nullable=False),
        sa.Column("packet_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status_changed_at", hotline.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("status_changed_by", sa.Integer(), nullable=True),
        sa.Column("downloads", sa.Integer(), nullable=False),
        sa.Column("packet_deleted_at", hotline.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"],
                                name=op.f("fk_referral_case_id_case_file")),
        sa.ForeignKeyConstraint(["created_by"], ["staff_user.id"],
                                name=op.f("fk_referral_created_by_staff_user")),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"],
                                name=op.f("fk_referral_organisation_id_organisation")),
        sa.ForeignKeyConstraint(["status_changed_by"], ["staff_user.id"],
                                name=op.f("fk_referral_status_changed_by_staff_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
    )
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referral_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_referral_organisation_id"), ["organisation_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_referral_expires_at"), ["expires_at"],
                              unique=False)


def downgrade() -> None:
    op.drop_table("referral")
    op.drop_table("case_consent")
    op.drop_table("partner_account")
    op.drop_table("organisation")
