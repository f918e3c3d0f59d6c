"""Attachments of a case: store an image sealed to the case's teams, open it.

Each attachment gets a fresh data key; the blob is encrypted under it
(``blobs.py``) and the key is sealed (HPKE) to every team key of the case
that may read the full text. A law-enforcement queue that only receives the
redacted copy gets no attachment key: a photo cannot be redacted.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Final, Protocol

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline.cases.models import Case
from hotline.cases.sealing import REPORTER, case_recipients
from hotline.crypto import CryptoError, open_sealed, seal
from hotline.media.blobs import read_blob, write_blob
from hotline.media.models import Attachment, AttachmentKey

_KEY_LABEL: Final = b"hotline/attachment-key/v1|"


def _aad(attachment_id: str) -> bytes:
    return f"attachment:{attachment_id}".encode()


class Content(Protocol):
    """What an attachment is made of: a stripped image (``CleanImage``) or a
    voice recording (``hotline.channels.voice.recordings.Audio``)."""

    @property
    def data(self) -> bytes: ...

    @property
    def content_type(self) -> str: ...


def store_attachment(session: Session, instance_path: Path, case: Case, message_id: str | None,
                     image: Content, *, attachment_id: str | None = None) -> Attachment:
    """Encrypt ``image`` into a blob and seal its key to the case's teams.

    ``attachment_id`` (a UUID) lets a retried job find what it stored."""
    recipients = {rid: public for rid, public in
                  case_recipients(session, case, include_reporter=False).full.items()
                  if rid != REPORTER}
    if not recipients:
        raise ValueError("an attachment needs at least one team that reads the full text")
    attachment_id = attachment_id or str(uuid.uuid4())
    key = ChaCha20Poly1305.generate_key()
    size = write_blob(instance_path, attachment_id, [image.data], key, _aad(attachment_id))
    attachment = Attachment(id=attachment_id, case_id=case.id, message_id=message_id,
                            content_type=image.content_type, size=size)
    session.add(attachment)
    session.flush()
    for recipient, public in recipients.items():
        session.add(AttachmentKey(attachment_id=attachment_id, recipient=recipient,
                                  sealed_key=seal(key, public, _KEY_LABEL + _aad(attachment_id))))
    session.flush()
    return attachment


def attachment_key(session: Session, attachment: Attachment,
                   private_keys: Mapping[str, bytes]) -> bytes | None:
    """The data key, if one of these private keys opens it."""
    rows = session.scalars(select(AttachmentKey).where(
        AttachmentKey.attachment_id == attachment.id,
        AttachmentKey.recipient.in_(list(private_keys))))
    for row in rows:
        try:
            return open_sealed(row.sealed_key, private_keys[row.recipient],
                               _KEY_LABEL + _aad(attachment.id))
        except CryptoError:
            continue
    return None


def open_attachment(session: Session, instance_path: Path, attachment: Attachment,
                    private_keys: Mapping[str, bytes]) -> Iterator[bytes] | None:
    """The decrypted content as authenticated chunks, or None without a key."""
    key = attachment_key(session, attachment, private_keys)
    if key is None:
        return None
    return read_blob(instance_path, attachment.id, key, _aad(attachment.id))
