"""Cryptography for hotline: key pairs, sealing, report envelopes, password
hashing, key wrapping and streaming encryption.

Everything here is built from ``cryptography`` (HPKE, ChaCha20-Poly1305,
HKDF) and ``argon2-cffi``; no primitive is hand-rolled. Keys and ciphertexts
cross this package's boundary as plain ``bytes``, and every failure to open
something raises :class:`CryptoError`.
"""

from hotline.crypto.envelope import Envelope, add_recipient, decrypt_payload, encrypt_payload
from hotline.crypto.errors import CryptoError
from hotline.crypto.keys import KemSuite, KeyPair, fingerprint, generate_keypair, public_suite
from hotline.crypto.passwords import (
    INSECURE_TEST_PARAMS,
    RFC9106_LOW_MEMORY,
    Argon2Params,
    derive_key,
    hash_password,
    keyed_receipt_hash,
    needs_rehash,
    verify_password,
    verify_receipt,
)
from hotline.crypto.sealing import open_sealed, seal
from hotline.crypto.stream import CHUNK_SIZE, decrypt_stream, encrypt_stream, iter_decrypt
from hotline.crypto.wrapping import (
    new_recovery_key,
    unwrap_with_password,
    unwrap_with_recovery_key,
    wrap_with_password,
    wrap_with_recovery_key,
)

__all__ = [
    "CHUNK_SIZE",
    "INSECURE_TEST_PARAMS",
    "RFC9106_LOW_MEMORY",
    "Argon2Params",
    "CryptoError",
    "Envelope",
    "KemSuite",
    "KeyPair",
    "add_recipient",
    "decrypt_payload",
    "decrypt_stream",
    "derive_key",
    "encrypt_payload",
    "encrypt_stream",
    "fingerprint",
    "generate_keypair",
    "hash_password",
    "iter_decrypt",
    "keyed_receipt_hash",
    "needs_rehash",
    "new_recovery_key",
    "open_sealed",
    "public_suite",
    "seal",
    "unwrap_with_password",
    "unwrap_with_recovery_key",
    "verify_password",
    "verify_receipt",
    "wrap_with_password",
    "wrap_with_recovery_key",
]
