"""Outbox parts without a database: backoff, the handler registry, settings
for the provider, and the console and recording providers."""

from __future__ import annotations

import io
import secrets
import threading
from datetime import timedelta

import pytest

from hotline.outbox.jobs import backoff, handler, handler_for
from hotline.outbox.providers.base import ProviderPermanent, ProviderTransient, TelephonyProvider
from hotline.outbox.providers.console import ConsoleProvider
from hotline.outbox.providers.factory import provider_for
from hotline.outbox.providers.recording import FileRecordingProvider, RecordingProvider
from hotline.outbox.providers.twilio import TwilioProvider
from hotline.settings import SettingsError, encode_secret, load_settings

NUMBER = "+14155550123"


def _env(tmp_path, **extra: str) -> dict[str, str]:
    return {"HOTLINE_INSTANCE": str(tmp_path),
            **{name: encode_secret(secrets.token_bytes(32))
               for name in ("HOTLINE_SECRET_KEY", "HOTLINE_PEPPER", "HOTLINE_RELAY_KEY")},
            **extra}


TWILIO = {"TWILIO_ACCOUNT_SID": "AC" + "0" * 32, "TWILIO_AUTH_TOKEN": "secret-token-value",
          "TWILIO_FROM": "+15005550006"}


@pytest.mark.parametrize("attempt", [1, 2, 5, 12, 40, 10_000])
def test_backoff_is_full_jitter_and_capped(attempt):
    ceiling = min(timedelta(hours=1), timedelta(seconds=2) * 2 ** min(attempt - 1, 30))
    delays = [backoff(attempt) for _ in range(200)]
    assert all(timedelta(0) <= d <= ceiling for d in delays)
    assert len(set(delays)) > 1, "jittered"


def test_handler_registry_rejects_a_second_handler_for_a_kind():
    @handler("test.parts.kind")
    def first(ctx, payload):
        pass

    assert handler_for("test.parts.kind") is first
    with pytest.raises(ValueError, match="two handlers"):
        @handler("test.parts.kind")
        def second(ctx, payload):
            pass


def test_provider_defaults_by_environment(tmp_path):
    assert load_settings(_env(tmp_path, HOTLINE_ENV="development")).provider == "console"
    testing = load_settings(_env(tmp_path, HOTLINE_ENV="testing", HOTLINE_ARGON2="insecure-test"))
    assert testing.provider == "console"
    production = load_settings(_env(tmp_path))  # a web-only install still starts
    assert production.provider == "twilio"
    with pytest.raises(SettingsError, match="TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM"):
        provider_for(production)  # ... but cannot send


def test_twilio_settings_are_validated(tmp_path):
    settings = load_settings(_env(tmp_path, **TWILIO))
    assert isinstance(provider_for(settings), TwilioProvider)
    assert "secret-token-value" not in repr(settings)
    with pytest.raises(SettingsError, match="TWILIO_AUTH_TOKEN is not set"):
        load_settings(_env(tmp_path, HOTLINE_PROVIDER="twilio",
                           TWILIO_ACCOUNT_SID=TWILIO["TWILIO_ACCOUNT_SID"],
                           TWILIO_FROM=TWILIO["TWILIO_FROM"]))
    with pytest.raises(SettingsError, match="TWILIO_ACCOUNT_SID must be"):
        load_settings(_env(tmp_path, **(TWILIO | {"TWILIO_ACCOUNT_SID": "nope"})))
    with pytest.raises(SettingsError, match="TWILIO_FROM must be"):
        load_settings(_env(tmp_path, **(TWILIO | {"TWILIO_FROM": "0415 555"})))
    service = load_settings(_env(tmp_path, **(TWILIO | {"TWILIO_FROM": "MG" + "a" * 32})))
    assert service.twilio_from.startswith("MG")


