"""Sealing under a server secret: one key per purpose, bound to its context."""

from __future__ import annotations

import pytest

from hotline.crypto import CryptoError
from hotline.crypto.secret_box import OVERHEAD, open_with_secret, seal_with_secret

SECRET = bytes(range(32))


def test_round_trip_with_a_fresh_nonce_each_time():
    one = seal_with_secret(SECRET, b"purpose/v1", b"value", b"context")
    two = seal_with_secret(SECRET, b"purpose/v1", b"value", b"context")
    assert one != two and len(one) == OVERHEAD + len(b"value")
    assert open_with_secret(SECRET, b"purpose/v1", one, b"context") == b"value"


@pytest.mark.parametrize(("secret", "info", "aad"), [
    (bytes(32), b"purpose/v1", b"context"),      # another secret
    (SECRET, b"other-purpose/v1", b"context"),   # another purpose
    (SECRET, b"purpose/v1", b"other context"),   # another context
])
def test_anything_else_does_not_open(secret, info, aad):
    sealed = seal_with_secret(SECRET, b"purpose/v1", b"value", b"context")
    with pytest.raises(CryptoError):
        open_with_secret(secret, info, sealed, aad)


def test_tampered_truncated_or_unknown_version_does_not_open():
    sealed = bytearray(seal_with_secret(SECRET, b"p", b"value", b"c"))
    for broken in (bytes(sealed[:-1]) + bytes([sealed[-1] ^ 1]), bytes(sealed[:OVERHEAD - 1]),
                   bytes([2]) + bytes(sealed[1:])):
        with pytest.raises(CryptoError):
            open_with_secret(SECRET, b"p", broken, b"c")
