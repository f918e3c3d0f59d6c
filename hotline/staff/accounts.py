"""Account work done from the console: password change, joining a team with
a signed-in sponsor's unlocked keys, disabling a member.

Complements ``hotline.staff.operations`` (enrolment, team keys, recovery).
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hotline.crypto import KemSuite, hash_password, seal, verify_password, wrap_with_password
from hotline.crypto.passwords import Argon2Params
from hotline.keysession import KeySession
from hotline.staff.models import Membership, StaffUser, Team, TeamKey, TeamKeyGrant
from hotline.staff.operations import (
    GRANT_INFO,
    StaffError,
    rotate_team_key,
    team_members,
    unlock_private_key,
)

MIN_PASSWORD_LENGTH = 12


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StaffError(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")


def change_password(user: StaffUser, current: str, new: str, params: Argon2Params) -> None:
    """Re-wrap the member's private key under a new password (keys unchanged)."""
    check_new_password(new)
    if not verify_password(user.password_hash, current):
        raise StaffError("Wrong password.")
    if new == current:
        raise StaffError("Choose a password you have not used here.")
    private = unlock_private_key(user, current)
    user.password_hash = hash_password(new, params)
    user.private_key_by_password = wrap_with_password(private, new, params)
    user.must_change_password = False


def join_team(session: Session, team: Team, new_user: StaffUser,
              sponsor_team_keys: Mapping[int, bytes]) -> int:
    """Seal every generation of ``team``'s key the sponsor holds to ``new_user``.

    ``sponsor_team_keys`` are the signed-in sponsor's unlocked team keys by
    team key id. The sponsor must hold the active generation, or the new
    member could not read new reports. Returns the generations granted.
    """
    if session.get(Membership, (new_user.id, team.id)) is not None:
        raise StaffError(f"{new_user.username} is already a member of {team.slug}.")
    keys = session.scalars(select(TeamKey).where(TeamKey.team_id == team.id)).all()
    active = [key for key in keys if key.retired_at is None]
    if not active or any(key.id not in sponsor_team_keys for key in active):
        raise StaffError("You do not hold this team's current key.")
    granted = 0
    for key in keys:
        if key.id in sponsor_team_keys:
            session.add(TeamKeyGrant(team_key_id=key.id, user_id=new_user.id,
                                     sealed_private_key=seal(sponsor_team_keys[key.id],
                                                             new_user.public_key, GRANT_INFO)))
            granted += 1
    session.add(Membership(user_id=new_user.id, team_id=team.id))
    session.flush()
    return granted


def end_sessions(session: Session, user: StaffUser) -> None:
    """Delete the member's key sessions: every signed-in browser is signed out."""
    session.execute(delete(KeySession).where(KeySession.staff_user_id == user.id))


def disable_user(session: Session, user: StaffUser, suite: KemSuite) -> list[Team]:
    """Disable an account, end its sessions and rotate its teams' keys.

    The member keeps no access to reports that arrive afterwards. Refused
    when a team would be left without an active member to read new reports.
    """
    if not user.active:
        raise StaffError(f"{user.username} is already disabled.")
    teams = list(session.scalars(select(Team).join(Membership, Membership.team_id == Team.id)
                                 .where(Membership.user_id == user.id)))
    for team in teams:
        if not [m for m in team_members(session, team) if m.id != user.id]:
            raise StaffError(f"{team.slug} would have no member left to read new reports.")
    user.active = False
    end_sessions(session, user)
    session.flush()
    for team in teams:
        rotate_team_key(session, team, suite)
    session.flush()
    return teams

