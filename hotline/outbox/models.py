"""Outbox tables: jobs, and the send attempts that make outbound SMS exactly-once.

Nothing here may hold an identifier in the clear (DESIGN.md, invariant 1):
payloads carry sealed or keyed-hashed values only, ``last_error`` is an
exception *class* name (a message could quote a number), and a send attempt
keeps only a keyed hash of the provider's message sid.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hotline.db import Base, UTCDateTime, utcnow

JOB_STATUSES = ("pending", "running", "done", "dead")
SEND_STATES = ("sending", "sent", "failed")


class Job(Base):
    """One unit of work run after the transaction that enqueued it commits."""

    __tablename__ = "outbox_job"
    __table_args__ = (
        # The claim query: due pending jobs and running jobs whose lease expired.
        Index("ix_outbox_job_status_run_after", "status", "run_after"),
        # Ids are part of idempotency tokens: SQLite must never reuse one.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    # JSON object. Sealed/hashed values only: never a phone number or sid.
    payload: Mapped[str] = mapped_column(Text, default="{}")
    status: Mapped[str] = mapped_column(String(16), default="pending")
    # Counted when a worker claims the job, so a job that kills its worker
    # every time still reaches max_attempts and goes dead.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=12)
    run_after: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    locked_by: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(String(64))
    dedupe_key: Mapped[str | None] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SendAttempt(Base):
    """The durable phases of one side effect that must not repeat.

    ``sending`` is committed before the provider is called, ``sent`` (with the
    sid's keyed hash) right after it answers; see ``hotline.outbox.sends``.
    """

    __tablename__ = "outbox_send"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(128), unique=True)
    job_id: Mapped[int] = mapped_column(Integer, index=True)
    state: Mapped[str] = mapped_column(String(16), default="sending")
    # Provider calls made so far; also the compare-and-set version that lets
    # exactly one worker take over a stale attempt.
    tries: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sid_hash: Mapped[str | None] = mapped_column(String(64), index=True)
