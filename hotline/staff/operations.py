"""Staff enrolment, team keys, and unlocking them at login.

Key hierarchy (DESIGN.md, Cryptography):
- every member has a key pair; the private half is wrapped under Argon2id of
  their password and, separately, under a one-time recovery key;
- every team has key generations; each generation's private half is sealed
  to each member's public key (``TeamKeyGrant``);
- adding a member needs an existing member to unlock and re-seal the team
  key; removing one rotates the team key, sealing the new generation to the
  remaining members' public keys only (no password needed).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline.crypto import (
    CryptoError,
    KemSuite,
    generate_keypair,
    hash_password,
    new_recovery_key,
    open_sealed,
    seal,
    unwrap_with_password,
    unwrap_with_recovery_key,
    verify_password,
    wrap_with_password,
    wrap_with_recovery_key,
)
from hotline.crypto.passwords import Argon2Params
from hotline.db import utcnow
from hotline.staff.models import (
    ROLES,
    TEAM_KINDS,
    Membership,
    StaffUser,
    Team,
    TeamKey,
    TeamKeyGrant,
)

GRANT_INFO = b"hotline/team-key-grant/v1"


class StaffError(Exception):
    """A staff or team operation was refused; the message is safe to show."""


@dataclass(frozen=True)
class Enrolment:
    user: StaffUser
    password: str
    recovery_key: str


def generate_password() -> str:
    """A one-time password for a new account: 20 URL-safe characters."""
    return secrets.token_urlsafe(15)


def enroll_user(session: Session, username: str, role: str, params: Argon2Params,
                suite: KemSuite, password: str | None = None) -> Enrolment:
    if role not in ROLES:
        raise StaffError(f"Unknown role {role!r}; choose one of {', '.join(ROLES)}.")
    if session.scalar(select(StaffUser.id).where(StaffUser.username == username)):
        raise StaffError(f"A staff member called {username!r} exists already.")
    one_time = password is None
    password = password or generate_password()
    recovery_key = new_recovery_key()
    pair = generate_keypair(suite)
    user = StaffUser(
        username=username,
        role=role,
        password_hash=hash_password(password, params),
        public_key=pair.public,
        private_key_by_password=wrap_with_password(pair.private, password, params),
        private_key_by_recovery=wrap_with_recovery_key(pair.private, recovery_key),
        must_change_password=one_time,
    )
    session.add(user)
    session.flush()
    return Enrolment(user, password, recovery_key)


def create_team(session: Session, slug: str, name: str, kind: str, suite: KemSuite,
                members: list[StaffUser], *, is_default: bool = False) -> Team:
    if kind not in TEAM_KINDS:
        raise StaffError(f"Unknown team kind {kind!r}.")
    team = Team(slug=slug, name=name, kind=kind, is_default=is_default)
    session.add(team)
    session.flush()
    _new_generation(session, team, suite, members)
    for member in members:
        session.add(Membership(user_id=member.id, team_id=team.id))
    session.flush()
    return team


def _new_generation(session: Session, team: Team, suite: KemSuite,
                    members: list[StaffUser]) -> TeamKey:
    pair = generate_keypair(suite)
    key = TeamKey(team_id=team.id, public_key=pair.public)
    session.add(key)
    session.flush()
    for member in members:
        session.add(TeamKeyGrant(team_key_id=key.id, user_id=member.id,
                                 sealed_private_key=seal(pair.private, member.public_key,
                                                         GRANT_INFO)))
    return key


def active_key(session: Session, team: Team) -> TeamKey:
    key = session.scalars(
        select(TeamKey).where(TeamKey.team_id == team.id, TeamKey.retired_at.is_(None))
        .order_by(TeamKey.id.desc())).first()
    if key is None:
        raise StaffError(f"Team {team.slug!r} has no active key.")
    return key


def team_members(session: Session, team: Team) -> list[StaffUser]:
    return list(session.scalars(
        select(StaffUser).join(Membership, Membership.user_id == StaffUser.id)
        .where(Membership.team_id == team.id, StaffUser.active.is_(True))
        .order_by(StaffUser.id)))


def unlock_private_key(user: StaffUser, password: str) -> bytes:
    """The member's private key, or StaffError when the password is wrong."""
    try:
        return unwrap_with_password(user.private_key_by_password, password)
    except CryptoError:
        raise StaffError("Wrong password.") from None


