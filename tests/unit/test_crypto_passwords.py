"""Argon2id password hashes, key derivation and peppered receipt hashes."""

import unicodedata

import pytest

from hotline.crypto import (
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

P = INSECURE_TEST_PARAMS
PEPPER = bytes(range(32))


def test_production_params_match_rfc9106_second_option():
    assert Argon2Params(time_cost=3, memory_cost_kib=65536, parallelism=4) == RFC9106_LOW_MEMORY


@pytest.mark.parametrize("bad", [(0, 1024, 1), (1, 1024, 0), (1, 7, 1), (1, 31, 4)])
def test_invalid_params_rejected(bad):
    with pytest.raises(ValueError):
        Argon2Params(*bad)


def test_hash_and_verify():
    stored = hash_password("correct horse battery staple", P)
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "correct horse battery staple")
    assert not verify_password(stored, "correct horse battery stapler")


def test_hashes_are_salted():
    assert hash_password("pw", P) != hash_password("pw", P)


def test_verify_never_raises_on_garbage():
    assert not verify_password("not a hash", "pw")
    assert not verify_password("", "pw")
    assert not verify_password("$argon2id$v=19$m=1024,t=1,p=1$AAAA$AAAA", "pw")


def test_unicode_normalisation():
    composed = unicodedata.normalize("NFC", "contraseña-çà")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert verify_password(hash_password(composed, P), decomposed)


def test_needs_rehash():
    stored = hash_password("pw", P)
    assert not needs_rehash(stored, P)
    assert needs_rehash(stored, Argon2Params(2, 1024, 1))
    assert needs_rehash("garbage", P)


def test_derive_key_is_deterministic_and_salted():
    key = derive_key(b"secret", b"0123456789abcdef", P)
    assert len(key) == 32
    assert key == derive_key(b"secret", b"0123456789abcdef", P)
    assert key != derive_key(b"secret", b"0123456789abcdeX", P)
    assert key != derive_key(b"secreT", b"0123456789abcdef", P)
    assert key != derive_key(b"secret", b"0123456789abcdef", Argon2Params(2, 1024, 1))


def test_derive_key_rejects_short_salt():
    with pytest.raises(ValueError):
        derive_key(b"secret", b"short", P)


def test_receipt_hash_is_deterministic_hex():
    digest = keyed_receipt_hash("blue river lantern", PEPPER, "K7QX-2M9D", P)
    assert len(digest) == 64
    int(digest, 16)
    assert digest == keyed_receipt_hash("blue river lantern", PEPPER, "K7QX-2M9D", P)


def test_receipt_hash_depends_on_pepper_case_code_and_passphrase():
    base = keyed_receipt_hash("blue river lantern", PEPPER, "K7QX-2M9D", P)
    assert base != keyed_receipt_hash("blue river lantern", PEPPER[::-1], "K7QX-2M9D", P)
    assert base != keyed_receipt_hash("blue river lantern", PEPPER, "K7QX-2M9E", P)
    assert base != keyed_receipt_hash("blue river lanterns", PEPPER, "K7QX-2M9D", P)


def test_receipt_tolerates_surrounding_whitespace_and_normalisation():
    stored = keyed_receipt_hash("día lluvioso", PEPPER, "CASE1", P)
    typed = " " + unicodedata.normalize("NFD", "día lluvioso") + " "
    assert verify_receipt(stored, typed, PEPPER, "CASE1", P)


def test_verify_receipt():
    stored = keyed_receipt_hash("blue river lantern", PEPPER, "K7QX-2M9D", P)
    assert verify_receipt(stored, "blue river lantern", PEPPER, "K7QX-2M9D", P)
    assert not verify_receipt(stored, "red river lantern", PEPPER, "K7QX-2M9D", P)
    assert not verify_receipt(stored, "blue river lantern", PEPPER, "OTHER", P)
    assert not verify_receipt(stored, "blue river lantern", b"x" * 32, "K7QX-2M9D", P)
    assert not verify_receipt("zz-not-hex", "blue river lantern", PEPPER, "K7QX-2M9D", P)
    assert not verify_receipt("", "blue river lantern", PEPPER, "K7QX-2M9D", P)


@pytest.mark.parametrize("pepper", [b"", b"short"])
def test_receipt_requires_a_real_pepper(pepper):
    with pytest.raises(ValueError):
        keyed_receipt_hash("pass", pepper, "CASE", P)
