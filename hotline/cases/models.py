"""Cases, the messages in them, and which team queues they sit in.

Only triage metadata is stored in the clear (channel, language, category,
urgency, status, dates, consent). Every body is ciphertext: see
``hotline.cases.sealing``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hotline.db import Base, UTCDateTime, utcnow

CHANNELS = ("web", "sms", "voice")
STATUSES = ("new", "triaged", "in_progress", "referred", "closed")
REPORTER_ROLES = ("victim", "witness")
MESSAGE_KINDS = ("report", "reporter", "reply", "note")


class Case(Base):
    __tablename__ = "case_file"
    __table_args__ = (
        Index("ix_case_file_status_urgent_created", "status", "urgent", "created_at"),
        # Queue keyset indexes (migration 0004; benchmarks/console/RESULTS.md).
        Index("ix_case_file_queue_status", "status", "urgent", "created_at", "id",
              postgresql_include=["case_code", "language", "channel", "category",
                                  "assignee_id"]),
        Index("ix_case_file_queue_all", "urgent", "created_at", "id",
              postgresql_include=["case_code", "status", "language", "channel", "category",
                                  "assignee_id"]),
        Index("ix_case_file_queue_assignee", "assignee_id", "urgent", "created_at", "id",
              postgresql_include=["case_code", "status", "language", "channel", "category"]),
        Index("ix_case_file_queue_language", "language", "urgent", "created_at", "id",
              postgresql_include=["case_code", "status", "channel", "category", "assignee_id"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_code: Mapped[str] = mapped_column(String(16), unique=True)
    channel: Mapped[str] = mapped_column(String(16))
    language: Mapped[str | None] = mapped_column(String(16))
    category: Mapped[str | None] = mapped_column(String(32))
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="new")
    reporter_role: Mapped[str | None] = mapped_column(String(16))
    safe_to_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_law_enforcement: Mapped[bool] = mapped_column(Boolean, default=False)
    # Whether that consent covers the full text (else police see the redacted copy).
    consent_full_text: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Console (migration 0004): who works the case, why it was closed, and
    # the primary case a duplicate was merged into.
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    close_reason: Mapped[str | None] = mapped_column(String(32))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"), index=True)
    # Web reporters: receipt = case code + passphrase, kept as a keyed
    # Argon2id hash; the reporter key's private half is wrapped under a key
    # derived from the passphrase, so only the receipt opens replies.
    receipt_hash: Mapped[str | None] = mapped_column(String(128))
    receipt_failures: Mapped[int] = mapped_column(Integer, default=0)
    receipt_locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reporter_public_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    reporter_private_key_wrapped: Mapped[bytes | None] = mapped_column(LargeBinary)

    queues: Mapped[list[CaseQueue]] = relationship(back_populates="case")
    messages: Mapped[list[Message]] = relationship(
        back_populates="case", order_by="Message.created_at")


class CaseQueue(Base):
    """A case routed to a team; ``reason`` says why (rule, consent, override)."""

    __tablename__ = "case_queue"

    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), primary_key=True, index=True)
    reason: Mapped[str] = mapped_column(String(64))
    redacted_only: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    case: Mapped[Case] = relationship(back_populates="queues")


class Message(Base):
    """One entry in a case: the report, a follow-up, a reply or a note.

    ``body`` holds the full text, ``redacted_body`` the scrubbed copy; each is
    its own AEAD ciphertext under its own data key (see ``WrappedKey``), bound
    to the message id as associated data.
    """

    __tablename__ = "message"
    __table_args__ = (Index("ix_message_case_created", "case_id", "created_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"))
    kind: Mapped[str] = mapped_column(String(16))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    redacted_body: Mapped[bytes | None] = mapped_column(LargeBinary)

    case: Mapped[Case] = relationship(back_populates="messages")
    wrapped_keys: Mapped[list[WrappedKey]] = relationship(back_populates="message")


class WrappedKey(Base):
    """A message's data key sealed to one recipient.

    ``recipient`` is ``team-key:<id>`` or ``reporter``; ``part`` is ``full``
    or ``redacted``.
    """

    __tablename__ = "wrapped_key"
    __table_args__ = (UniqueConstraint("message_id", "recipient", "part"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(ForeignKey("message.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(64), index=True)
    part: Mapped[str] = mapped_column(String(16))
    sealed_key: Mapped[bytes] = mapped_column(LargeBinary)

    message: Mapped[Message] = relationship(back_populates="wrapped_keys")


class RoutingRule(Base):
    """Routing rules are data: evaluated in ``position`` order.

    ``conditions`` is JSON with optional keys ``channel``, ``language``,
    ``category`` (lists), ``urgent`` and ``consent_law_enforcement`` (bools).
    """

    __tablename__ = "routing_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    conditions: Mapped[str] = mapped_column(String(2000), default="{}")
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The version this row replaced (an edit adds a row; migration 0004).
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("routing_rule.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    team: Mapped[object] = relationship("Team")
