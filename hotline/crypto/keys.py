"""Key pairs for teams (queues), staff members and reporters.

Keys are stored and passed around as plain ``bytes`` so that the database
layer, sessions and the CLI never touch ``cryptography`` objects. Each
serialized key starts with a one-byte suite tag followed by raw key material,
which makes it self-describing: ``sealing.py`` picks the HPKE KEM from the
tag, and a future suite can be added without a schema change.

Two suites exist:

* ``X25519`` -- classic DHKEM(X25519); the default, small (33-byte keys).
* ``HYBRID`` -- ML-KEM-768 + X25519 (the HPKE ``MLKEM768_X25519`` KEM). It
  protects today's reports against a future quantum adversary who records
  ciphertexts now ("harvest now, decrypt later"), at the cost of ~1.2 KB
  public keys and ~1.1 KB per sealed data key.

Layouts (after the tag byte):

* X25519 private: 32 raw bytes; public: 32 raw bytes.
* Hybrid private: 64-byte ML-KEM-768 seed || 32-byte X25519 private key.
* Hybrid public: 1184-byte ML-KEM-768 public key || 32-byte X25519 public key.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519

from hotline.crypto.errors import CryptoError

_X25519_LEN = 32
_MLKEM768_SEED_LEN = 64
_MLKEM768_PUBLIC_LEN = 1184

PublicKey = x25519.X25519PublicKey | hpke.MLKEM768X25519PublicKey
PrivateKey = x25519.X25519PrivateKey | hpke.MLKEM768X25519PrivateKey


class KemSuite(enum.StrEnum):
    """Which key-encapsulation mechanism a key pair belongs to.

    A ``StrEnum`` (a ``str`` and an ``Enum``): ``str(suite)`` is the value,
    so it can be stored in a text column and compared to plain strings.
    """

    X25519 = "x25519"
    HYBRID = "mlkem768-x25519"

    @property
    def tag(self) -> int:
        """The one-byte tag used in serialized keys and sealed blobs."""
        return _SUITE_TAGS[self]

    @classmethod
    def from_tag(cls, tag: int) -> KemSuite:
        """Inverse of :attr:`tag`; raises CryptoError for unknown tags."""
        for suite, value in _SUITE_TAGS.items():
            if value == tag:
                return suite
        raise CryptoError("unknown key suite")


# Tags are part of the storage format: never renumber them.
_SUITE_TAGS: dict[KemSuite, int] = {KemSuite.X25519: 0x01, KemSuite.HYBRID: 0x02}

_PRIVATE_LEN = {
    KemSuite.X25519: 1 + _X25519_LEN,
    KemSuite.HYBRID: 1 + _MLKEM768_SEED_LEN + _X25519_LEN,
}
_PUBLIC_LEN = {
    KemSuite.X25519: 1 + _X25519_LEN,
    KemSuite.HYBRID: 1 + _MLKEM768_PUBLIC_LEN + _X25519_LEN,
}


@dataclass(frozen=True)
class KeyPair:
    """A serialized key pair. ``private`` is kept out of ``repr`` so that a
    stray log line or traceback never prints key material."""

    suite: KemSuite
    private: bytes = field(repr=False)
    public: bytes


def generate_keypair(suite: KemSuite = KemSuite.X25519) -> KeyPair:
    """Create a fresh key pair for ``suite`` from the OS CSPRNG."""
    suite = KemSuite(suite)
    tag = bytes([suite.tag])
    xkey = x25519.X25519PrivateKey.generate()
    x_priv = xkey.private_bytes_raw()
    x_pub = xkey.public_key().public_bytes_raw()
    if suite is KemSuite.X25519:
        return KeyPair(suite, tag + x_priv, tag + x_pub)
    mkey = mlkem.MLKEM768PrivateKey.generate()
    private = tag + mkey.private_bytes_raw() + x_priv
    public = tag + mkey.public_key().public_bytes_raw() + x_pub
    return KeyPair(suite, private, public)


def _suite_of(blob: bytes, lengths: dict[KemSuite, int], what: str) -> KemSuite:
    if not blob:
        raise CryptoError(f"empty {what} key")
    suite = KemSuite.from_tag(blob[0])
    if len(blob) != lengths[suite]:
        raise CryptoError(f"malformed {what} key")
    return suite


def public_suite(public: bytes) -> KemSuite:
    """The suite of a serialized public key (validates tag and length)."""
    return _suite_of(public, _PUBLIC_LEN, "public")


def private_suite(private: bytes) -> KemSuite:
    """The suite of a serialized private key (validates tag and length)."""
    return _suite_of(private, _PRIVATE_LEN, "private")


def fingerprint(public: bytes) -> str:
    """A short, human-comparable fingerprint of a public key.

    First 16 bytes of SHA-256 over the whole serialized key (tag included, so
    the two suites can never collide), as eight groups of four hex digits.
    Meant for display and out-of-band comparison, not as an identifier.
    """
    digest = hashlib.sha256(public).hexdigest()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def load_public_key(public: bytes) -> tuple[KemSuite, PublicKey]:
    """Parse a serialized public key into a ``cryptography`` key object.

    Internal to the package (used by ``sealing``); raises CryptoError.
    """
    suite = public_suite(public)
    try:
        if suite is KemSuite.X25519:
            return suite, x25519.X25519PublicKey.from_public_bytes(public[1:])
        split = 1 + _MLKEM768_PUBLIC_LEN
        mpub = mlkem.MLKEM768PublicKey.from_public_bytes(public[1:split])
        xpub = x25519.X25519PublicKey.from_public_bytes(public[split:])
    except ValueError as exc:
        # e.g. an ML-KEM key whose coefficients are out of range.
        raise CryptoError("invalid public key") from exc
    return suite, hpke.MLKEM768X25519PublicKey(mpub, xpub)


def load_private_key(private: bytes) -> tuple[KemSuite, PrivateKey]:
    """Parse a serialized private key into a ``cryptography`` key object.

    Internal to the package (used by ``sealing``); raises CryptoError.
    """
    suite = private_suite(private)
    try:
        if suite is KemSuite.X25519:
            return suite, x25519.X25519PrivateKey.from_private_bytes(private[1:])
        split = 1 + _MLKEM768_SEED_LEN
        mkey = mlkem.MLKEM768PrivateKey.from_seed_bytes(private[1:split])
        xkey = x25519.X25519PrivateKey.from_private_bytes(private[split:])
    except ValueError as exc:
        raise CryptoError("invalid private key") from exc
    return suite, hpke.MLKEM768X25519PrivateKey(mkey, xkey)
