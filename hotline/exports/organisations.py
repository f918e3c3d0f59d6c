"""Partner organisations and their OpenPGP certificates.

An organisation's certificate is checked when it is saved: it must parse,
hold no secret key material (someone pasting a private key by mistake is
told so and nothing is stored), not be revoked, and be able to receive an
encrypted message (a test encryption must succeed). The fingerprint is
shown in the console so that an admin can compare it with the one the
organisation reads out over a separate channel before the first referral.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from pysequoia import Cert, encrypt
from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline.audit.log import append as audit
from hotline.db import utcnow
from hotline.exports.htcds import ORG_TYPES
from hotline.exports.models import Organisation, PartnerAccount
from hotline.settings import Settings
from hotline.staff.models import StaffUser

MAX_KEY_CHARS = 200_000


class OrganisationError(Exception):
    """Refused; the message is safe to show (never a library error text,
    which can carry a native stack trace)."""


@dataclass(frozen=True)
class CheckedKey:
    armored: str
    fingerprint: str


def check_public_key(armored: str) -> CheckedKey:
    """Parse and vet an OpenPGP certificate; returns it re-armored."""
    armored = (armored or "").strip()
    if not armored or len(armored) > MAX_KEY_CHARS:
        raise OrganisationError(_l("Paste the organisation's OpenPGP public key."))
    # A pasted key is armored text, and armored secret keys say so in their
    # header. What is stored is re-armored from the parsed certificate,
    # which holds public material only.
    if "PRIVATE KEY" in armored:
        raise OrganisationError(_l("That is a private key. Ask the organisation for its "
                                   "public key only; nothing was saved."))
    try:
        cert = Cert.from_bytes(armored.encode("utf-8"))
    except Exception:  # pysequoia raises RuntimeError with a native backtrace
        raise OrganisationError(_l("That is not a valid OpenPGP public key.")) from None
    if cert.is_revoked:
        raise OrganisationError(_l("That key has been revoked."))
    try:
        encrypt(b"test", [cert])
    except Exception:
        raise OrganisationError(_l("That key cannot receive encrypted messages (expired, or "
                                   "no encryption subkey).")) from None
    return CheckedKey(str(cert), cert.fingerprint)


def format_fingerprint(fingerprint: str) -> str:
    """Groups of four upper-case hex digits, as GnuPG and Kleopatra show it."""
    value = fingerprint.upper()
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4))


def save_organisation(session: Session, settings: Settings, actor: StaffUser, *, name: str,
                      org_type: str, public_key: str,
                      organisation: Organisation | None = None) -> Organisation:
    """Create an organisation, or update one (a new key is audited as such)."""
    name = " ".join((name or "").split())
    if not name or len(name) > 200:
        raise OrganisationError(_l("Give the organisation a name."))
    if org_type not in ORG_TYPES:
        raise OrganisationError(_l("Choose the kind of organisation."))
    same_name = session.scalar(select(Organisation).where(Organisation.name == name))
    if same_name is not None and same_name is not organisation:
        raise OrganisationError(_l("An organisation with that name exists already."))
    key = check_public_key(public_key)
    action = "organisation.created"
    if organisation is None:
        organisation = Organisation(name=name, org_type=org_type, public_key=key.armored,
                                    fingerprint=key.fingerprint, active=True)
        session.add(organisation)
    else:
        action = ("organisation.key_changed" if organisation.fingerprint != key.fingerprint
                  else "organisation.updated")
        organisation.name, organisation.org_type = name, org_type
        organisation.public_key, organisation.fingerprint = key.armored, key.fingerprint
        organisation.updated_at = utcnow()
    session.flush()
    audit(session, settings.pepper, action, actor_kind="staff", actor_id=actor.id,
          details={"organisation": organisation.id, "type": org_type,
                   "fingerprint": key.fingerprint})
    return organisation


def set_active(session: Session, settings: Settings, actor: StaffUser,
               organisation: Organisation, active: bool) -> None:
    organisation.active, organisation.updated_at = active, utcnow()
    audit(session, settings.pepper, "organisation.active", actor_kind="staff",
          actor_id=actor.id, details={"organisation": organisation.id, "active": active})


def link_partner(session: Session, settings: Settings, actor: StaffUser,
                 organisation: Organisation, user: StaffUser) -> None:
    """Make ``user`` (an ngo_partner account) a member of ``organisation``."""
    if user.role != "ngo_partner":
        raise OrganisationError(_l("Only partner-organisation accounts can be linked."))
    link = session.get(PartnerAccount, user.id)
    if link is None:
        session.add(PartnerAccount(user_id=user.id, organisation_id=organisation.id))
    else:
        link.organisation_id = organisation.id
    session.flush()
    audit(session, settings.pepper, "organisation.partner_linked", actor_kind="staff",
          actor_id=actor.id, details={"organisation": organisation.id, "user": user.id})


def organisation_of(session: Session, user: StaffUser) -> Organisation | None:
    link = session.get(PartnerAccount, user.id)
    return session.get(Organisation, link.organisation_id) if link else None


def partner_accounts(session: Session) -> list[tuple[StaffUser, int | None]]:
    """Every ngo_partner account and the organisation it is linked to."""
    rows = session.execute(
        select(StaffUser, PartnerAccount.organisation_id)
        .outerjoin(PartnerAccount, PartnerAccount.user_id == StaffUser.id)
        .where(StaffUser.role == "ngo_partner").order_by(StaffUser.username)).all()
    return [(user, org_id) for user, org_id in rows]


def organisations(session: Session, *, active_only: bool = False) -> list[Organisation]:
    query = select(Organisation).order_by(Organisation.name)
    if active_only:
        query = query.where(Organisation.active.is_(True))
    return list(session.scalars(query))
