"""Referring a case to a partner organisation, and following the referral.

A referral needs the reporter's consent for the organisation's type
(``consent``), or a supervisor's override with a reason from the same fixed
list as an escalation to law enforcement plus a written explanation (sealed
as a note to the supervisor's own team, as escalations do). An override
shares the redacted copy only.

The packet is built and encrypted in the referring member's request, with
their unlocked keys, and stored as ciphertext only. The partner's accounts
see their own organisation's referrals, download the packet until the link
expires (``HOTLINE_EXPORT_LINK_DAYS``), and accept or reject it; the
referring side can revoke it, which deletes the packet. Every step is
audited with ids and codes only.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Final

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline.audit.log import append as audit
from hotline.cases.models import Case
from hotline.console.cases import add_note
from hotline.console.escalation import OVERRIDE_REASONS
from hotline.console.operations import CaseError
from hotline.console.policy import allowed
from hotline.db import utcnow
from hotline.exports.consent import consent_scope
from hotline.exports.htcds import REFERRAL_REASONS
from hotline.exports.models import Organisation, Referral
from hotline.exports.packet import PacketError, PacketRequest, build_packet
from hotline.exports.packet_files import delete_packet, packet_exists, write_packet
from hotline.settings import Settings
from hotline.staff.models import StaffUser

OPEN_STATUSES: Final = ("in_progress", "accepted")
# Who may move a referral to which status.
PARTNER_MOVES: Final = {"in_progress": ("accepted", "rejected"), "accepted": ("rejected",)}
SENDER_MOVES: Final = {"in_progress": ("revoked",), "accepted": ("revoked",)}
MAX_DETAILS: Final = 5000


class ReferralError(CaseError):
    """Refused; the message is safe to show. A CaseError, so console pages
    treat it like any refused case action."""


def _audit(session: Session, settings: Settings, user: StaffUser, action: str,
           referral: Referral, **details: object) -> None:
    audit(session, settings.pepper, action, actor_kind="staff", actor_id=user.id,
          case_id=referral.case_id, details={"referral": referral.id, **details})


def refer(session: Session, settings: Settings, user: StaffUser, case: Case,
          organisation: Organisation, keys: Mapping[str, bytes], *, reason: str,
          details: str = "", override_code: str | None = None,
          override_text: str | None = None, now: datetime | None = None) -> Referral:
    now = now or utcnow()
    if not organisation.active:
        raise ReferralError(_l("That organisation does not receive referrals now."))
    if reason not in REFERRAL_REASONS:
        raise ReferralError(_l("Choose a reason for the referral."))
    if len(details) > MAX_DETAILS:
        raise ReferralError(_l("The details are too long."))
    if session.scalar(select(Referral.id).where(
            Referral.case_id == case.id, Referral.organisation_id == organisation.id,
            Referral.status.in_(OPEN_STATUSES))) is not None:
        raise ReferralError(_l("This case is already referred to that organisation."))
    scope = consent_scope(session, case, organisation.org_type)
    basis, note = "consent", None
    if scope == "none":
        if not allowed(user, "case.refer_override"):
            raise ReferralError(_l("The reporter did not consent to this referral. Only a "
                                   "supervisor may override that."))
        if override_code not in OVERRIDE_REASONS or not (override_text or "").strip():
            raise ReferralError(_l("An override needs a reason and an explanation."))
        basis, scope = "override", "redacted"
        note = add_note(session, settings, user, case, override_text or "", audit_action=None)
    else:
        override_code = None
    request = PacketRequest(
        referring_organisation=settings.organisation_name,
        referred_organisation=organisation.name, referral_date=now.date(), reason=reason,
        details=details, consented=basis == "consent", scope=scope)
    try:
        built = build_packet(session, settings.instance_path, case, organisation.public_key,
                             request, keys)
    except PacketError as error:
        raise ReferralError(str(error)) from None
    referral = Referral(
        id=str(uuid.uuid4()), case_id=case.id, organisation_id=organisation.id,
        status="in_progress", basis=basis, reason_code=override_code, scope=scope,
        referral_reason=reason, attachments=built.attachments,
        fingerprint=organisation.fingerprint, packet_size=len(built.ciphertext),
        packet_sha256=hashlib.sha256(built.ciphertext).hexdigest(), created_by=user.id,
        created_at=now, expires_at=now + timedelta(days=settings.export_link_days))
    write_packet(settings.instance_path, referral.id, built.ciphertext)
    session.add(referral)
    case.updated_at = now
    session.flush()
    _audit(session, settings, user, "referral.created", referral,
           organisation=organisation.id, basis=basis, reason=override_code, scope=scope,
           attachments=built.attachments, fingerprint=organisation.fingerprint,
           note=note.id if note else None)
    return referral


def may_view(session: Session, user: StaffUser, referral: Referral) -> bool:
    from hotline.exports.organisations import organisation_of

    if allowed(user, "referrals.manage"):
        return True
    if allowed(user, "referrals.partner"):
        organisation = organisation_of(session, user)
        return organisation is not None and organisation.id == referral.organisation_id
    return allowed(user, "case.refer") and referral.created_by == user.id


def link_open(referral: Referral, now: datetime | None = None) -> bool:
    return (referral.status in OPEN_STATUSES and referral.packet_deleted_at is None
            and referral.expires_at > (now or utcnow()))


def download(session: Session, settings: Settings, user: StaffUser, referral: Referral) -> None:
    """Check and audit a download; the caller streams the file."""
    if not may_view(session, user, referral):
        raise ReferralError(_l("No such referral."))
    if not link_open(referral) or not packet_exists(settings.instance_path, referral.id):
        raise ReferralError(_l("This download link has expired."))
    referral.downloads += 1
    _audit(session, settings, user, "referral.downloaded", referral)


def set_status(session: Session, settings: Settings, user: StaffUser, referral: Referral,
               status: str) -> None:
    """Partners accept or reject; the referring side revokes (deleting the packet)."""
    if not may_view(session, user, referral):
        raise ReferralError(_l("No such referral."))
    partner = allowed(user, "referrals.partner")
    moves = PARTNER_MOVES if partner else SENDER_MOVES
    if status not in moves.get(referral.status, ()):
        raise ReferralError(_l("That status change is not allowed."))
    previous = referral.status
    referral.status, referral.status_changed_at = status, utcnow()
    referral.status_changed_by = user.id
    deleted = False
    if status == "revoked":
        deleted = delete_packet(settings.instance_path, referral.id)
        referral.packet_deleted_at = utcnow()
    _audit(session, settings, user, "referral.status", referral, **{
        "from": previous, "to": status, "packet_deleted": deleted})


def referrals_for(session: Session, *, organisation_id: int | None = None,
                  case_id: int | None = None, created_by: int | None = None,
                  limit: int = 200) -> list[Referral]:
    query = select(Referral).order_by(Referral.created_at.desc()).limit(limit)
    if organisation_id is not None:
        query = query.where(Referral.organisation_id == organisation_id)
    if case_id is not None:
        query = query.where(Referral.case_id == case_id)
    if created_by is not None:
        query = query.where(Referral.created_by == created_by)
    return list(session.scalars(query))


def referred_case_ids(session: Session, case_ids: list[int]) -> set[int]:
    """Cases with a referral that was not revoked (their content has left)."""
    if not case_ids:
        return set()
    return set(session.scalars(select(Referral.case_id).where(
        Referral.case_id.in_(case_ids), Referral.status != "revoked")))
