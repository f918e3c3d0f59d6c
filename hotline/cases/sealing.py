"""Seal message bodies to their recipients, and open them again.

Every message carries two ciphertexts: the full text and the scrubbed copy,
each under its own fresh data key bound to the message id and the part name.
Teams that may read the full text get the full data key; a team that may
only see the redacted copy (law enforcement without full-text consent) gets
only the redacted one. The reporter key, where a case has one, receives the
full text of replies to the reporter, and (web cases only, whose key only
the receipt opens) of the reporter's own messages. An SMS or voice case's
reporter key opens with the relay key alone: a reply keeps that copy only
until the outbound job has handed it to the provider (``drop_reporter_copies``).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hotline.cases.models import Case, CaseQueue, Message, WrappedKey
from hotline.crypto import CryptoError, decrypt_payload, encrypt_payload
from hotline.staff.models import Team, TeamKey

REPORTER = "reporter"
PARTS = ("full", "redacted")


def team_recipient(team_key_id: int) -> str:
    return f"team-key:{team_key_id}"


def _aad(message_id: str, part: str) -> bytes:
    return f"message:{message_id}:{part}".encode()


@dataclass(frozen=True)
class Recipients:
    full: dict[str, bytes]
    redacted: dict[str, bytes]


def case_recipients(session: Session, case: Case, *, include_reporter: bool) -> Recipients:
    """The active key of every queue the case sits in (plus the reporter key).

    A law-enforcement queue holding the case by consent follows the consent
    in force now: withdrawn, it receives nothing new; no longer covering the
    full text, only the redacted copy. A supervisor's override
    (``override:...``, always redacted-only) keeps its queue's copy."""
    rows = session.execute(
        select(CaseQueue.redacted_only, CaseQueue.reason, Team.kind, TeamKey.id,
               TeamKey.public_key)
        .join(Team, Team.id == CaseQueue.team_id)
        .join(TeamKey, TeamKey.team_id == Team.id)
        .where(CaseQueue.case_id == case.id, TeamKey.retired_at.is_(None))).all()
    full: dict[str, bytes] = {}
    redacted: dict[str, bytes] = {}
    for redacted_only, reason, kind, key_id, public in rows:
        if kind == "law_enforcement" and not reason.startswith("override:"):
            if not case.consent_law_enforcement:
                continue
            redacted_only = redacted_only or not case.consent_full_text
        redacted[team_recipient(key_id)] = public
        if not redacted_only:
            full[team_recipient(key_id)] = public
    if include_reporter and case.reporter_public_key is not None:
        full[REPORTER] = case.reporter_public_key
    if not full and not redacted:
        raise ValueError("a message needs at least one recipient")
    return Recipients(full, redacted)


def drop_reporter_copies(session: Session, case_id: int, message_id: str | None = None) -> None:
    """Delete the reporter key's wrapped data keys: of one message, or of
    every message of the case."""
    which = (select(Message.id).where(Message.case_id == case_id) if message_id is None
             else select(Message.id).where(Message.id == message_id,
                                           Message.case_id == case_id))
    session.execute(delete(WrappedKey).where(WrappedKey.recipient == REPORTER,
                                             WrappedKey.message_id.in_(which)))


def add_message(session: Session, case: Case, kind: str, text: str, redacted: str,
                recipients: Recipients, *, author_id: int | None = None) -> Message:
    message_id = str(uuid.uuid4())
    message = Message(id=message_id, case_id=case.id, kind=kind, author_id=author_id,
                      body=b"", redacted_body=None)
    for part, plaintext, to in (("full", text, recipients.full),
                                ("redacted", redacted, recipients.redacted)):
        if not to:
            continue
        envelope = encrypt_payload(plaintext.encode("utf-8"), to, _aad(message_id, part))
        if part == "full":
            message.body = envelope.ciphertext
        else:
            message.redacted_body = envelope.ciphertext
        for recipient, sealed in envelope.wrapped_keys.items():
            session.add(WrappedKey(message_id=message_id, recipient=recipient, part=part,
                                   sealed_key=sealed))
    session.add(message)
    session.flush()
    return message


@dataclass(frozen=True)
class OpenedMessage:
    message: Message
    text: str
    part: str


def open_message(session: Session, message: Message,
                 private_keys: Mapping[str, bytes]) -> OpenedMessage | None:
    """Decrypt with the best part these keys open; None when none can."""
    wrapped = session.scalars(
        select(WrappedKey).where(WrappedKey.message_id == message.id,
                                 WrappedKey.recipient.in_(list(private_keys)))).all()
    for part in PARTS:
        ciphertext = message.body if part == "full" else message.redacted_body
        for item in wrapped:
            if item.part != part or ciphertext is None:
                continue
            try:
                plaintext = decrypt_payload(ciphertext, item.sealed_key,
                                            private_keys[item.recipient], _aad(message.id, part))
            except CryptoError:
                continue
            return OpenedMessage(message, plaintext.decode("utf-8"), part)
    return None
