"""Public-key sealing with HPKE (RFC 9180, base mode, single shot).

Used to seal small secrets -- report data keys, queue private keys -- to a
recipient's public key. We use the library's HPKE rather than composing
ECDH + HKDF + AEAD ourselves, so the key schedule and the binding of the
ephemeral key into it are the standard, reviewed ones.

Suite: KEM from the recipient key's tag (DHKEM(X25519) or ML-KEM-768+X25519),
HKDF-SHA256, ChaCha20-Poly1305.

Sealed format::

    version (1 byte = 0x01) || suite tag (1 byte) || enc || ciphertext+tag

``enc || ciphertext`` is exactly what ``hpke.Suite.encrypt`` returns. The
suite tag is authenticated implicitly (the KEM id is part of HPKE's key
schedule), and an unknown version is rejected before any decryption.

``info`` is the caller's context string (e.g. ``b"hotline/datakey/v1|<id>"``):
a blob sealed for one purpose or report cannot be opened as another.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke

from hotline.crypto.errors import CryptoError
from hotline.crypto.keys import KemSuite, load_private_key, load_public_key

SEALED_VERSION = 0x01

_KEMS: dict[KemSuite, hpke.KEM] = {
    KemSuite.X25519: hpke.KEM.X25519,
    KemSuite.HYBRID: hpke.KEM.MLKEM768_X25519,
}
_HEADER_LEN = 2
_AEAD_TAG_LEN = 16


def _suite(kem_suite: KemSuite) -> hpke.Suite:
    return hpke.Suite(_KEMS[kem_suite], hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)


def seal(plaintext: bytes, public: bytes, info: bytes) -> bytes:
    """Encrypt ``plaintext`` so that only the holder of ``public``'s private
    key can open it, bound to the context string ``info``.

    Raises CryptoError if ``public`` is malformed or unusable (e.g. a
    low-order X25519 point).
    """
    kem_suite, key = load_public_key(public)
    try:
        body = _suite(kem_suite).encrypt(plaintext, key, info)
    except ValueError as exc:
        raise CryptoError("cannot seal to this public key") from exc
    return bytes([SEALED_VERSION, kem_suite.tag]) + body


def open_sealed(sealed: bytes, private: bytes, info: bytes) -> bytes:
    """Open a blob produced by :func:`seal`.

    Raises CryptoError on a wrong key, a different ``info``, any tampering,
    truncation, an unknown version, or a suite that does not match the key.
    """
    if len(sealed) < _HEADER_LEN:
        raise CryptoError("sealed data too short")
    if sealed[0] != SEALED_VERSION:
        raise CryptoError("unsupported sealed data version")
    blob_suite = KemSuite.from_tag(sealed[1])
    key_suite, key = load_private_key(private)
    if blob_suite is not key_suite:
        raise CryptoError("sealed data and private key use different suites")
    body = sealed[_HEADER_LEN:]
    if len(body) < _KEMS[key_suite].enc_length() + _AEAD_TAG_LEN:
        raise CryptoError("sealed data too short")
    try:
        return _suite(key_suite).decrypt(body, key, info)
    except (InvalidTag, ValueError, TypeError) as exc:
        raise CryptoError("cannot open sealed data") from exc
