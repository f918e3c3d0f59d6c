"""Staff sign-in: Argon2id password, then a TOTP code (or a backup code).

Throttling is per account and covers both factors and the recovery form:
five failures lock the account for 15 minutes. The password step unlocks
the member's team keys into a key session that is not yet usable: the
browser holds it as *pending* until the second factor succeeds.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline.audit.log import append as audit
from hotline.cases.sealing import team_recipient
from hotline.console import totp
from hotline.crypto import hash_password, verify_password
from hotline.db import utcnow
from hotline.security import argon2_params
from hotline.settings import Settings
from hotline.staff.models import StaffUser
from hotline.staff.operations import (
    StaffError,
    reset_with_recovery_key,
    unlock_private_key,
    unlock_team_keys,
)

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)


class LoginError(Exception):
    """Sign-in refused; deliberately says nothing about why."""


_dummy_hashes: dict[str, str] = {}


def _burn_time(settings: Settings, password: str) -> None:
    """Spend as long on an unknown name as on a wrong password."""
    profile = settings.argon2_profile
    if profile not in _dummy_hashes:
        _dummy_hashes[profile] = hash_password("not a password", argon2_params(settings))
    verify_password(_dummy_hashes[profile], password)


def locked(user: StaffUser) -> bool:
    return user.locked_until is not None and user.locked_until > utcnow()


def record_failure(session: Session, settings: Settings, user: StaffUser, factor: str) -> None:
    """Count a failed attempt; the fifth in a row locks the account."""
    user.failed_logins += 1
    if user.failed_logins >= MAX_FAILURES:
        user.locked_until = utcnow() + LOCKOUT
        user.failed_logins = 0
        audit(session, settings.pepper, "staff.locked", actor_kind="system",
              details={"user": user.id, "factor": factor})


def _find(session: Session, username: str) -> StaffUser | None:
    user = session.scalar(select(StaffUser).where(StaffUser.username == username.strip()))
    return user if user is not None and user.active else None


def login(session: Session, settings: Settings, username: str,
          password: str) -> tuple[StaffUser, dict[str, bytes]]:
    """First factor: check the password and unlock the member's team keys.

    The caller commits in every case, so failure counts persist.
    """
    user = _find(session, username)
    if user is None:
        _burn_time(settings, password)
        raise LoginError
    if locked(user):
        raise LoginError
    if not verify_password(user.password_hash, password):
        record_failure(session, settings, user, "password")
        raise LoginError
    private = unlock_private_key(user, password)
    keys = {team_recipient(key_id): key
            for key_id, key in unlock_team_keys(session, user, private).items()}
    return user, keys


def second_factor(session: Session, settings: Settings, user: StaffUser, code: str) -> None:
    """Second factor: a TOTP code, or else an unused backup code."""
    if locked(user) or not user.active or not totp.enrolled(user):
        raise LoginError
    factor = "totp"
    if not totp.verify_totp(settings, user, code):
        factor = "backup_code"
        if not totp.use_backup_code(session, settings, user, code):
            record_failure(session, settings, user, "totp")
            raise LoginError
    signed_in(session, settings, user, factor)


def signed_in(session: Session, settings: Settings, user: StaffUser, factor: str) -> None:
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = utcnow()
    audit(session, settings.pepper, "staff.login", actor_kind="staff", actor_id=user.id,
          details={"factor": factor})


def enrol_second_factor(session: Session, settings: Settings, user: StaffUser,
                        code: str) -> list[str]:
    """Confirm a first TOTP enrolment; returns the backup codes to show once."""
    if locked(user):
        raise LoginError
    codes = totp.confirm_enrolment(session, settings, user, code)
    if codes is None:
        record_failure(session, settings, user, "totp")
        raise LoginError
    audit(session, settings.pepper, "staff.totp_enrolled", actor_kind="staff",
          actor_id=user.id)
    signed_in(session, settings, user, "totp")
    return codes


def recover(session: Session, settings: Settings, username: str, recovery_key: str,
            new_password: str) -> str:
    """Self-service: a lost password replaced with the recovery key.

    The key pair is kept, so every report stays readable. The second factor
    is still asked at the next sign-in. Returns the new recovery key.
    """
    user = _find(session, username)
    if user is None or locked(user):
        raise LoginError
    try:
        fresh = reset_with_recovery_key(user, recovery_key, new_password,
                                        argon2_params(settings))
    except StaffError:
        record_failure(session, settings, user, "recovery_key")
        raise LoginError from None
    audit(session, settings.pepper, "staff.recovered", actor_kind="staff", actor_id=user.id)
    return fresh
