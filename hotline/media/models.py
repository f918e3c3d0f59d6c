"""Attachments: metadata in the clear (type, size), content only as an
encrypted blob in the instance folder whose data key is sealed per team key,
like a message body (DESIGN.md invariant 2)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hotline.db import Base, UTCDateTime, utcnow


class Attachment(Base):
    __tablename__ = "attachment"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    # The reporter message it arrived with.
    message_id: Mapped[str | None] = mapped_column(ForeignKey("message.id"), index=True)
    content_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AttachmentKey(Base):
    """The attachment's data key sealed to one recipient (``team-key:<id>``)."""

    __tablename__ = "attachment_key"
    __table_args__ = (UniqueConstraint("attachment_id", "recipient"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attachment_id: Mapped[str] = mapped_column(ForeignKey("attachment.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(64))
    sealed_key: Mapped[bytes] = mapped_column(LargeBinary)
