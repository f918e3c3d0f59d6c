"""Sealing under a server secret, for what the server itself must reopen:
a relay number, a provider id in a job payload, a queue cursor in a link.

ChaCha20-Poly1305 under HKDF-SHA256(secret, ``info``): one key per purpose,
a fresh random nonce each time, the ciphertext bound to ``aad``. The format
is ``version (1) | nonce (12) | ciphertext + tag``. Report content never
goes here: it is sealed to team keys (``hotline.crypto.sealing``), which the
server does not hold.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from hotline.crypto.errors import CryptoError

VERSION: Final = 0x01
NONCE_LEN: Final = 12
OVERHEAD: Final = 1 + NONCE_LEN + 16


@lru_cache(maxsize=32)
def _cipher(secret: bytes, info: bytes) -> ChaCha20Poly1305:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(secret)
    return ChaCha20Poly1305(key)


def seal_with_secret(secret: bytes, info: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_LEN)
    return bytes([VERSION]) + nonce + _cipher(secret, info).encrypt(nonce, plaintext, aad)


def open_with_secret(secret: bytes, info: bytes, sealed: bytes, aad: bytes) -> bytes:
    if len(sealed) < OVERHEAD or sealed[0] != VERSION:
        raise CryptoError("malformed sealed value")
    try:
        return _cipher(secret, info).decrypt(sealed[1:1 + NONCE_LEN], sealed[1 + NONCE_LEN:], aad)
    except InvalidTag:
        raise CryptoError("cannot open sealed value") from None
