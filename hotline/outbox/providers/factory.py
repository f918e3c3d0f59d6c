"""Build the configured provider, one instance per app.

``HOTLINE_PROVIDER`` picks it (``hotline.settings``). The instance lives in
``app.extensions["hotline_provider"]``: tests may put their own there before
the first use, and everything else asks ``current_provider()``.
"""

from __future__ import annotations

import threading

from flask import Flask, current_app

from hotline.outbox.providers.base import TelephonyProvider
from hotline.settings import Settings, SettingsError

EXTENSION_KEY = "hotline_provider"
_lock = threading.Lock()


def provider_for(settings: Settings) -> TelephonyProvider:
    if settings.provider == "twilio":
        from hotline.outbox.providers.twilio import TwilioProvider

        missing = [name for name, value in (
            ("TWILIO_ACCOUNT_SID", settings.twilio_account_sid),
            ("TWILIO_AUTH_TOKEN", settings.twilio_auth_token),
            ("TWILIO_FROM", settings.twilio_from)) if not value]
        if missing:
            raise SettingsError(f"HOTLINE_PROVIDER=twilio needs {', '.join(missing)}.")
        assert settings.twilio_account_sid and settings.twilio_auth_token and settings.twilio_from
        return TwilioProvider(settings.twilio_account_sid, settings.twilio_auth_token,
                              settings.twilio_from)
    if settings.provider == "console":
        from hotline.outbox.providers.console import ConsoleProvider

        return ConsoleProvider(settings.pepper)
    if settings.provider == "recording":
        from hotline.outbox.providers.recording import RecordingProvider

        return RecordingProvider()
    raise SettingsError(f"unknown HOTLINE_PROVIDER {settings.provider!r}")


def provider_for_app(app: Flask) -> TelephonyProvider:
    provider = app.extensions.get(EXTENSION_KEY)
    if provider is None:
        with _lock:
            provider = app.extensions.get(EXTENSION_KEY)
            if provider is None:
                provider = provider_for(app.config["HOTLINE_SETTINGS"])
                app.extensions[EXTENSION_KEY] = provider
    return provider  # type: ignore[no-any-return]


def current_provider() -> TelephonyProvider:
    """The current app's provider (created on first use)."""
    return provider_for_app(current_app._get_current_object())  # type: ignore[attr-defined]
