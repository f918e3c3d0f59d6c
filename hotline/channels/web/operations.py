"""The web reporter's inbox: open it with the receipt, read, add messages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline.cases.models import Case, Message
from hotline.cases.sealing import REPORTER, open_message
from hotline.crypto import CryptoError, unwrap_with_password, verify_receipt
from hotline.db import utcnow
from hotline.intake.pipeline import receipt_secret
from hotline.privacy.identifiers import normalize_case_code, normalize_passphrase
from hotline.security import argon2_params
from hotline.settings import Settings

MAX_RECEIPT_FAILURES = 10
RECEIPT_LOCKOUT = timedelta(minutes=15)
VISIBLE_KINDS = ("report", "reporter", "reply")


class InboxError(Exception):
    """The receipt does not open an inbox (deliberately vague)."""


def open_inbox(session: Session, settings: Settings, raw_code: str,
               passphrase: str) -> tuple[Case, bytes]:
    """Check the receipt; return the case and the reporter's private key.

    Failures count per case and lock the inbox for a while after too many,
    without knowing anything about who is trying. The caller commits either
    way, so the count persists.
    """
    code = normalize_case_code(raw_code)
    case = session.scalar(select(Case).where(Case.case_code == code)) if code else None
    if case is None or case.receipt_hash is None or case.reporter_private_key_wrapped is None:
        raise InboxError
    now = utcnow()
    if case.receipt_locked_until is not None and case.receipt_locked_until > now:
        raise InboxError
    passphrase = normalize_passphrase(passphrase)
    params = argon2_params(settings)
    if not verify_receipt(case.receipt_hash, passphrase, settings.pepper, case.case_code, params):
        case.receipt_failures += 1
        if case.receipt_failures >= MAX_RECEIPT_FAILURES:
            case.receipt_locked_until = now + RECEIPT_LOCKOUT
            case.receipt_failures = 0
        raise InboxError
    try:
        private = unwrap_with_password(case.reporter_private_key_wrapped,
                                       receipt_secret(settings, passphrase))
    except CryptoError:
        raise InboxError from None
    case.receipt_failures = 0
    return case, private


@dataclass(frozen=True)
class InboxEntry:
    from_reporter: bool
    created_at: datetime
    text: str


def inbox_entries(session: Session, case: Case, reporter_private: bytes) -> list[InboxEntry]:
    messages = session.scalars(
        select(Message).where(Message.case_id == case.id, Message.kind.in_(VISIBLE_KINDS))
        .order_by(Message.created_at)).all()
    entries = []
    for message in messages:
        opened = open_message(session, message, {REPORTER: reporter_private})
        if opened is not None:
            entries.append(InboxEntry(message.kind != "reply", message.created_at, opened.text))
    return entries