@pytest.mark.parametrize("name", ["console", "recording"])
def test_test_providers_are_refused_in_production(tmp_path, name):
    with pytest.raises(SettingsError, match="only for development and testing"):
        load_settings(_env(tmp_path, HOTLINE_PROVIDER=name))
    dev = load_settings(_env(tmp_path, HOTLINE_ENV="development", HOTLINE_PROVIDER=name))
    assert isinstance(provider_for(dev), TelephonyProvider)


def test_console_provider_never_prints_the_number():
    out = io.StringIO()
    console = ConsoleProvider(secrets.token_bytes(32), stream=out)
    assert isinstance(console, TelephonyProvider)
    sid = console.send_sms(NUMBER, "Hello, are you safe?", status_callback=None,
                           idempotency_token="outbox-1-sms")
    assert console.send_sms(NUMBER, "Hello, are you safe?", status_callback=None,
                            idempotency_token="outbox-1-sms") == sid
    console.send_sms(NUMBER, "Second", status_callback=None, idempotency_token="outbox-2-sms")
    printed = out.getvalue()
    assert "4155550123" not in printed and console.label(NUMBER) in printed
    assert "Hello, are you safe?" in printed
    assert console.sent_to(NUMBER) == ["Hello, are you safe?", "Second"]
    assert console.sent_to("+14155550999") == []
    assert console.find_sent("outbox-1-sms") == sid and console.find_sent("other") is None
    console.add_media("https://api.twilio.com/m/1", b"x" * 10_000)
    with console.open_media("https://api.twilio.com/m/1") as chunks:
        assert b"".join(chunks) == b"x" * 10_000


def test_every_provider_deletes_call_records():
    call = "CA" + "7" * 32
    assert "delete_call" in TelephonyProvider.__dict__
    out = io.StringIO()
    console = ConsoleProvider(secrets.token_bytes(32), stream=out)
    console.delete_call(call)
    assert "deleted a call record" in out.getvalue() and call not in out.getvalue()
    recording = RecordingProvider()
    recording.fail_next(ProviderTransient(None), method="delete_call")
    with pytest.raises(ProviderTransient):
        recording.delete_call(call)
    recording.delete_call(call)
    assert [e["sid"] for e in recording.of("delete_call")] == [call]
    assert callable(TwilioProvider.delete_call)


def test_recording_provider_scripts_failures_and_is_thread_safe():
    provider = RecordingProvider()
    provider.fail_next(ProviderTransient(retry_after=3), count=2, method="send_sms")
    provider.fail_next(ProviderPermanent(21610), method="delete_message")
    for _ in range(2):
        with pytest.raises(ProviderTransient):
            provider.send_sms(NUMBER, "a", status_callback=None, idempotency_token="t0")
    with pytest.raises(ProviderPermanent) as caught:
        provider.delete_message("SM1")
    assert caught.value.code == 21610

    def send(n: int) -> None:
        for i in range(50):
            provider.send_sms(NUMBER, f"{n}-{i}", status_callback=None, idempotency_token=f"{n}-{i}")

    threads = [threading.Thread(target=send, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(provider.sent) == 200 and len({s["sid"] for s in provider.sent}) == 200
    assert provider.find_sent("3-49") == next(s["sid"] for s in provider.sent if s["token"] == "3-49")
    provider.add_media("https://api.twilio.com/rec/RE1", b"RIFF" + b"\0" * 9000)
    with provider.open_recording("https://api.twilio.com/rec/RE1") as chunks:
        assert b"".join(chunks).startswith(b"RIFF")
    with pytest.raises(ProviderPermanent), provider.open_media("https://api.twilio.com/none"):
        pass


def test_file_recording_provider_survives_its_process(tmp_path):
    path = tmp_path / "calls.jsonl"
    first = FileRecordingProvider(path)
    sid = first.send_sms(NUMBER, "hi", status_callback=None, idempotency_token="outbox-5-sms")
    first.delete_recording("RE1")
    second = FileRecordingProvider(path)  # e.g. in the next worker process
    assert second.find_sent("outbox-5-sms") == sid
    assert [e["op"] for e in second.events] == ["send_sms", "delete_recording", "find_sent"]
    first.reload()
    assert len(first.events) == 3
