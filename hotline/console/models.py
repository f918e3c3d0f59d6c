"""Tables the triage console adds (migration 0004).

Everything here is triage metadata in the clear: ids, enumerated codes,
counts and short admin-chosen labels. Free text a person writes (notes, the
explanation of an override) is a sealed ``Message`` of kind ``note``, never
a column here.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hotline.db import Base, UTCDateTime, utcnow


class CaseTag(Base):
    """A short label on a case (``[a-z0-9-]``, see ``cases.TAG_PATTERN``)."""

    __tablename__ = "case_tag"

    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Escalation(Base):
    """A case sent to a law-enforcement queue after intake.

    ``basis`` is ``consent`` (the reporter's recorded consent) or
    ``override`` (a supervisor's, with ``reason_code`` from a fixed list; the
    free-text explanation is the sealed note ``note_message_id``).
    """

    __tablename__ = "case_escalation"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    basis: Mapped[str] = mapped_column(String(16))
    reason_code: Mapped[str | None] = mapped_column(String(32))
    note_message_id: Mapped[str | None] = mapped_column(ForeignKey("message.id"))
    redacted_only: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CaseStatusCount(Base):
    """How many cases of each status sit in each team's queue.

    Kept by database triggers (migration 0004) on ``case_queue`` inserts and
    deletes and ``case_file.status`` updates, so every code path (intake,
    console, bulk jobs) keeps it right and the queue page never counts a
    million rows. No foreign key: a decrement after a team's rows are gone
    is simply a no-op.
    """

    __tablename__ = "case_status_count"

    team_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, default=0)


class StoredSetting(Base):
    """An admin-editable setting: urgency words, retention, enabled languages.

    ``value`` is JSON; ``hotline.console.store`` reads and validates it.
    """

    __tablename__ = "stored_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="null")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
