"""forget what opens with the relay key or the pepper alone (review 1 and 7)

Data only, no schema change. Before this revision, SMS follow-ups and
caseworker replies were sealed to the case's relay-wrapped reporter key for
good, the key outlived the number, and the keyed hash of the number
outlived the conversation. This applies today's rules to rows written
before them:

- reporter-key copies of messages of cases without a receipt (SMS, voice)
  are deleted, except those of replies still waiting to be texted;
- a receipt-less case whose conversations no longer hold a number loses
  its reporter key;
- a conversation whose number was purged, or that has ended, loses the
  keyed hash of the number (conversations past their window: the hourly
  SMS sweep).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def forget(connection: sa.Connection) -> None:
    connection.execute(sa.text(
        "DELETE FROM wrapped_key WHERE recipient = 'reporter' AND message_id IN ("
        " SELECT message.id FROM message JOIN case_file ON case_file.id = message.case_id"
        " WHERE case_file.receipt_hash IS NULL"
        " AND message.id NOT IN ("
        "  SELECT message_id FROM sms_delivery WHERE status = 'queued'))"))
    connection.execute(sa.text(
        "UPDATE case_file SET reporter_public_key = NULL, reporter_private_key_wrapped = NULL"
        " WHERE receipt_hash IS NULL AND reporter_private_key_wrapped IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM sms_conversation"
        "  WHERE sms_conversation.case_id = case_file.id"
        "  AND sms_conversation.relay_sealed IS NOT NULL)"))
    connection.execute(sa.text(
        "UPDATE sms_conversation SET reporter_hash = '', consent_open = :false"
        " WHERE reporter_hash <> '' AND (relay_sealed IS NULL OR ended_at IS NOT NULL)"),
        {"false": False})


def upgrade() -> None:
    forget(op.get_bind())


def downgrade() -> None:
    pass  # what was deleted cannot come back, and nothing needs it
