"""Wrapping staff private keys with a password or a recovery key."""

import re
import struct

import pytest

from hotline.crypto import (
    INSECURE_TEST_PARAMS,
    Argon2Params,
    CryptoError,
    KemSuite,
    generate_keypair,
    new_recovery_key,
    unwrap_with_password,
    unwrap_with_recovery_key,
    wrap_with_password,
    wrap_with_recovery_key,
)

P = INSECURE_TEST_PARAMS


@pytest.mark.parametrize("suite", list(KemSuite))
def test_password_round_trip(suite):
    secret = generate_keypair(suite).private
    blob = wrap_with_password(secret, "hunter2 but longer", P)
    assert secret not in blob
    assert unwrap_with_password(blob, "hunter2 but longer") == secret


def test_wrong_password_fails():
    blob = wrap_with_password(b"secret key", "right password", P)
    with pytest.raises(CryptoError, match="wrong password"):
        unwrap_with_password(blob, "wrong password")


def test_params_are_read_from_the_blob():
    # Blobs written with old parameters still open after the app's change,
    # because unwrap takes no params at all.
    params = Argon2Params(time_cost=2, memory_cost_kib=2048, parallelism=2)
    blob = wrap_with_password(b"secret key", "pw", params)
    assert struct.unpack_from(">BBIIB", blob) == (1, 1, 2, 2048, 2)
    assert unwrap_with_password(blob, "pw") == b"secret key"


def test_params_header_is_authenticated():
    blob = wrap_with_password(b"secret key", "pw", Argon2Params(2, 1024, 1))
    downgraded = blob[:2] + struct.pack(">I", 1) + blob[6:]
    with pytest.raises(CryptoError):
        unwrap_with_password(downgraded, "pw")


def test_absurd_params_in_blob_are_refused_before_hashing():
    blob = wrap_with_password(b"secret key", "pw", P)
    huge = blob[:6] + struct.pack(">I", 2**31) + blob[10:]
    with pytest.raises(CryptoError, match="range"):
        unwrap_with_password(huge, "pw")
    zero = blob[:2] + struct.pack(">I", 0) + blob[6:]
    with pytest.raises(CryptoError):
        unwrap_with_password(zero, "pw")


def test_tampered_or_truncated_password_blob_fails():
    blob = wrap_with_password(b"secret key", "pw", P)
    for pos in [0, 1, 12, 20, len(blob) - 1]:
        tampered = bytearray(blob)
        tampered[pos] ^= 0x01
        with pytest.raises(CryptoError):
            unwrap_with_password(bytes(tampered), "pw")
    for cut in [0, 5, 40, len(blob) - 1]:
        with pytest.raises(CryptoError):
            unwrap_with_password(blob[:cut], "pw")


def test_recovery_key_format():
    key = new_recovery_key()
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){12}", key)
    assert key != new_recovery_key()


@pytest.mark.parametrize("suite", list(KemSuite))
def test_recovery_round_trip(suite):
    secret = generate_keypair(suite).private
    key = new_recovery_key()
    blob = wrap_with_recovery_key(secret, key)
    assert unwrap_with_recovery_key(blob, key) == secret


def test_recovery_key_input_is_normalised():
    key = new_recovery_key()
    blob = wrap_with_recovery_key(b"secret key", key)
    sloppy = "  " + key.lower().replace("-", " ").replace("o", "0").replace("i", "1") + "\n"
    assert unwrap_with_recovery_key(blob, sloppy) == b"secret key"
    assert unwrap_with_recovery_key(blob, key.replace("-", "")) == b"secret key"


def test_wrong_recovery_key_fails():
    blob = wrap_with_recovery_key(b"secret key", new_recovery_key())
    with pytest.raises(CryptoError):
        unwrap_with_recovery_key(blob, new_recovery_key())


@pytest.mark.parametrize("bad", ["", "ABCD-EFGH", "!!!!-" * 13, new_recovery_key() + "-AAAA"])
def test_malformed_recovery_key_fails(bad):
    blob = wrap_with_recovery_key(b"secret key", new_recovery_key())
    with pytest.raises(CryptoError):
        unwrap_with_recovery_key(blob, bad)


def test_right_recovery_key_after_forgotten_password():
    # Enrolment stores both blobs; a forgotten password is recovered with
    # the recovery key and the key is re-wrapped under a new password.
    secret = generate_keypair().private
    recovery = new_recovery_key()
    by_password = wrap_with_password(secret, "forgotten", P)
    by_recovery = wrap_with_recovery_key(secret, recovery)
    with pytest.raises(CryptoError):
        unwrap_with_password(by_password, "my best guess")
    recovered = unwrap_with_recovery_key(by_recovery, recovery)
    rewrapped = wrap_with_password(recovered, "new password", P)
    assert unwrap_with_password(rewrapped, "new password") == secret


def test_blob_kinds_are_not_interchangeable():
    recovery = new_recovery_key()
    with pytest.raises(CryptoError, match="kind"):
        unwrap_with_password(wrap_with_recovery_key(b"k", recovery), "pw")
    with pytest.raises(CryptoError, match="kind"):
        unwrap_with_recovery_key(wrap_with_password(b"k", "pw", P), recovery)
