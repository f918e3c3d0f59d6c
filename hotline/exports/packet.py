"""Build a referral packet in memory and encrypt it to the partner.

The packet is a ZIP archive inside one OpenPGP message:

- ``referral.json``: one JSON object whose keys are HTCDS 2.0 field names
  only (``hotline.exports.htcds``), holding what the consent covers;
- ``attachments/NN.ext``: the case's pictures and disguised voice
  recordings, only with full consent (neither can be redacted). The
  undisguised original a call may keep (``HOTLINE_VOICE_KEEP_ORIGINAL``)
  never goes: staff never hear it, and neither may a partner.

Opening the reporter's words needs the referring caseworker's unlocked team
keys, so the packet is built inside their request, encrypted at once with
pysequoia to the partner's certificate (GnuPG and Kleopatra open it), and
only the ciphertext leaves this module. The plaintext lives in memory for
the length of the request, bounded by ``MAX_PACKET_BYTES``.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from pysequoia import Cert, encrypt
from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline.cases.models import Case, Message, WrappedKey
from hotline.channels.voice.models import VoiceRecording
from hotline.crypto import CryptoError, decrypt_payload
from hotline.exports import htcds
from hotline.media.models import Attachment
from hotline.media.operations import open_attachment

MAX_PACKET_BYTES: Final = 64 * 1024 * 1024
REPORTER_KINDS: Final = ("report", "reporter")
EXTENSIONS: Final = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif",
                     "image/webp": "webp", "audio/wav": "wav"}


class PacketError(Exception):
    """The packet cannot be built; the message is safe to show."""


@dataclass(frozen=True)
class PacketRequest:
    referring_organisation: str
    referred_organisation: str
    referral_date: date
    reason: str
    details: str
    consented: bool
    scope: str  # redacted or full


@dataclass(frozen=True)
class BuiltPacket:
    document: dict[str, object]
    ciphertext: bytes
    attachments: int


def _aad(message_id: str, part: str) -> bytes:
    # Must match hotline.cases.sealing._aad.
    return f"message:{message_id}:{part}".encode()


def open_part(session: Session, message: Message, part: str,
              keys: Mapping[str, bytes]) -> str | None:
    """The message's ``part`` (full or redacted) if these keys open it; unlike
    ``open_message`` it never falls back to the other part."""
    ciphertext = message.body if part == "full" else message.redacted_body
    if not ciphertext:
        return None
    wrapped = session.scalars(select(WrappedKey).where(
        WrappedKey.message_id == message.id, WrappedKey.part == part,
        WrappedKey.recipient.in_(list(keys)))).all()
    for item in wrapped:
        try:
            return decrypt_payload(ciphertext, item.sealed_key, keys[item.recipient],
                                   _aad(message.id, part)).decode("utf-8")
        except (CryptoError, UnicodeDecodeError):
            continue
    return None


def reporter_texts(session: Session, case: Case, part: str,
                   keys: Mapping[str, bytes]) -> list[str]:
    """The reporter's own messages, oldest first; every one must open."""
    messages = session.scalars(select(Message).where(
        Message.case_id == case.id, Message.kind.in_(REPORTER_KINDS))
        .order_by(Message.created_at, Message.id)).all()
    texts = [open_part(session, message, part, keys) for message in messages]
    if not texts or any(text is None for text in texts):
        raise PacketError("Your keys cannot open every message of this case.")
    return [text for text in texts if text is not None]


def document(case: Case, request: PacketRequest, texts: list[str]) -> dict[str, object]:
    """The HTCDS document: only the fields the consent covers."""
    doc: dict[str, object] = {
        htcds.CAS_REFERRING_ORGANISATION: request.referring_organisation,
        htcds.CAS_REFERRED_ORGANISATION: request.referred_organisation,
        htcds.CAS_OUTGOING_REFERRAL_DATE: request.referral_date.isoformat(),
        htcds.CAS_REASON_FOR_OUTGOING_REFERRAL: request.reason,
        htcds.CON_CONSENT: request.consented,
    }
    if request.details.strip():
        doc[htcds.CAS_OUTGOING_REFERRAL_DETAILS] = request.details.strip()
    if request.scope in ("redacted", "full"):
        doc[htcds.CAS_STATUS] = htcds.CASE_STATUS.get(case.status, "Active")
        doc[htcds.VIC_TRAFFICKING_STATUS] = htcds.POSSIBLE_VICTIM
        if case.category in htcds.EXPLOITATION:
            doc[htcds.VIC_TYPE_OF_EXPLOITATION] = [htcds.EXPLOITATION[case.category]]
        if case.language:
            doc[htcds.PRS_PRIMARY_LANGUAGE] = case.language
        doc[htcds.CCO_CASE_COMMENT] = texts
    unknown = set(doc) - htcds.ALL_FIELDS
    if unknown:  # a programming error, never data: refuse rather than leak
        raise PacketError("non-HTCDS field in packet")
    return doc


def _archive(doc: dict[str, object], session: Session, instance_path: Path, case: Case,
             keys: Mapping[str, bytes], with_attachments: bool) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    count = 0
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("referral.json", json.dumps(doc, ensure_ascii=False, indent=2,
                                                     sort_keys=True) + "\n")
        if with_attachments:
            originals = select(VoiceRecording.original_attachment_id).where(
                VoiceRecording.case_id == case.id,
                VoiceRecording.original_attachment_id.is_not(None))
            attachments = session.scalars(select(Attachment).where(
                Attachment.case_id == case.id, Attachment.id.not_in(originals))
                .order_by(Attachment.created_at)).all()
            for attachment in attachments:
                chunks = open_attachment(session, instance_path, attachment, keys)
                if chunks is None:
                    raise PacketError("Your keys cannot open this case's attachments.")
                count += 1
                name = f"attachments/{count:02d}.{EXTENSIONS.get(attachment.content_type, 'bin')}"
                with archive.open(name, "w") as entry:
                    for chunk in chunks:
                        entry.write(chunk)
                if buffer.tell() > MAX_PACKET_BYTES:
                    raise PacketError("The attachments are too large for one packet.")
    return buffer.getvalue(), count


def build_packet(session: Session, instance_path: Path, case: Case, certificate: str,
                 request: PacketRequest, keys: Mapping[str, bytes]) -> BuiltPacket:
    """Decrypt what the consent covers, package it, encrypt it to ``certificate``."""
    if request.scope not in ("redacted", "full"):
        raise PacketError("Nothing may be shared without consent or an override.")
    texts = reporter_texts(session, case, request.scope, keys)
    doc = document(case, request, texts)
    plaintext, count = _archive(doc, session, instance_path, case, keys,
                                with_attachments=request.scope == "full")
    ciphertext = encrypt(plaintext, [Cert.from_bytes(certificate.encode("utf-8"))],
                         armor=False)
    return BuiltPacket(doc, ciphertext, count)
