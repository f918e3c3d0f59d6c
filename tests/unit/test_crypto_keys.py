"""Key pair generation, serialization and fingerprints."""

import re

import pytest

from hotline.crypto import (
    CryptoError,
    KemSuite,
    KeyPair,
    fingerprint,
    generate_keypair,
    public_suite,
)
from hotline.crypto.keys import load_private_key, load_public_key, private_suite

SUITES = list(KemSuite)


def test_default_suite_is_x25519():
    assert generate_keypair().suite is KemSuite.X25519


@pytest.mark.parametrize(
    ("suite", "private_len", "public_len"),
    [(KemSuite.X25519, 33, 33), (KemSuite.HYBRID, 1 + 64 + 32, 1 + 1184 + 32)],
)
def test_serialized_lengths_and_tags(suite, private_len, public_len):
    kp = generate_keypair(suite)
    assert isinstance(kp, KeyPair)
    assert kp.suite is suite
    assert len(kp.private) == private_len
    assert len(kp.public) == public_len
    assert public_suite(kp.public) is suite
    assert private_suite(kp.private) is suite


@pytest.mark.parametrize("suite", SUITES)
def test_keys_load_back(suite):
    kp = generate_keypair(suite)
    assert load_public_key(kp.public)[0] is suite
    assert load_private_key(kp.private)[0] is suite


@pytest.mark.parametrize("suite", SUITES)
def test_fresh_keys_differ(suite):
    a, b = generate_keypair(suite), generate_keypair(suite)
    assert a.private != b.private
    assert a.public != b.public


def test_suite_values_are_stable_strings():
    assert KemSuite("x25519") is KemSuite.X25519
    assert KemSuite("mlkem768-x25519") is KemSuite.HYBRID
    assert KemSuite.HYBRID == "mlkem768-x25519"
    assert generate_keypair("x25519").suite is KemSuite.X25519


def test_repr_hides_private_key():
    kp = generate_keypair()
    assert kp.private.hex() not in repr(kp)
    assert repr(kp.private) not in repr(kp)


@pytest.mark.parametrize("suite", SUITES)
def test_fingerprint_format(suite):
    kp = generate_keypair(suite)
    fp = fingerprint(kp.public)
    assert re.fullmatch(r"[0-9a-f]{4}( [0-9a-f]{4}){7}", fp)
    assert fp == fingerprint(kp.public)
    assert fp != fingerprint(generate_keypair(suite).public)


@pytest.mark.parametrize(
    "bad",
    [b"", b"\x00" + bytes(32), b"\x09" + bytes(32), b"\x01" + bytes(31), b"\x02" + bytes(33)],
)
def test_malformed_public_keys_raise_crypto_error(bad):
    with pytest.raises(CryptoError):
        public_suite(bad)
    with pytest.raises(CryptoError):
        load_public_key(bad)


def test_invalid_mlkem_public_key_raises_crypto_error():
    # Right length, but coefficients out of range: rejected by ML-KEM itself.
    with pytest.raises(CryptoError):
        load_public_key(b"\x02" + b"\xff" * 1184 + bytes(32))


def test_malformed_private_keys_raise_crypto_error():
    kp = generate_keypair(KemSuite.HYBRID)
    for bad in [b"", kp.private[:-1], b"\x01" + kp.private[1:]]:
        with pytest.raises(CryptoError):
            load_private_key(bad)
