"""HPKE sealing for both KEM suites."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hotline.crypto import CryptoError, KemSuite, generate_keypair, open_sealed, seal
from hotline.crypto.sealing import SEALED_VERSION

SUITES = list(KemSuite)
KEYS = {suite: generate_keypair(suite) for suite in SUITES}
INFO = b"hotline/test/v1|report-1"


@pytest.mark.parametrize("suite", SUITES)
@pytest.mark.parametrize("plaintext", [b"", b"x", bytes(range(256)) * 10])
def test_round_trip(suite, plaintext):
    kp = KEYS[suite]
    sealed = seal(plaintext, kp.public, INFO)
    assert sealed[0] == SEALED_VERSION
    assert sealed[1] == suite.tag
    assert open_sealed(sealed, kp.private, INFO) == plaintext


@pytest.mark.parametrize("suite", SUITES)
def test_sealing_is_randomized(suite):
    kp = KEYS[suite]
    assert seal(b"same", kp.public, INFO) != seal(b"same", kp.public, INFO)


@pytest.mark.parametrize("suite", SUITES)
def test_wrong_key_fails(suite):
    sealed = seal(b"secret", KEYS[suite].public, INFO)
    with pytest.raises(CryptoError):
        open_sealed(sealed, generate_keypair(suite).private, INFO)


@pytest.mark.parametrize("suite", SUITES)
def test_wrong_info_fails(suite):
    kp = KEYS[suite]
    sealed = seal(b"secret", kp.public, INFO)
    with pytest.raises(CryptoError):
        open_sealed(sealed, kp.private, b"hotline/test/v1|report-2")


@pytest.mark.parametrize("suite", SUITES)
def test_every_byte_is_authenticated(suite):
    kp = KEYS[suite]
    sealed = seal(b"secret data key!", kp.public, INFO)
    # Flip one bit at a sample of positions: header, enc, ciphertext, tag.
    positions = sorted({0, 1, 2, len(sealed) // 2, len(sealed) - 17, len(sealed) - 1})
    for pos in positions:
        tampered = bytearray(sealed)
        tampered[pos] ^= 0x01
        with pytest.raises(CryptoError):
            open_sealed(bytes(tampered), kp.private, INFO)


@pytest.mark.parametrize("suite", SUITES)
def test_truncation_fails(suite):
    kp = KEYS[suite]
    sealed = seal(b"secret", kp.public, INFO)
    for cut in [0, 1, 2, 10, len(sealed) - 1]:
        with pytest.raises(CryptoError):
            open_sealed(sealed[:cut], kp.private, INFO)


def test_suite_mismatch_fails():
    sealed = seal(b"secret", KEYS[KemSuite.X25519].public, INFO)
    with pytest.raises(CryptoError, match="different suites"):
        open_sealed(sealed, KEYS[KemSuite.HYBRID].private, INFO)
    relabelled = sealed[:1] + bytes([KemSuite.HYBRID.tag]) + sealed[2:]
    with pytest.raises(CryptoError):
        open_sealed(relabelled, KEYS[KemSuite.HYBRID].private, INFO)


def test_unknown_version_fails():
    kp = KEYS[KemSuite.X25519]
    sealed = seal(b"secret", kp.public, INFO)
    with pytest.raises(CryptoError, match="version"):
        open_sealed(b"\x02" + sealed[1:], kp.private, INFO)


def test_low_order_public_key_is_rejected():
    with pytest.raises(CryptoError):
        seal(b"secret", b"\x01" + bytes(32), INFO)


def test_error_message_does_not_leak_material():
    kp = KEYS[KemSuite.X25519]
    sealed = seal(b"TOPSECRET", kp.public, INFO)
    with pytest.raises(CryptoError) as excinfo:
        open_sealed(sealed, generate_keypair().private, INFO)
    message = str(excinfo.value)
    assert "TOPSECRET" not in message
    assert kp.private.hex() not in message
    assert sealed.hex()[:16] not in message


@settings(max_examples=25, deadline=None, database=None)
@given(plaintext=st.binary(max_size=512), info=st.binary(max_size=64))
def test_round_trip_property(plaintext, info):
    kp = KEYS[KemSuite.X25519]
    assert open_sealed(seal(plaintext, kp.public, info), kp.private, info) == plaintext
