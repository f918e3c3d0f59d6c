"""Per-report payload envelopes: multi-recipient, escalation, rotation."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hotline.crypto import (
    CryptoError,
    Envelope,
    KemSuite,
    add_recipient,
    decrypt_payload,
    encrypt_payload,
    generate_keypair,
)
from hotline.crypto.envelope import PAYLOAD_VERSION

SUITES = list(KemSuite)
REPORT = b"report-42"
PAYLOAD = b"Je travaille sans salaire; ils ont pris mon passeport."


@pytest.mark.parametrize("suite", SUITES)
def test_round_trip(suite):
    kp = generate_keypair(suite)
    env = encrypt_payload(PAYLOAD, {"queue-a": kp.public}, REPORT)
    assert isinstance(env, Envelope)
    assert set(env.wrapped_keys) == {"queue-a"}
    assert env.ciphertext[0] == PAYLOAD_VERSION
    assert PAYLOAD not in env.ciphertext
    assert decrypt_payload(env.ciphertext, env.wrapped_keys["queue-a"], kp.private, REPORT) == (
        PAYLOAD
    )


def test_empty_payload_round_trips():
    kp = generate_keypair()
    env = encrypt_payload(b"", {"q": kp.public}, REPORT)
    assert decrypt_payload(env.ciphertext, env.wrapped_keys["q"], kp.private, REPORT) == b""


def test_two_recipients_of_mixed_suites_each_open():
    a, b = generate_keypair(KemSuite.X25519), generate_keypair(KemSuite.HYBRID)
    env = encrypt_payload(PAYLOAD, {"a": a.public, "b": b.public}, REPORT)
    assert decrypt_payload(env.ciphertext, env.wrapped_keys["a"], a.private, REPORT) == PAYLOAD
    assert decrypt_payload(env.ciphertext, env.wrapped_keys["b"], b.private, REPORT) == PAYLOAD
    # A recipient's wrapped key is useless with someone else's private key.
    with pytest.raises(CryptoError):
        decrypt_payload(env.ciphertext, env.wrapped_keys["a"], b.private, REPORT)


def test_fresh_data_key_and_nonce_per_call():
    kp = generate_keypair()
    one = encrypt_payload(PAYLOAD, {"q": kp.public}, REPORT)
    two = encrypt_payload(PAYLOAD, {"q": kp.public}, REPORT)
    assert one.ciphertext != two.ciphertext
    # Mixing one envelope's wrapped key with another's payload fails.
    with pytest.raises(CryptoError):
        decrypt_payload(one.ciphertext, two.wrapped_keys["q"], kp.private, REPORT)


def test_no_recipients_is_a_value_error():
    with pytest.raises(ValueError):
        encrypt_payload(PAYLOAD, {}, REPORT)


@pytest.mark.parametrize("suite", SUITES)
def test_swapped_report_id_fails(suite):
    kp = generate_keypair(suite)
    env = encrypt_payload(PAYLOAD, {"q": kp.public}, REPORT)
    with pytest.raises(CryptoError):
        decrypt_payload(env.ciphertext, env.wrapped_keys["q"], kp.private, b"report-43")


def test_payload_moved_to_another_report_fails():
    # An attacker with DB access copies report 42's payload into report 43,
    # keeping report 43's (validly wrapped) data key: must not decrypt.
    kp = generate_keypair()
    env42 = encrypt_payload(PAYLOAD, {"q": kp.public}, b"report-42")
    env43 = encrypt_payload(b"other", {"q": kp.public}, b"report-43")
    with pytest.raises(CryptoError):
        decrypt_payload(env42.ciphertext, env43.wrapped_keys["q"], kp.private, b"report-43")


@pytest.mark.parametrize("suite", SUITES)
def test_wrong_private_key_fails(suite):
    kp = generate_keypair(suite)
    env = encrypt_payload(PAYLOAD, {"q": kp.public}, REPORT)
    with pytest.raises(CryptoError):
        decrypt_payload(
            env.ciphertext, env.wrapped_keys["q"], generate_keypair(suite).private, REPORT
        )


def test_tampered_ciphertext_fails():
    kp = generate_keypair()
    env = encrypt_payload(PAYLOAD, {"q": kp.public}, REPORT)
    for pos in [0, 1, 13, len(env.ciphertext) - 1]:
        tampered = bytearray(env.ciphertext)
        tampered[pos] ^= 0x80
        with pytest.raises(CryptoError):
            decrypt_payload(bytes(tampered), env.wrapped_keys["q"], kp.private, REPORT)
    for cut in [0, 12, 28, len(env.ciphertext) - 1]:
        with pytest.raises(CryptoError):
            decrypt_payload(env.ciphertext[:cut], env.wrapped_keys["q"], kp.private, REPORT)


def test_tampered_wrapped_key_fails():
    kp = generate_keypair()
    env = encrypt_payload(PAYLOAD, {"q": kp.public}, REPORT)
    tampered = bytearray(env.wrapped_keys["q"])
    tampered[-1] ^= 0x01
    with pytest.raises(CryptoError):
        decrypt_payload(env.ciphertext, bytes(tampered), kp.private, REPORT)


@pytest.mark.parametrize(("old_suite", "new_suite"), [(s, t) for s in SUITES for t in SUITES])
def test_add_recipient_on_escalation(old_suite, new_suite):
    first, second = generate_keypair(old_suite), generate_keypair(new_suite)
    env = encrypt_payload(PAYLOAD, {"first": first.public}, REPORT)
    wrapped = add_recipient(env.wrapped_keys["first"], first.private, second.public, REPORT)
    assert decrypt_payload(env.ciphertext, wrapped, second.private, REPORT) == PAYLOAD


def test_add_recipient_requires_a_valid_unwrap():
    first, second = generate_keypair(), generate_keypair()
    env = encrypt_payload(PAYLOAD, {"first": first.public}, REPORT)
    with pytest.raises(CryptoError):
        add_recipient(env.wrapped_keys["first"], second.private, second.public, REPORT)
    with pytest.raises(CryptoError):
        add_recipient(env.wrapped_keys["first"], first.private, second.public, b"report-43")


@pytest.mark.parametrize("suite", SUITES)
def test_rotated_queue_key_separates_old_and_new_reports(suite):
    # Removing a member = rotating the queue key for new reports. The old
    # key must not open reports sealed after rotation, and vice versa.
    old, new = generate_keypair(suite), generate_keypair(suite)
    before = encrypt_payload(b"before rotation", {"q": old.public}, b"report-1")
    after = encrypt_payload(b"after rotation", {"q": new.public}, b"report-2")
    assert decrypt_payload(after.ciphertext, after.wrapped_keys["q"], new.private, b"report-2") == (
        b"after rotation"
    )
    with pytest.raises(CryptoError):
        decrypt_payload(after.ciphertext, after.wrapped_keys["q"], old.private, b"report-2")
    with pytest.raises(CryptoError):
        decrypt_payload(before.ciphertext, before.wrapped_keys["q"], new.private, b"report-1")
    assert decrypt_payload(
        before.ciphertext, before.wrapped_keys["q"], old.private, b"report-1"
    ) == (b"before rotation")


KP = generate_keypair()


@settings(max_examples=25, deadline=None, database=None)
@given(plaintext=st.binary(max_size=2048), aad=st.binary(max_size=40))
def test_round_trip_property(plaintext, aad):
    env = encrypt_payload(plaintext, {"q": KP.public}, aad)
    assert decrypt_payload(env.ciphertext, env.wrapped_keys["q"], KP.private, aad) == plaintext
