"""Short-lived sessions that hold unlocked private keys, encrypted.

After a staff login (password) or a reporter's inbox login (receipt), the
private keys they unlocked are needed on later requests, possibly in another
app process. They are kept in a database row, encrypted under a random
session key that exists only in the visitor's cookie: the row alone (a
database copy) cannot be opened, the cookie alone holds no key material, and
deleting the row (logout, idle timeout) wipes them. Nothing is ever written
to disk in the clear. The hourly retention round also deletes idle rows and
sign-ins abandoned at the second factor (``purge_idle``, ``purge_pending``),
so a row whose cookie never comes back does not stay.
"""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from sqlalchemy import ForeignKey, Integer, LargeBinary, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from hotline.db import Base, UTCDateTime, utcnow

KINDS = ("staff", "reporter")
# How long a sign-in may wait at the second-factor step (the console's
# ``login_views.PENDING_SECONDS``); its row is useless after that.
PENDING = timedelta(seconds=300)


class KeySession(Base):
    __tablename__ = "key_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    sealed_keys: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


@dataclass(frozen=True)
class SessionToken:
    """What goes into the visitor's (signed) cookie."""

    session_id: str
    key: str

    def as_cookie(self) -> dict[str, str]:
        return {"ks": self.session_id, "kk": self.key}

    @classmethod
    def from_cookie(cls, data: Mapping[str, object]) -> SessionToken | None:
        sid, key = data.get("ks"), data.get("kk")
        if isinstance(sid, str) and isinstance(key, str):
            return cls(sid, key)
        return None


@dataclass(frozen=True)
class Unlocked:
    row: KeySession
    keys: dict[str, bytes]


def _cipher(token_key: str) -> ChaCha20Poly1305:
    return ChaCha20Poly1305(base64.urlsafe_b64decode(token_key))


def open_key_session(session: Session, kind: str, keys: Mapping[str, bytes], *,
                     staff_user_id: int | None = None, case_id: int | None = None) -> SessionToken:
    if kind not in KINDS:
        raise ValueError(kind)
    token = SessionToken(secrets.token_urlsafe(32),
                         base64.urlsafe_b64encode(ChaCha20Poly1305.generate_key()).decode())
    nonce = secrets.token_bytes(12)
    payload = json.dumps({k: base64.b64encode(v).decode() for k, v in keys.items()}).encode()
    sealed = nonce + _cipher(token.key).encrypt(nonce, payload, token.session_id.encode())
    session.add(KeySession(id=token.session_id, kind=kind, staff_user_id=staff_user_id,
                           case_id=case_id, sealed_keys=sealed))
    session.flush()
    return token


def load_key_session(session: Session, token: SessionToken, kind: str,
                     idle: timedelta) -> Unlocked | None:
    """The unlocked keys, or None when the session is unknown or idle too long."""
    row = session.get(KeySession, token.session_id)
    if row is None or row.kind != kind:
        return None
    now = utcnow()
    if now - row.last_seen_at > idle:
        session.delete(row)
        session.flush()
        return None
    try:
        payload = _cipher(token.key).decrypt(row.sealed_keys[:12], row.sealed_keys[12:],
                                             token.session_id.encode())
    except (InvalidTag, ValueError):
        return None
    row.last_seen_at = now
    keys = {k: base64.b64decode(v) for k, v in json.loads(payload).items()}
    return Unlocked(row, keys)


def close_key_session(session: Session, session_id: str) -> None:
    session.execute(delete(KeySession).where(KeySession.id == session_id))


def purge_idle(session: Session, idle: timedelta, now: datetime | None = None) -> int:
    """Delete every session (staff or reporter) unused for ``idle``."""
    cutoff = (now or utcnow()) - idle
    result = session.execute(delete(KeySession).where(KeySession.last_seen_at < cutoff))
    return result.rowcount or 0  # type: ignore[attr-defined]


def purge_pending(session: Session, now: datetime | None = None,
                  pending: timedelta = PENDING) -> int:
    """Delete staff sessions opened by a password more than ``pending`` ago
    whose member has not completed a sign-in since (the second factor was
    never given): nothing can use them any more."""
    from hotline.staff.models import StaffUser

    completed = select(StaffUser.id).where(StaffUser.id == KeySession.staff_user_id,
                                           StaffUser.last_login_at >= KeySession.created_at)
    result = session.execute(delete(KeySession).where(
        KeySession.kind == "staff", KeySession.created_at < (now or utcnow()) - pending,
        ~completed.exists()))
    return result.rowcount or 0  # type: ignore[attr-defined]