def unlock_team_keys(session: Session, user: StaffUser, user_private: bytes) -> dict[int, bytes]:
    """Every team key generation sealed to this member, by team key id."""
    grants = session.scalars(
        select(TeamKeyGrant).join(Membership, (Membership.user_id == TeamKeyGrant.user_id))
        .join(TeamKey, TeamKey.id == TeamKeyGrant.team_key_id)
        .where(TeamKeyGrant.user_id == user.id, Membership.team_id == TeamKey.team_id))
    return {grant.team_key_id: open_sealed(grant.sealed_private_key, user_private, GRANT_INFO)
            for grant in grants}


def add_member(session: Session, team: Team, new_user: StaffUser, sponsor: StaffUser,
               sponsor_password: str) -> None:
    """Seal every generation of the team key to ``new_user``.

    The sponsor must be a member of the team: their password unlocks their
    key, which opens the team's keys, which are then sealed to the new member.
    """
    if session.get(Membership, (sponsor.id, team.id)) is None:
        raise StaffError(f"{sponsor.username} is not a member of {team.slug}.")
    if session.get(Membership, (new_user.id, team.id)) is not None:
        raise StaffError(f"{new_user.username} is already a member of {team.slug}.")
    if not verify_password(sponsor.password_hash, sponsor_password):
        raise StaffError("Wrong password.")
    sponsor_keys = unlock_team_keys(session, sponsor,
                                    unlock_private_key(sponsor, sponsor_password))
    for key in team.keys:
        if key.id in sponsor_keys:
            session.add(TeamKeyGrant(team_key_id=key.id, user_id=new_user.id,
                                     sealed_private_key=seal(sponsor_keys[key.id],
                                                             new_user.public_key, GRANT_INFO)))
    session.add(Membership(user_id=new_user.id, team_id=team.id))
    session.flush()


def remove_member(session: Session, team: Team, user: StaffUser, suite: KemSuite) -> TeamKey:
    """Remove a member and rotate the team key so new reports are closed to them."""
    membership = session.get(Membership, (user.id, team.id))
    if membership is None:
        raise StaffError(f"{user.username} is not a member of {team.slug}.")
    session.delete(membership)
    session.flush()
    return rotate_team_key(session, team, suite)


def rotate_team_key(session: Session, team: Team, suite: KemSuite) -> TeamKey:
    members = team_members(session, team)
    if not members:
        raise StaffError(f"Team {team.slug!r} would have no member able to read new reports.")
    for key in team.keys:
        if key.retired_at is None:
            key.retired_at = utcnow()
    return _new_generation(session, team, suite, members)


def reset_with_recovery_key(user: StaffUser, recovery_key: str, new_password: str,
                            params: Argon2Params) -> str:
    """Re-wrap the member's key under a new password; returns a new recovery key.

    The key pair is unchanged, so every report sealed to the member's teams
    stays readable.
    """
    try:
        private = unwrap_with_recovery_key(user.private_key_by_recovery, recovery_key)
    except CryptoError:
        raise StaffError("That recovery key does not open this account.") from None
    fresh_recovery = new_recovery_key()
    user.password_hash = hash_password(new_password, params)
    user.private_key_by_password = wrap_with_password(private, new_password, params)
    user.private_key_by_recovery = wrap_with_recovery_key(private, fresh_recovery)
    user.must_change_password = False
    user.failed_logins = 0
    user.locked_until = None
    return fresh_recovery
