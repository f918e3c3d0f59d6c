"""Signatures are checked with the SDK against the configured public URL."""

from __future__ import annotations

import secrets
from dataclasses import replace

import pytest
from twilio.request_validator import RequestValidator

from hotline.channels.sms import twiml
from hotline.channels.sms.signature import public_url, sign, valid, webhook_token
from hotline.settings import encode_secret, load_settings

TOKEN = "sig-test-token"
PARAMS = {"MessageSid": "SM" + "1" * 32, "From": "+34600000123", "Body": "hola"}


@pytest.fixture
def settings(tmp_path):
    return replace(load_settings({
        "HOTLINE_INSTANCE": str(tmp_path), "HOTLINE_ENV": "testing",
        "HOTLINE_PUBLIC_URL": "https://hotline.example.org/",
        **{name: encode_secret(secrets.token_bytes(32))
           for name in ("HOTLINE_SECRET_KEY", "HOTLINE_PEPPER", "HOTLINE_RELAY_KEY")}}),
        twilio_auth_token=TOKEN)


def test_public_url_comes_from_settings(settings):
    assert public_url(settings, "/twilio/sms") == "https://hotline.example.org/twilio/sms"
    assert public_url(settings, "/twilio/sms", b"a=1") == "https://hotline.example.org/twilio/sms?a=1"


def test_valid_exactly_as_twilio_signs(settings):
    url = public_url(settings, "/twilio/sms")
    signature = RequestValidator(TOKEN).compute_signature(url, PARAMS)
    assert valid(settings, url, PARAMS, signature)
    # Twilio sometimes signs with the port, sometimes without: both pass.
    with_port = RequestValidator(TOKEN).compute_signature(
        "https://hotline.example.org:443/twilio/sms", PARAMS)
    assert valid(settings, url, PARAMS, with_port)
    assert not valid(settings, url, {**PARAMS, "Body": "adios"}, signature)
    assert not valid(settings, url + "?x=1", PARAMS, signature)
    assert not valid(settings, url, PARAMS, None)
    assert not valid(settings, url, PARAMS, "")
    assert not valid(replace(settings, twilio_auth_token="other"), url, PARAMS, signature)


def test_unknown_algorithm_is_refused_without_logging_it(settings, caplog):
    url = public_url(settings, "/twilio/sms")
    signature = RequestValidator(TOKEN).compute_signature(url, PARAMS)
    assert not valid(settings, url, PARAMS, signature, "algorithm=CANARYALGO")
    assert "CANARYALGO" not in caplog.text


def test_no_token_means_refused_except_in_development(settings):
    bare = replace(settings, twilio_auth_token=None)
    assert webhook_token(bare) is None
    url = public_url(bare, "/twilio/sms")
    assert not valid(bare, url, PARAMS, RequestValidator("").compute_signature(url, PARAMS))
    development = replace(bare, environment="development")
    assert webhook_token(development)
    assert valid(development, url, PARAMS, sign(development, url, PARAMS))


def test_twiml_escapes_and_points_status_callbacks(settings):
    body = twiml.render(["a <b> & c"], "https://hotline.example.org/twilio/sms/status")
    assert "a &lt;b&gt; &amp; c" in body
    assert 'action="https://hotline.example.org/twilio/sms/status"' in body
    assert "<Message" not in twiml.empty()
