"""Password hashing, password-based key derivation and receipt hashes (Argon2id).

Argon2id is memory-hard, which makes offline guessing of a stolen hash
expensive on GPUs/ASICs. All functions take an explicit :class:`Argon2Params`
so production and tests cannot silently diverge, and so stored data can
record which cost it was created with.

Passwords and passphrases are NFC-normalised before hashing: the same
passphrase typed on different phones/keyboards (composed vs decomposed
accents, in any language) must produce the same hash.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.low_level import Type, hash_secret_raw

KEY_LEN = 32
_MIN_SALT_LEN = 8  # Argon2's own minimum
_MIN_PEPPER_LEN = 16
_RECEIPT_SALT_LABEL = b"hotline/receipt-salt/v1|"


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost parameters (``memory_cost_kib`` is in KiB)."""

    time_cost: int
    memory_cost_kib: int
    parallelism: int

    def __post_init__(self) -> None:
        if self.time_cost < 1 or self.parallelism < 1:
            raise ValueError("time_cost and parallelism must be >= 1")
        if self.memory_cost_kib < 8 * self.parallelism:
            raise ValueError("memory_cost_kib must be >= 8 * parallelism")


#: RFC 9106 section 4, second recommended option: t=3, 64 MiB, p=4.
RFC9106_LOW_MEMORY = Argon2Params(time_cost=3, memory_cost_kib=64 * 1024, parallelism=4)
#: Fast parameters for the test suite only. Never use in production.
INSECURE_TEST_PARAMS = Argon2Params(time_cost=1, memory_cost_kib=1024, parallelism=1)


def normalize_password(secret: str) -> bytes:
    """UTF-8 bytes of the NFC form of ``secret`` (see module docstring)."""
    return unicodedata.normalize("NFC", secret).encode("utf-8")


def _hasher(params: Argon2Params) -> PasswordHasher:
    return PasswordHasher(
        time_cost=params.time_cost,
        memory_cost=params.memory_cost_kib,
        parallelism=params.parallelism,
        hash_len=KEY_LEN,
        salt_len=16,
        type=Type.ID,
    )


def hash_password(password: str, params: Argon2Params = RFC9106_LOW_MEMORY) -> str:
    """Hash a login password into a PHC string (``$argon2id$v=19$...``).

    The string carries its own salt and parameters, so it can be verified
    after the app's parameters change (and then upgraded, see
    :func:`needs_rehash`).
    """
    return _hasher(params).hash(normalize_password(password))


def verify_password(hash: str, password: str) -> bool:
    """True if ``password`` matches ``hash``; False on mismatch or a garbled
    hash. Never raises for bad input, so login code has a single branch."""
    try:
        return PasswordHasher().verify(hash, normalize_password(password))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(hash: str, params: Argon2Params = RFC9106_LOW_MEMORY) -> bool:
    """True if ``hash`` was made with other parameters than ``params`` (or is
    unparseable); call after a successful login to upgrade the stored hash."""
    try:
        return _hasher(params).check_needs_rehash(hash)
    except InvalidHashError:
        return True


def derive_key(secret: bytes, salt: bytes, params: Argon2Params = RFC9106_LOW_MEMORY) -> bytes:
    """Derive a 32-byte key from a low-entropy secret with Argon2id."""
    if len(salt) < _MIN_SALT_LEN:
        raise ValueError("salt must be at least 8 bytes")
    return hash_secret_raw(
        secret=secret,
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost_kib,
        parallelism=params.parallelism,
        hash_len=KEY_LEN,
        type=Type.ID,
    )


def keyed_receipt_hash(
    passphrase: str,
    pepper: bytes,
    case_code: str,
    params: Argon2Params = RFC9106_LOW_MEMORY,
) -> str:
    """Deterministic, peppered Argon2id hash of a reporter's receipt.

    The salt is HMAC-SHA256(pepper, label || case_code): unique per case, yet
    recomputable from the case code alone, so the hash can be looked up or
    verified without storing a salt. Because the salt depends on the server
    pepper, a stolen database without the pepper gives an attacker nothing
    to guess against.

    ``case_code`` must already be in canonical form (the caller decides
    case/dash handling); the passphrase is NFC-normalised and stripped of
    surrounding whitespace (mobile keyboards often append a space). The
    result does not embed ``params``: receipts must always be hashed with
    the same parameters, or the caller must store which ones were used.
    """
    if len(pepper) < _MIN_PEPPER_LEN:
        raise ValueError("pepper must be at least 16 bytes")
    salt = hmac.new(pepper, _RECEIPT_SALT_LABEL + case_code.encode("utf-8"), hashlib.sha256)
    return derive_key(normalize_password(passphrase.strip()), salt.digest(), params).hex()


def verify_receipt(
    stored_hex: str,
    passphrase: str,
    pepper: bytes,
    case_code: str,
    params: Argon2Params = RFC9106_LOW_MEMORY,
) -> bool:
    """Constant-time check of a receipt against a stored :func:`keyed_receipt_hash`."""
    try:
        stored = bytes.fromhex(stored_hex)
    except ValueError:
        return False
    computed = bytes.fromhex(keyed_receipt_hash(passphrase, pepper, case_code, params))
    return hmac.compare_digest(stored, computed)
