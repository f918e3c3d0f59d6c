"""SMS channel tables. None holds a phone number or a provider id in the
clear: reporters are a keyed hash, the number is relay ciphertext, provider
message ids are keyed hashes (DESIGN.md invariants 1 and 3)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from hotline.db import Base, UTCDateTime, utcnow

DELIVERY_STATUSES = ("queued", "accepted", "sent", "delivered", "read", "failed", "undelivered",
                     "cancelled")


class SmsConversation(Base):
    """One reporter's text thread with one case.

    ``reporter_hash`` is HMAC-SHA256 of the E.164 number under the pepper
    (threads later texts); ``relay_sealed`` is the number under the relay
    key, bound to this row's id, and is set to NULL when the reporter texts
    DELETE or the exit word, or when the conversation has been idle for
    ``HOTLINE_RELAY_IDLE_DAYS`` (``relay_purge_after``). The conversation
    then ends and ``reporter_hash`` is overwritten with "", as it is once
    the conversation is past its window (``conversations.forget_past_window``).
    """

    __tablename__ = "sms_conversation"
    __table_args__ = (
        Index("ix_sms_conversation_reporter_last", "reporter_hash", "last_inbound_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    reporter_hash: Mapped[str] = mapped_column(String(64))
    relay_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    # The reply language: detected from each text, until LANG fixes it.
    language: Mapped[str] = mapped_column(String(16))
    language_chosen: Mapped[bool] = mapped_column(Boolean, default=False)
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    # The "may police see your report?" question is open (YES/NO answer it).
    consent_open: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_inbound_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_ack_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    relay_purge_after: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # The reporter texted DELETE: the number is not sealed again.
    number_deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set by the exit word: later texts start a new conversation.
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class InboundDedupe(Base):
    """Keyed hash of every inbound MessageSid: a retried webhook is a no-op."""

    __tablename__ = "sms_inbound_dedupe"

    sid_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class SmsDelivery(Base):
    """A caseworker reply on its way to the reporter, and its status.

    ``sid_hash`` (keyed hash of the provider's message id) matches status
    callbacks to the row; the id itself is never stored.
    """

    __tablename__ = "sms_delivery"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("sms_conversation.id"), index=True)
    message_id: Mapped[str] = mapped_column(ForeignKey("message.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    error_code: Mapped[int | None] = mapped_column(Integer)
    sid_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
