"""The relay seals the number (and the reporter key, and payload tokens)
under HOTLINE_RELAY_KEY, bound to what each belongs to."""

from __future__ import annotations

import secrets
from dataclasses import replace

import pytest

from hotline.channels.sms.relay import (
    open_number,
    open_token,
    seal_number,
    seal_token,
    unwrap_reporter_key,
    wrap_reporter_key,
)
from hotline.crypto import CryptoError
from hotline.settings import encode_secret, load_settings

NUMBER = "+34600000123"


@pytest.fixture
def settings(tmp_path):
    return load_settings({
        "HOTLINE_INSTANCE": str(tmp_path), "HOTLINE_ENV": "testing",
        **{name: encode_secret(secrets.token_bytes(32))
           for name in ("HOTLINE_SECRET_KEY", "HOTLINE_PEPPER", "HOTLINE_RELAY_KEY")}})


def test_number_round_trip_and_binding(settings):
    sealed = seal_number(settings, "conv-1", NUMBER)
    assert NUMBER.encode() not in sealed and b"600000123" not in sealed
    assert open_number(settings, "conv-1", sealed) == NUMBER
    with pytest.raises(CryptoError):
        open_number(settings, "conv-2", sealed)  # moved to another conversation
    with pytest.raises(CryptoError):
        open_number(replace(settings, relay_key=secrets.token_bytes(32)), "conv-1", sealed)
    tampered = sealed[:-1] + bytes([sealed[-1] ^ 1])
    with pytest.raises(CryptoError):
        open_number(settings, "conv-1", tampered)


def test_sealing_is_randomised(settings):
    assert seal_number(settings, "c", NUMBER) != seal_number(settings, "c", NUMBER)


def test_reporter_key_bound_to_case(settings):
    wrapped = wrap_reporter_key(settings, 7, b"\x01" + b"k" * 32)
    assert unwrap_reporter_key(settings, 7, wrapped) == b"\x01" + b"k" * 32
    with pytest.raises(CryptoError):
        unwrap_reporter_key(settings, 8, wrapped)


def test_tokens_bound_to_purpose(settings):
    sid = "SM" + "a" * 32
    token = seal_token(settings, "sms-message-sid", sid)
    assert sid not in token
    assert open_token(settings, "sms-message-sid", token) == sid
    with pytest.raises(CryptoError):
        open_token(settings, "sms-media", token)
    with pytest.raises(CryptoError):
        open_token(settings, "sms-message-sid", "not base64 !!")
