"""triage console: TOTP, backup codes, assignment, tags, escalations,
status counts, stored settings, routing-rule versions, queue indexes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import hotline.db
from hotline.console.counts import drop_triggers, install_triggers

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

QUEUE_INDEXES = (
    ("ix_case_file_queue_status", ["status", "urgent", "created_at", "id"],
     ["case_code", "language", "channel", "category", "assignee_id"]),
    ("ix_case_file_queue_all", ["urgent", "created_at", "id"],
     ["case_code", "status", "language", "channel", "category", "assignee_id"]),
    ("ix_case_file_queue_assignee", ["assignee_id", "urgent", "created_at", "id"],
     ["case_code", "status", "language", "channel", "category"]),
    ("ix_case_file_queue_language", ["language", "urgent", "created_at", "id"],
     ["case_code", "status", "channel", "category", "assignee_id"]),
)


def upgrade() -> None:
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_secret_sealed", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("totp_enrolled_at", hotline.db.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))

    op.create_table(
        "staff_backup_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("used_at", hotline.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["staff_user.id"],
                                name=op.f("fk_staff_backup_code_user_id_staff_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_backup_code")),
    )
    with op.batch_alter_table("staff_backup_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_backup_code_user_id"), ["user_id"],
                              unique=False)

    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assignee_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("close_reason", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_case_file_assignee_id_staff_user"),
                                    "staff_user", ["assignee_id"], ["id"])
        batch_op.create_foreign_key(batch_op.f("fk_case_file_merged_into_id_case_file"),
                                    "case_file", ["merged_into_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_case_file_merged_into_id"), ["merged_into_id"],
                              unique=False)
    for name, columns, include in QUEUE_INDEXES:
        op.create_index(name, "case_file", columns, unique=False,
                        postgresql_include=include)

    with op.batch_alter_table("routing_rule", schema=None) as batch_op:
        batch_op.add_column(sa.Column("replaces_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_routing_rule_replaces_id_routing_rule"),
                                    "routing_rule", ["replaces_id"], ["id"])

    op.create_table(
        "case_tag",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=32), nullable=False),
        sa.Column("created_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"],
                                name=op.f("fk_case_tag_case_id_case_file")),
        sa.PrimaryKeyConstraint("case_id", "tag", name=op.f("pk_case_tag")),
    )
    op.create_table(
        "case_escalation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=16), nullable=False),
        sa.Column("reason_code", sa.String(length=32), nullable=True),
        sa.Column("note_message_id", sa.String(length=36), nullable=True),
        sa.Column("redacted_only", sa.Boolean(), nullable=False),
        sa.Column("created_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["staff_user.id"],
                                name=op.f("fk_case_escalation_actor_id_staff_user")),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"],
                                name=op.f("fk_case_escalation_case_id_case_file")),
        sa.ForeignKeyConstraint(["note_message_id"], ["message.id"],
                                name=op.f("fk_case_escalation_note_message_id_message")),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"],
                                name=op.f("fk_case_escalation_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_escalation")),
    )
    with op.batch_alter_table("case_escalation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_escalation_case_id"), ["case_id"],
                              unique=False)
    op.create_table(
        "case_status_count",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "status", name=op.f("pk_case_status_count")),
    )
    op.create_table(
        "stored_setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", hotline.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["updated_by"], ["staff_user.id"],
                                name=op.f("fk_stored_setting_updated_by_staff_user")),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_stored_setting")),
    )
    # After every batch operation on case_file: on SQLite a batch migration
    # recreates the table and would drop its triggers.
    install_triggers(op.get_bind())


def downgrade() -> None:
    drop_triggers(op.get_bind())
    op.drop_table("stored_setting")
    op.drop_table("case_status_count")
    with op.batch_alter_table("case_escalation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_escalation_case_id"))
    op.drop_table("case_escalation")
    op.drop_table("case_tag")
    with op.batch_alter_table("routing_rule", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_routing_rule_replaces_id_routing_rule"),
                                 type_="foreignkey")
        batch_op.drop_column("replaces_id")
    for name, _columns, _include in QUEUE_INDEXES:
        op.drop_index(name, table_name="case_file")
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_file_merged_into_id"))
        batch_op.drop_constraint(batch_op.f("fk_case_file_merged_into_id_case_file"),
                                 type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_case_file_assignee_id_staff_user"),
                                 type_="foreignkey")
        batch_op.drop_column("merged_into_id")
        batch_op.drop_column("close_reason")
        batch_op.drop_column("assignee_id")
    with op.batch_alter_table("staff_backup_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_backup_code_user_id"))
    op.drop_table("staff_backup_code")
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.drop_column("totp_last_step")
        batch_op.drop_column("totp_enrolled_at")
        batch_op.drop_column("totp_secret_sealed")
