"""Wrapping a staff member's private key at rest.

A staff private key is stored twice, never in the clear:

* wrapped under a key derived from their password with Argon2id (slow and
  memory-hard, because passwords are guessable), and
* wrapped under a one-time recovery key shown at enrolment. That key is 256
  random bits, so a fast KDF (HKDF-SHA256) is enough and recovery stays quick.

Blobs are self-describing and versioned; the whole header (including the
Argon2 parameters, salt and nonce) is the AEAD's associated data, so it
cannot be altered -- e.g. to downgrade the cost -- without detection, and
old blobs keep opening after the app's parameters are raised.

Password blob::

    version=1 | kind=1 | time_cost u32 | memory_kib u32 | parallelism u8
    | salt (16) | nonce (12) | ciphertext+tag

Recovery blob::

    version=1 | kind=2 | salt (16) | nonce (12) | ciphertext+tag
"""

from __future__ import annotations

import base64
import binascii
import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from hotline.crypto.errors import CryptoError
from hotline.crypto.passwords import Argon2Params, derive_key, normalize_password

WRAP_VERSION = 0x01
_KIND_PASSWORD = 0x01
_KIND_RECOVERY = 0x02
_SALT_LEN = 16
_NONCE_LEN = 12
_TAG_LEN = 16
_PARAMS = struct.Struct(">BBIIB")  # version, kind, time_cost, memory_kib, parallelism
_PREFIX = struct.Struct(">BB")  # version, kind
_RECOVERY_KEY_LEN = 32
_RECOVERY_INFO = b"hotline/recovery-wrap/v1"
# Upper bounds on parameters read back from a blob, so a corrupted or
# malicious blob cannot make the server allocate gigabytes or spin for minutes.
_MAX_TIME_COST = 64
_MAX_MEMORY_KIB = 4 * 1024 * 1024  # 4 GiB
_MAX_PARALLELISM = 64
# Base32 has no 0/1/8; people copying a key by hand will type them anyway.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B", "-": None, " ": None})


def _check_params(params: Argon2Params) -> None:
    if not (
        params.time_cost <= _MAX_TIME_COST
        and params.memory_cost_kib <= _MAX_MEMORY_KIB
        and params.parallelism <= _MAX_PARALLELISM
    ):
        raise CryptoError("Argon2 parameters out of the supported range")


def _seal(key: bytes, header: bytes, secret: bytes) -> bytes:
    return header + ChaCha20Poly1305(key).encrypt(header[-_NONCE_LEN:], secret, header)


def _open(key: bytes, header: bytes, body: bytes, what: str) -> bytes:
    try:
        return ChaCha20Poly1305(key).decrypt(header[-_NONCE_LEN:], body, header)
    except InvalidTag as exc:
        raise CryptoError(f"wrong {what} or corrupted key blob") from exc


def _split(blob: bytes, prefix_len: int, kind: int) -> tuple[bytes, bytes]:
    """Check version/kind/length; return (header, ciphertext)."""
    header_len = prefix_len + _SALT_LEN + _NONCE_LEN
    if len(blob) < _PREFIX.size:
        raise CryptoError("key blob too short")
    if blob[0] != WRAP_VERSION:
        raise CryptoError("unsupported key blob version")
    if blob[1] != kind:
        raise CryptoError("key blob is of another kind")
    if len(blob) < header_len + _TAG_LEN:
        raise CryptoError("key blob too short")
    return blob[:header_len], blob[header_len:]


def wrap_with_password(secret: bytes, password: str, params: Argon2Params) -> bytes:
    """Encrypt ``secret`` under an Argon2id key derived from ``password``."""
    _check_params(params)
    salt = os.urandom(_SALT_LEN)
    header = (
        _PARAMS.pack(
            WRAP_VERSION,
            _KIND_PASSWORD,
            params.time_cost,
            params.memory_cost_kib,
            params.parallelism,
        )
        + salt
        + os.urandom(_NONCE_LEN)
    )
    return _seal(derive_key(normalize_password(password), salt, params), header, secret)


def unwrap_with_password(blob: bytes, password: str) -> bytes:
    """Decrypt a :func:`wrap_with_password` blob, using the parameters stored
    in the blob. Raises CryptoError on a wrong password or any corruption."""
    header, body = _split(blob, _PARAMS.size, _KIND_PASSWORD)
    _, _, time_cost, memory_kib, parallelism = _PARAMS.unpack_from(header)
    try:
        params = Argon2Params(time_cost, memory_kib, parallelism)
    except ValueError as exc:
        raise CryptoError("invalid Argon2 parameters in key blob") from exc
    _check_params(params)
    salt = header[_PARAMS.size : _PARAMS.size + _SALT_LEN]
    return _open(derive_key(normalize_password(password), salt, params), header, body, "password")


def new_recovery_key() -> str:
    """A fresh 256-bit recovery key as RFC 4648 base32 in dash-separated
    groups of four (13 groups, no padding), e.g. ``ABCD-EFGH-...-WXYZ``."""
    text = base64.b32encode(os.urandom(_RECOVERY_KEY_LEN)).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def _decode_recovery_key(recovery_key: str) -> bytes:
    """Accept the key as typed: any case, spaces or dashes, 0/1/8 for O/I/B."""
    text = "".join(recovery_key.split()).upper().translate(_LOOKALIKES)
    try:
        raw = base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError) as exc:
        raise CryptoError("malformed recovery key") from exc
    if len(raw) != _RECOVERY_KEY_LEN:
        raise CryptoError("malformed recovery key")
    return raw


def _recovery_kek(recovery_key: str, salt: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_RECOVERY_INFO)
    return hkdf.derive(_decode_recovery_key(recovery_key))


def wrap_with_recovery_key(secret: bytes, recovery_key: str) -> bytes:
    """Encrypt ``secret`` under a key derived (HKDF) from ``recovery_key``.

    Raises CryptoError if ``recovery_key`` is not a well-formed key.
    """
    salt = os.urandom(_SALT_LEN)
    header = _PREFIX.pack(WRAP_VERSION, _KIND_RECOVERY) + salt + os.urandom(_NONCE_LEN)
    return _seal(_recovery_kek(recovery_key, salt), header, secret)


def unwrap_with_recovery_key(blob: bytes, recovery_key: str) -> bytes:
    """Decrypt a :func:`wrap_with_recovery_key` blob. Raises CryptoError on a
    wrong or malformed recovery key or any corruption."""
    header, body = _split(blob, _PREFIX.size, _KIND_RECOVERY)
    salt = header[_PREFIX.size : _PREFIX.size + _SALT_LEN]
    return _open(_recovery_kek(recovery_key, salt), header, body, "recovery key")
