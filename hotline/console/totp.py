"""TOTP second factor (RFC 6238) and one-time backup codes.

- The TOTP secret is sealed with ChaCha20-Poly1305 under a key derived by
  HKDF from the server secret key, bound to the member's id: a database copy
  alone does not reveal it.
- A code is accepted for the current 30-second step or one step either side,
  and never twice: the last accepted step is stored (RFC 6238, 5.2).
- Backup codes are 50 random bits each, kept only as HMAC-SHA256 under a key
  derived from the server pepper, and burn on use.
- The enrolment QR code is drawn server-side by ``segno`` as an SVG data URI
  (``img-src data:`` in the CSP; no script, no inline style on the page).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time

import pyotp
import segno
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hotline.db import utcnow
from hotline.settings import Settings
from hotline.staff.models import BackupCode, StaffUser

STEP_SECONDS = 30
BACKUP_CODE_COUNT = 10
ISSUER = "hotline"
_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no l/1/o/0 to misread


def _derive(secret: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(secret)


def _aad(user_id: int) -> bytes:
    return f"hotline/totp-secret/v1|{user_id}".encode()


def seal_secret(settings: Settings, user_id: int, secret: str) -> bytes:
    key = _derive(settings.secret_key, b"hotline/totp-secret/v1")
    nonce = os.urandom(12)
    return nonce + ChaCha20Poly1305(key).encrypt(nonce, secret.encode("ascii"), _aad(user_id))


def open_secret(settings: Settings, user: StaffUser) -> str | None:
    blob = user.totp_secret_sealed
    if not blob:
        return None
    key = _derive(settings.secret_key, b"hotline/totp-secret/v1")
    try:
        return ChaCha20Poly1305(key).decrypt(blob[:12], blob[12:], _aad(user.id)).decode("ascii")
    except (InvalidTag, ValueError):
        return None


def enrolled(user: StaffUser) -> bool:
    return user.totp_enrolled_at is not None and user.totp_secret_sealed is not None


def pending_secret(session: Session, settings: Settings, user: StaffUser) -> str:
    """The secret awaiting confirmation, created on first call (kept across reloads)."""
    secret = None if enrolled(user) else open_secret(settings, user)
    if secret is None:
        secret = pyotp.random_base32()
        user.totp_secret_sealed = seal_secret(settings, user.id, secret)
        user.totp_enrolled_at = None
        user.totp_last_step = None
        session.flush()
    return secret


def provisioning_uri(secret: str, username: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def qr_data_uri(uri: str) -> str:
    """The QR code as an ``data:image/svg+xml`` URI for an ``<img>``."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=4, dark="#0b0c0c",
                                                   light="#ffffff")


def _matching_step(secret: str, code: str, now: float) -> int | None:
    code = "".join(code.split())
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = int(now) // STEP_SECONDS
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def verify_totp(settings: Settings, user: StaffUser, code: str,
                now: float | None = None) -> bool:
    """Check a code for an enrolled or enrolling member; a used step is refused."""
    secret = open_secret(settings, user)
    if secret is None:
        return False
    step = _matching_step(secret, code, time.time() if now is None else now)
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    user.totp_last_step = step
    return True


def confirm_enrolment(session: Session, settings: Settings, user: StaffUser,
                      code: str) -> list[str] | None:
    """Finish enrolment with a first valid code; returns fresh backup codes."""
    if enrolled(user) or not verify_totp(settings, user, code):
        return None
    user.totp_enrolled_at = utcnow()
    return new_backup_codes(session, settings, user)


def enrol_now(session: Session, settings: Settings, user: StaffUser) -> str:
    """Enrol without the confirmation round trip (command line, tests)."""
    secret = pyotp.random_base32()
    user.totp_secret_sealed = seal_secret(settings, user.id, secret)
    user.totp_enrolled_at = utcnow()
    user.totp_last_step = None
    session.flush()
    return secret


def reset_totp(session: Session, user: StaffUser) -> None:
    """Forget the second factor; the member enrols again at next sign-in."""
    user.totp_secret_sealed = None
    user.totp_enrolled_at = None
    user.totp_last_step = None
    session.execute(delete(BackupCode).where(BackupCode.user_id == user.id))


def _code_hash(settings: Settings, user_id: int, code: str) -> str:
    key = _derive(settings.pepper, b"hotline/backup-code/v1")
    normalized = "".join(ch for ch in code.lower() if ch.isalnum())
    return hmac.new(key, f"{user_id}:{normalized}".encode(), hashlib.sha256).hexdigest()


def new_backup_codes(session: Session, settings: Settings, user: StaffUser) -> list[str]:
    """Replace the member's backup codes; the plain codes are returned once."""
    session.execute(delete(BackupCode).where(BackupCode.user_id == user.id))
    codes = []
    for _ in range(BACKUP_CODE_COUNT):
        raw = "".join(secrets.choice(_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    session.add_all(BackupCode(user_id=user.id, code_hash=_code_hash(settings, user.id, code))
                    for code in codes)
    session.flush()
    return codes


def use_backup_code(session: Session, settings: Settings, user: StaffUser, code: str) -> bool:
    wanted = _code_hash(settings, user.id, code)
    rows = session.scalars(select(BackupCode).where(BackupCode.user_id == user.id,
                                                    BackupCode.used_at.is_(None))).all()
    for row in rows:
        if hmac.compare_digest(row.code_hash, wanted):
            row.used_at = utcnow()
            return True
    return False


def backup_codes_left(session: Session, user: StaffUser) -> int:
    return len(session.scalars(select(BackupCode.id).where(
        BackupCode.user_id == user.id, BackupCode.used_at.is_(None))).all())

