"""The relay: how the server can text a reporter back while nobody, staff
included, can read their number from the database.

Everything here is ChaCha20-Poly1305 under a key derived with HKDF-SHA256
from ``HOTLINE_RELAY_KEY``, one key per purpose, and every ciphertext is
bound (associated data) to what it belongs to:

- the number, to its conversation id (a sealed number copied onto another
  conversation does not open);
- the SMS case's reporter private key, to the case id (the outbound job
  opens caseworker replies sealed to ``reporter`` with it);
- provider ids and media URLs carried in job payloads, to the purpose.

A database copy alone opens none of it; the relay key lives only in the
environment. Purging means deleting the ciphertext (DESIGN.md invariant 3).

Format: ``version (0x01) || nonce (12 random bytes) || ciphertext+tag``;
tokens in JSON payloads are the same bytes in URL-safe base64.
"""

from __future__ import annotations

import base64
import binascii
from typing import Final

from hotline.crypto import CryptoError
from hotline.crypto.secret_box import open_with_secret, seal_with_secret
from hotline.settings import Settings

_NUMBER: Final = b"hotline/sms-relay/number/v1"
_REPORTER_KEY: Final = b"hotline/sms-relay/reporter-key/v1"
_TOKEN: Final = b"hotline/sms-relay/token/v1"


def _seal(settings: Settings, info: bytes, plaintext: bytes, aad: bytes) -> bytes:
    return seal_with_secret(settings.relay_key, info, plaintext, aad)


def _open(settings: Settings, info: bytes, sealed: bytes, aad: bytes) -> bytes:
    return open_with_secret(settings.relay_key, info, sealed, aad)


def seal_number(settings: Settings, conversation_id: str, e164: str) -> bytes:
    return _seal(settings, _NUMBER, e164.encode("ascii"), conversation_id.encode())


def open_number(settings: Settings, conversation_id: str, sealed: bytes) -> str:
    return _open(settings, _NUMBER, sealed, conversation_id.encode()).decode("ascii")


def wrap_reporter_key(settings: Settings, case_id: int, private: bytes) -> bytes:
    """The SMS case's reporter private key, openable only with the relay key
    (web cases wrap theirs under the receipt instead)."""
    return _seal(settings, _REPORTER_KEY, private, f"case:{case_id}".encode())


def unwrap_reporter_key(settings: Settings, case_id: int, wrapped: bytes) -> bytes:
    return _open(settings, _REPORTER_KEY, wrapped, f"case:{case_id}".encode())


def seal_token(settings: Settings, purpose: str, value: str) -> str:
    """A secret (a provider message id, a media URL) for a JSON job payload."""
    sealed = _seal(settings, _TOKEN, value.encode("utf-8"), purpose.encode())
    return base64.urlsafe_b64encode(sealed).decode("ascii")


def open_token(settings: Settings, purpose: str, token: str) -> str:
    try:
        sealed = base64.urlsafe_b64decode(token.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise CryptoError("malformed relay token") from None
    return _open(settings, _TOKEN, sealed, purpose.encode()).decode("utf-8")
