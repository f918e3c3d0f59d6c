"""The Twilio provider against a mocked API (the `responses` library): no network."""

from __future__ import annotations

import base64
import logging
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs

import pytest
import requests
import responses

from hotline.outbox.providers.base import (
    ProviderCannotTell,
    ProviderPermanent,
    ProviderTransient,
    TelephonyProvider,
)
from hotline.outbox.providers.twilio import TwilioProvider

ACCOUNT = "AC" + "1" * 32
TOKEN = "f" * 32
SENDER = "+15005550006"
TO = "+14155550142"
API = f"https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT}"
SID = "SM" + "a" * 32
BASIC = "Basic " + base64.b64encode(f"{ACCOUNT}:{TOKEN}".encode()).decode()


@pytest.fixture
def provider() -> TwilioProvider:
    return TwilioProvider(ACCOUNT, TOKEN, SENDER)


@pytest.fixture
def api():
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock


def _message(sid: str, body: str, created: datetime, direction: str = "outbound-api") -> dict:
    return {"sid": sid, "body": body, "direction": direction, "to": TO, "from": SENDER,
            "status": "sent", "account_sid": ACCOUNT,
            "date_created": created.strftime("%a, %d %b %Y %H:%M:%S +0000")}


def test_is_a_telephony_provider(provider):
    assert isinstance(provider, TelephonyProvider)
    assert TOKEN not in repr(provider)


def test_send_posts_the_message_and_returns_the_sid(provider, api):
    api.post(f"{API}/Messages.json", status=201, json={"sid": SID, "status": "queued"})
    sid = provider.send_sms(TO, "We received your message.", idempotency_token="outbox-1-sms",
                            status_callback="https://hotline.example/sms/status")
    assert sid == SID
    request = api.calls[0].request
    form = parse_qs(request.body)
    assert form == {"To": [TO], "From": [SENDER], "Body": ["We received your message."],
                    "StatusCallback": ["https://hotline.example/sms/status"]}
    assert request.headers["Authorization"] == BASIC


def test_messaging_service_sender(api):
    service = "MG" + "2" * 32
    api.post(f"{API}/Messages.json", status=201, json={"sid": SID})
    TwilioProvider(ACCOUNT, TOKEN, service).send_sms(TO, "hi", status_callback=None,
                                                     idempotency_token="t")
    form = parse_qs(api.calls[0].request.body)
    assert form["MessagingServiceSid"] == [service] and "From" not in form
    assert "StatusCallback" not in form


def test_429_is_transient_with_retry_after(provider, api):
    api.post(f"{API}/Messages.json", status=429, headers={"Retry-After": "7"},
             json={"code": 20429, "message": "Too Many Requests", "status": 429})
    with pytest.raises(ProviderTransient) as caught:
        provider.send_sms(TO, "hi", status_callback=None, idempotency_token="t")
    assert caught.value.retry_after == 7.0
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


@pytest.mark.parametrize("status", [500, 503])
def test_5xx_is_transient(provider, api, status):
    api.post(f"{API}/Messages.json", status=status, json={"code": 20500, "message": "oops"})
    with pytest.raises(ProviderTransient) as caught:
        provider.send_sms(TO, "hi", status_callback=None, idempotency_token="t")
    assert caught.value.retry_after is None


def test_network_error_is_transient(provider, api):
    api.post(f"{API}/Messages.json", body=requests.ConnectionError(f"connect to {TO} failed"))
    with pytest.raises(ProviderTransient) as caught:
        provider.send_sms(TO, "hi", status_callback=None, idempotency_token="t")
    assert TO not in str(caught.value)


