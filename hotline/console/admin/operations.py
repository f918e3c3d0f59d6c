"""Admin work on accounts and team keys, audited.

The signed-in admin's unlocked team keys (from their key session) sponsor
new members, so no password is typed twice and none travels further.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session

from hotline.audit.log import append as audit
from hotline.console import totp
from hotline.crypto import KemSuite
from hotline.security import argon2_params
from hotline.settings import Settings
from hotline.staff.accounts import disable_user, end_sessions, join_team
from hotline.staff.models import StaffUser, Team, TeamKey
from hotline.staff.operations import (
    Enrolment,
    enroll_user,
    generate_password,
    reset_with_recovery_key,
    rotate_team_key,
)

TEAM_KEY_PREFIX = "team-key:"


def team_keys_by_id(keys: Mapping[str, bytes]) -> dict[int, bytes]:
    """The key session's ``team-key:<id>`` entries, by team key id."""
    return {int(name[len(TEAM_KEY_PREFIX):]): key for name, key in keys.items()
            if name.startswith(TEAM_KEY_PREFIX)}


def _audit(session: Session, settings: Settings, admin: StaffUser, action: str,
           **details: object) -> None:
    audit(session, settings.pepper, action, actor_kind="staff", actor_id=admin.id,
          details=details)


def invite(session: Session, settings: Settings, admin: StaffUser, keys: Mapping[str, bytes],
           username: str, role: str, teams: Sequence[Team]) -> Enrolment:
    """A new account with a one-time password, in the chosen teams."""
    enrolment = enroll_user(session, username, role, argon2_params(settings),
                            KemSuite(settings.kem_suite))
    for team in teams:
        join_team(session, team, enrolment.user, team_keys_by_id(keys))
    _audit(session, settings, admin, "staff.added", user=enrolment.user.id, role=role,
           teams=[team.id for team in teams])
    return enrolment


def add_to_team(session: Session, settings: Settings, admin: StaffUser,
                keys: Mapping[str, bytes], user: StaffUser, team: Team) -> None:
    granted = join_team(session, team, user, team_keys_by_id(keys))
    _audit(session, settings, admin, "staff.team_joined", user=user.id, team=team.id,
           generations=granted)


def disable(session: Session, settings: Settings, admin: StaffUser, user: StaffUser) -> None:
    teams = disable_user(session, user, KemSuite(settings.kem_suite))
    _audit(session, settings, admin, "staff.disabled", user=user.id,
           rotated=[team.id for team in teams])


def reset_password(session: Session, settings: Settings, admin: StaffUser, user: StaffUser,
                   recovery_key: str) -> tuple[str, str]:
    """Admin-assisted recovery: the member's recovery key opens their key,
    which is re-wrapped under a one-time password the member must change.

    Returns (one-time password, new recovery key), to show once.
    """
    password = generate_password()
    fresh = reset_with_recovery_key(user, recovery_key, password, argon2_params(settings))
    user.must_change_password = True
    end_sessions(session, user)
    _audit(session, settings, admin, "staff.reset_with_recovery_key", user=user.id)
    return password, fresh


def reset_second_factor(session: Session, settings: Settings, admin: StaffUser,
                        user: StaffUser) -> None:
    totp.reset_totp(session, user)
    end_sessions(session, user)
    _audit(session, settings, admin, "staff.totp_reset", user=user.id)


def unlock(session: Session, settings: Settings, admin: StaffUser, user: StaffUser) -> None:
    user.locked_until = None
    user.failed_logins = 0
    _audit(session, settings, admin, "staff.unlocked", user=user.id)


def rotate(session: Session, settings: Settings, admin: StaffUser, team: Team) -> TeamKey:
    key = rotate_team_key(session, team, KemSuite(settings.kem_suite))
    session.flush()
    audit(session, settings.pepper, "team.key_rotated", actor_kind="staff", actor_id=admin.id,
          details={"team": team.id, "team_key": key.id})
    return key
