"""Tables of the exports package (migration 0005).

Nothing here holds report text: an organisation row holds its public key
and name; a consent row holds enumerated codes; a referral row holds the
metadata of a packet whose content exists only as OpenPGP ciphertext on
disk, readable only with the receiving organisation's private key.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hotline.db import Base, UTCDateTime, utcnow

REFERRAL_STATUSES = ("in_progress", "accepted", "rejected", "revoked")
CONSENT_SCOPES = ("none", "redacted", "full")
CONSENT_SOURCES = ("web", "sms", "voice", "caseworker")


class Organisation(Base):
    """A partner that receives referrals: HTCDS ``org_Name`` and ``org_Type``,
    and the OpenPGP certificate packets are encrypted to."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    org_type: Mapped[str] = mapped_column(String(64))
    # ASCII-armored OpenPGP certificate (public key only).
    public_key: Mapped[str] = mapped_column(Text)
    # Primary key fingerprint, lowercase hex: verified out of band.
    fingerprint: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PartnerAccount(Base):
    """An ``ngo_partner`` staff account belongs to exactly one organisation."""

    __tablename__ = "partner_account"

    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CaseConsent(Base):
    """What the reporter agreed to share with one kind of recipient.

    ``recipient_type`` is an HTCDS ``org_Type`` value; ``scope`` is none,
    redacted or full; ``source`` says how it was given (the web form, an
    SMS answer, or a caseworker recording what the reporter said). The
    latest row per case and recipient type is in force; older rows are the
    history.
    """

    __tablename__ = "case_consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    recipient_type: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16))
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Referral(Base):
    """A case referred to an organisation, and its encrypted packet.

    ``basis`` is consent or override (``reason_code`` from the fixed list);
    ``scope`` is what the packet holds (redacted or full). The packet file
    is deleted when the link expires or the referral is revoked
    (``packet_deleted_at``); the row stays as the record of the referral.
    """

    __tablename__ = "referral"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="in_progress")
    basis: Mapped[str] = mapped_column(String(16))
    reason_code: Mapped[str | None] = mapped_column(String(32))
    scope: Mapped[str] = mapped_column(String(16))
    # HTCDS cas_ReasonForOutgoingReferral (picklist value).
    referral_reason: Mapped[str] = mapped_column(String(64))
    attachments: Mapped[int] = mapped_column(Integer, default=0)
    fingerprint: Mapped[str] = mapped_column(String(64))
    packet_size: Mapped[int] = mapped_column(Integer, default=0)
    packet_sha256: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status_changed_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    downloads: Mapped[int] = mapped_column(Integer, default=0)
    packet_deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
