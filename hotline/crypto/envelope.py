"""The per-report payload envelope (hybrid encryption).

Each report gets a fresh random 32-byte data key. The payload is encrypted
once under that key with ChaCha20-Poly1305, and the data key is sealed
(HPKE, see ``sealing.py``) to every destination queue. That way a report is
stored once however many teams may read it, escalating a case only means
sealing the data key once more (:func:`add_recipient`), and nothing on the
server can read a report without a queue's private key.

Payload ciphertext format::

    version (1 byte = 0x01) || nonce (12 random bytes) || ciphertext+tag

The caller's ``aad`` (the report id) is bound into both the payload AEAD and
the sealed data keys, with distinct labels, so neither a payload nor a
wrapped key can be moved to another report, and a wrapped data key can never
be confused with another kind of sealed secret.

Python cannot reliably wipe memory, so data keys are not "zeroized"; they
live only in local variables for the duration of a call.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from hotline.crypto.errors import CryptoError
from hotline.crypto.sealing import open_sealed, seal

PAYLOAD_VERSION = 0x01
DATA_KEY_LEN = 32
_NONCE_LEN = 12
_TAG_LEN = 16
_PAYLOAD_LABEL = b"hotline/payload/v1|"
_DATAKEY_LABEL = b"hotline/datakey/v1|"


@dataclass(frozen=True)
class Envelope:
    """An encrypted payload plus its data key sealed to each recipient.

    ``wrapped_keys`` maps a recipient id (e.g. a queue id) to the sealed
    data key for that recipient's public key.
    """

    ciphertext: bytes
    wrapped_keys: dict[str, bytes]


def encrypt_payload(plaintext: bytes, recipients: Mapping[str, bytes], aad: bytes) -> Envelope:
    """Encrypt ``plaintext`` under a fresh data key sealed to each recipient.

    ``recipients`` maps recipient id -> serialized public key; ``aad`` is the
    report id. Raises ValueError when there is no recipient (a report nobody
    can read is a bug, not a feature) and CryptoError for a bad public key.
    """
    if not recipients:
        raise ValueError("a payload needs at least one recipient")
    data_key = ChaCha20Poly1305.generate_key()
    nonce = os.urandom(_NONCE_LEN)
    body = ChaCha20Poly1305(data_key).encrypt(nonce, plaintext, _PAYLOAD_LABEL + aad)
    wrapped = {
        rid: seal(data_key, public, _DATAKEY_LABEL + aad) for rid, public in recipients.items()
    }
    return Envelope(bytes([PAYLOAD_VERSION]) + nonce + body, wrapped)


def _unwrap_data_key(wrapped_key: bytes, private: bytes, aad: bytes) -> bytes:
    data_key = open_sealed(wrapped_key, private, _DATAKEY_LABEL + aad)
    if len(data_key) != DATA_KEY_LEN:
        raise CryptoError("unwrapped data key has the wrong length")
    return data_key


def decrypt_payload(ciphertext: bytes, wrapped_key: bytes, private: bytes, aad: bytes) -> bytes:
    """Open a payload with one recipient's wrapped key and private key.

    Raises CryptoError on a wrong key, a different ``aad`` (report id),
    tampering, truncation or an unknown format version.
    """
    data_key = _unwrap_data_key(wrapped_key, private, aad)
    if len(ciphertext) < 1 + _NONCE_LEN + _TAG_LEN:
        raise CryptoError("payload too short")
    if ciphertext[0] != PAYLOAD_VERSION:
        raise CryptoError("unsupported payload version")
    nonce = ciphertext[1 : 1 + _NONCE_LEN]
    body = ciphertext[1 + _NONCE_LEN :]
    try:
        return ChaCha20Poly1305(data_key).decrypt(nonce, body, _PAYLOAD_LABEL + aad)
    except InvalidTag as exc:
        raise CryptoError("cannot decrypt payload") from exc


def add_recipient(wrapped_key: bytes, private: bytes, new_public: bytes, aad: bytes) -> bytes:
    """Re-seal an existing report's data key to another recipient.

    Used when a case is escalated to another team: a current reader unwraps
    the data key with their private key and seals it to ``new_public``. The
    payload itself is untouched. Returns the new wrapped key for storage
    under the new recipient's id. Raises CryptoError if unwrapping fails.
    """
    data_key = _unwrap_data_key(wrapped_key, private, aad)
    return seal(data_key, new_public, _DATAKEY_LABEL + aad)
