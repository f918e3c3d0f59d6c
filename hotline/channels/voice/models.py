"""Voice channel tables. None holds a phone number, a CallSid, a RecordingSid
or a recording URL (DESIGN.md invariant 1): calls and recordings are known
by keyed hashes of their provider ids; a recording's URL and sid live only,
sealed, in the payload of the outbox job that downloads and deletes it.

- ``VoiceCall``: one call in progress, so that its webhooks (one per step)
  know the language chosen and the case being reported. Deleted when the
  call ends (status callback) or, at the latest, by the hourly sweep.
- ``VoiceRecording``: a recording's place in a case (its placeholder
  message) and, once downloaded, its attachments: the disguised copy, and
  the original only when ``HOTLINE_VOICE_KEEP_ORIGINAL`` is on.
- ``VoiceMissedCalls``: calls that ended before anything was recorded,
  counted per day and nothing else.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hotline.db import Base, UTCDateTime, utcnow


class VoiceCall(Base):
    __tablename__ = "voice_call"

    # Keyed hash (HMAC-SHA256 under the pepper) of the CallSid.
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    language: Mapped[str | None] = mapped_column(String(16))
    # The case this call reports into: set by the recording (a new report),
    # or by a returning caller's case code (a follow-up).
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"), index=True)
    follow_up: Mapped[bool] = mapped_column(Boolean, default=False)
    # A recording arrived: the call is not counted as missed.
    recorded: Mapped[bool] = mapped_column(Boolean, default=False)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class VoiceRecording(Base):
    __tablename__ = "voice_recording"

    # Keyed hash of the RecordingSid: a retried callback finds its row.
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    message_id: Mapped[str] = mapped_column(ForeignKey("message.id"), index=True)
    duration_seconds: Mapped[int] = mapped_column(Integer, default=0)
    # pending -> stored | undisguisable | unavailable | rejected
    status: Mapped[str] = mapped_column(String(16), default="pending")
    # Attachment ids (hotline.media); not foreign keys, so this table does
    # not depend on the media migration. Both rows go when the case goes.
    disguised_attachment_id: Mapped[str | None] = mapped_column(String(36))
    original_attachment_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    stored_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class VoiceMissedCalls(Base):
    """Calls that ended without a recording, per UTC day. Nothing else about
    them is kept: not the time, not the language, not the number."""

    __tablename__ = "voice_missed_calls"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    calls: Mapped[int] = mapped_column(Integer, default=0)