@pytest.mark.parametrize("code", [21610, 21211])
def test_4xx_is_permanent_with_twilio_code(provider, api, code):
    api.post(f"{API}/Messages.json", status=400, json={
        "code": code, "status": 400, "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "message": f"The 'To' number {TO} is not valid or unsubscribed."})
    with pytest.raises(ProviderPermanent) as caught:
        provider.send_sms(TO, "hi", status_callback=None, idempotency_token="t")
    assert caught.value.code == code
    assert TO not in str(caught.value), "the provider's message quotes the number"


def test_bad_credentials_are_retried_not_dropped(provider, api):
    api.post(f"{API}/Messages.json", status=401, json={"code": 20003, "message": "Authenticate"})
    with pytest.raises(ProviderTransient):
        provider.send_sms(TO, "hi", status_callback=None, idempotency_token="t")


def test_delete_message_treats_404_as_done(provider, api):
    api.delete(f"{API}/Messages/{SID}.json", status=204)
    api.delete(f"{API}/Messages/{'SM' + 'b' * 32}.json", status=404,
               json={"code": 20404, "message": "not found"})
    provider.delete_message(SID)
    provider.delete_message("SM" + "b" * 32)
    assert [c.request.method for c in api.calls] == ["DELETE", "DELETE"]


def test_delete_message_other_errors_raise(provider, api):
    api.delete(f"{API}/Messages/{SID}.json", status=429, json={"code": 20429})
    with pytest.raises(ProviderTransient):
        provider.delete_message(SID)


def test_redact_posts_an_empty_body(provider, api):
    api.post(f"{API}/Messages/{SID}.json", status=200, json={"sid": SID, "body": ""})
    api.post(f"{API}/Messages/{'SM' + 'b' * 32}.json", status=404, json={"code": 20404})
    provider.redact_message(SID)
    provider.redact_message("SM" + "b" * 32)  # already gone
    assert parse_qs(api.calls[0].request.body, keep_blank_values=True) == {"Body": [""]}


def test_delete_recording_treats_404_as_done(provider, api):
    rec = "RE" + "c" * 32
    api.delete(f"{API}/Recordings/{rec}.json", status=404, json={"code": 20404})
    provider.delete_recording(rec)


def test_delete_call_deletes_the_call_record_and_treats_404_as_done(provider, api):
    call, gone = "CA" + "d" * 32, "CA" + "e" * 32
    api.delete(f"{API}/Calls/{call}.json", status=204)
    api.delete(f"{API}/Calls/{gone}.json", status=404, json={"code": 20404})
    provider.delete_call(call)
    provider.delete_call(gone)
    assert [c.request.method for c in api.calls] == ["DELETE", "DELETE"]
    assert api.calls[0].request.headers["Authorization"] == BASIC


@pytest.mark.parametrize("status", [429, 500, 503])
def test_delete_call_is_retried_on_429_and_5xx(provider, api, status):
    call = "CA" + "d" * 32
    api.delete(f"{API}/Calls/{call}.json", status=status, headers={"Retry-After": "3"},
               json={"code": 20429 if status == 429 else 20500, "message": f"call {call}"})
    with pytest.raises(ProviderTransient) as caught:
        provider.delete_call(call)
    assert call not in str(caught.value) and caught.value.__cause__ is None


def test_delete_call_other_4xx_is_permanent(provider, api):
    call = "CA" + "d" * 32
    api.delete(f"{API}/Calls/{call}.json", status=400, json={"code": 21220, "message": "x"})
    with pytest.raises(ProviderPermanent) as caught:
        provider.delete_call(call)
    assert caught.value.code == 21220


def test_media_is_streamed_with_basic_auth(provider, api):
    url = f"{API}/Messages/MM{'d' * 32}/Media/ME{'e' * 32}"
    content = bytes(range(256)) * 1024  # 256 KiB
    api.get(url, body=content, status=200, content_type="image/jpeg")
    with provider.open_media(url) as chunks:
        received = list(chunks)
    assert b"".join(received) == content
    assert len(received) > 1, "streamed in chunks, not read whole"
    assert api.calls[0].request.headers["Authorization"] == BASIC


def test_media_redirect_does_not_leak_credentials(provider, api):
    url = f"{API}/Messages/MM{'d' * 32}/Media/ME{'e' * 32}"
    store = "https://media-store.example.com/abc?signature=x"
    api.get(url, status=307, headers={"Location": store})
    api.get(store, body=b"jpeg-bytes", status=200)
    with provider.open_recording(url) as chunks:
        assert b"".join(chunks) == b"jpeg-bytes"
    assert api.calls[0].request.headers["Authorization"] == BASIC
    assert "Authorization" not in api.calls[1].request.headers


def test_media_errors_and_foreign_urls(provider, api):
    url = f"{API}/Messages/MM{'d' * 32}/Media/ME{'e' * 32}"
    api.get(url, status=404, json={"code": 20404, "message": "gone"})
    with pytest.raises(ProviderPermanent) as caught, provider.open_media(url):
        pass
    assert caught.value.code == 20404
    for bad in ("http://api.twilio.com/x", "https://evil.example/api.twilio.com/x",
                "https://api.twilio.com.evil.example/x"):
        with pytest.raises(ProviderPermanent), provider.open_media(bad):
            pass
    assert len(api.calls) == 1, "credentials are only ever sent to Twilio"


def test_delete_media_treats_404_as_done(provider, api):
    url = f"{API}/Messages/MM{'d' * 32}/Media/ME{'e' * 32}"
    api.delete(url, status=404, json={"code": 20404})
    provider.delete_media(url)
    assert api.calls[0].request.headers["Authorization"] == BASIC


def test_find_sent_matches_recent_outbound_same_body(provider, api):
    since = datetime(2026, 11, 22, 10, 0, 0, 400_000, tzinfo=UTC)
    mine, other_job = "SM" + "1" * 32, "SM" + "2" * 32
    api.get(f"{API}/Messages.json", status=200, json={
        "messages": [
            _message("SM" + "3" * 32, "Reply", since - timedelta(minutes=10)),  # too old
            _message("SM" + "4" * 32, "Different", since + timedelta(seconds=1)),
            _message("SM" + "5" * 32, "Reply", since, direction="inbound"),
            _message(other_job, "Reply", since),  # same body, recorded by another send
            _message(mine, "Reply", since + timedelta(seconds=2)),
        ],
        "next_page_uri": None, "page": 0, "page_size": 50, "uri": "/x"})
    found = provider.find_sent("outbox-9-sms", to=TO, body="Reply", since=since,
                               known=lambda sid: sid == other_job)
    assert found == mine
    query = parse_qs(api.calls[0].request.url.split("?", 1)[1])
    assert query["To"] == [TO] and query["From"] == [SENDER]


def test_find_sent_none_when_nothing_matches(provider, api):
    since = datetime.now(UTC)
    api.get(f"{API}/Messages.json", status=200, json={
        "messages": [_message(SID, "Reply", since - timedelta(hours=1))],
        "next_page_uri": None, "page": 0, "page_size": 50, "uri": "/x"})
    assert provider.find_sent("t", to=TO, body="Reply", since=since) is None


def test_find_sent_needs_hints(provider):
    with pytest.raises(ProviderCannotTell):
        provider.find_sent("outbox-1-sms")


def test_sdk_request_logging_is_silenced(provider, api, caplog):
    caplog.set_level(logging.DEBUG)
    api.get(f"{API}/Messages.json", status=200, json={
        "messages": [], "next_page_uri": None, "page": 0, "page_size": 50, "uri": "/x"})
    api.delete(f"{API}/Messages/{SID}.json", status=204)
    provider.find_sent("t", to=TO, body="x", since=datetime.now(UTC))
    provider.delete_message(SID)
    assert SID not in caplog.text and "4155550142" not in caplog.text
    assert ACCOUNT not in caplog.text
