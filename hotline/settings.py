"""Settings: read once from the environment (and ``instance/hotline.env``)
into a frozen, validated object.

No secret has a working default: a missing or malformed secret is a
``SettingsError`` at start-up, with a message that names the variable and says
how to create it (``hotline init``), never the value.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

from hotline.intake.languages import ALL_LANGUAGES, LOCALE_IDENTIFIERS

ENV_FILE_NAME = "hotline.env"
SECRET_NAMES = ("HOTLINE_SECRET_KEY", "HOTLINE_PEPPER", "HOTLINE_RELAY_KEY")
ENVIRONMENTS = ("production", "development", "testing")
KEM_SUITES = ("x25519", "mlkem768-x25519")
ARGON2_PROFILES = ("rfc9106-low-memory", "insecure-test")
# Every language the service knows. Each needs a complete compiled catalog in
# translations/ (English is the source): a production create_app refuses to
# start without one (hotline.i18n.check_enabled_catalogs; development and
# tests warn), and the catalog gate fails CI on an incomplete one, so a
# deployment never serves a language as English pages.
DEFAULT_LANGUAGES: tuple[str, ...] = ALL_LANGUAGES
PROVIDERS = ("twilio", "console", "recording")


class SettingsError(RuntimeError):
    """The environment does not describe a runnable service."""


@dataclass(frozen=True)
class Settings:
    instance_path: Path
    database_url: str
    secret_key: bytes = field(repr=False)
    pepper: bytes = field(repr=False)
    relay_key: bytes = field(repr=False)
    environment: str = "production"
    kem_suite: str = "x25519"
    argon2_profile: str = "rfc9106-low-memory"
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    default_language: str = "en"
    exit_url: str = "https://www.bbc.co.uk/weather"
    public_url: str = "http://127.0.0.1:5000"
    session_idle_minutes: int = 15
    max_report_chars: int = 20_000
    log_level: str = "INFO"
    # SMS channel (hotline.channels.sms): later texts within this many days
    # of the last one join the same case.
    sms_window_days: int = 30
    # A reporter's sealed number is purged after this many idle days.
    relay_idle_days: int = 30
    # Delete inbound/outbound messages (and media) at the provider.
    provider_purge: bool = True
    # Largest MMS attachment downloaded (Twilio caps MMS at 5 MB).
    max_mms_bytes: int = 5 * 1024 * 1024
    # Exports and retention (hotline.exports, hotline.retention): the name
    # referral packets give as the referring organisation, how long a
    # referral's download link lives, and the default time to live of closed
    # cases and of web inboxes the reporter has left (admins can override
    # the retention values in the console; 0 keeps data until deleted).
    organisation_name: str = "Hotline"
    export_link_days: int = 30
    retention_closed_days: int = 365
    retention_inbox_days: int = 180
    # Telephony provider and outbox (hotline.outbox); see _provider_values().
    provider: str = "console"
    twilio_account_sid: str | None = None
    twilio_auth_token: str | None = field(default=None, repr=False)
    twilio_from: str | None = None
    outbox_lease_seconds: int = 300
    outbox_poll_seconds: int = 2
    outbox_settle_seconds: int = 60
    # Voice channel (hotline.channels.voice): the longest recording a caller
    # may leave (Twilio caps <Record> at 3600 s), and whether the undisguised
    # original is kept (encrypted, audited) beside the disguised copy.
    voice_max_record_seconds: int = 300
    voice_keep_original: bool = False

    @property
    def development(self) -> bool:
        return self.environment == "development"

    @property
    def testing(self) -> bool:
        return self.environment == "testing"

    @property
    def secure_cookies(self) -> bool:
        return self.public_url.startswith("https://")


def default_instance_path() -> Path:
    return Path(os.environ.get("HOTLINE_INSTANCE", "instance")).resolve()


def decode_secret(name: str, raw: str | None) -> bytes:
    """Secrets are 32 random bytes, written as URL-safe base64."""
    if not raw:
        raise SettingsError(
            f"{name} is not set. Run `hotline init` to generate the server secrets "
            f"into instance/{ENV_FILE_NAME}, or set it in the environment."
        )
    try:
        value = base64.urlsafe_b64decode(raw.encode("ascii") + b"=" * (-len(raw) % 4))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise SettingsError(f"{name} is not valid base64.") from None
    if len(value) < 32:
        raise SettingsError(f"{name} must hold at least 32 random bytes.")
    return value


def encode_secret(value: bytes) -> str:
    return base64.urlsafe_b64encode(value).decode("ascii").rstrip("=")


def _choice(env: Mapping[str, str], name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = env.get(name, default).strip().lower()
    if value not in allowed:
        raise SettingsError(f"{name} must be one of {', '.join(allowed)}.")
    return value


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number.") from None
    if value <= 0:
        raise SettingsError(f"{name} must be positive.")
    return value


def _days(env: Mapping[str, str], name: str, default: int) -> int:
    """A retention period in days; 0 means keep until deleted by hand."""
    raw = env.get(name)
    if raw is None:
        return default
    if not raw.strip().isdigit():
        raise SettingsError(f"{name} must be a whole number of days (0 keeps data).")
    return int(raw)


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in ("1", "on", "true", "yes"):
        return True
    if value in ("0", "off", "false", "no"):
        return False
    raise SettingsError(f"{name} must be on or off.")


def _provider_values(env: Mapping[str, str], environment: str) -> dict[str, object]:
    """HOTLINE_PROVIDER, the Twilio credentials and the outbox timings.

    Production sends through Twilio; the console and recording providers
    (which print bodies, or drop messages) are refused there. The Twilio
    settings are required here when Twilio is chosen explicitly or any of
    them is given; when Twilio is only the production default (a web-only
    install), building the provider (``hotline worker``, the first send)
    names what is missing.
    """
    default = "twilio" if environment == "production" else "console"
    provider = _choice(env, "HOTLINE_PROVIDER", default, PROVIDERS)
    if environment == "production" and provider != "twilio":
        raise SettingsError(f"HOTLINE_PROVIDER={provider} is only for development and testing.")
    sid = env.get("TWILIO_ACCOUNT_SID", "").strip() or None
    token = env.get("TWILIO_AUTH_TOKEN", "").strip() or None
    sender = env.get("TWILIO_FROM", "").strip() or None
    if sid is not None and not re.fullmatch(r"AC[0-9a-f]{32}", sid):
        raise SettingsError("TWILIO_ACCOUNT_SID must be AC followed by 32 hex digits.")
    if sender is not None and not re.fullmatch(r"\+[1-9]\d{6,14}|MG[0-9a-f]{32}", sender):
        raise SettingsError("TWILIO_FROM must be an E.164 number (+...) or a messaging "
                            "service sid (MG...).")
    if provider == "twilio" and ("HOTLINE_PROVIDER" in env or sid or token or sender):
        for name, value in (("TWILIO_ACCOUNT_SID", sid), ("TWILIO_AUTH_TOKEN", token),
                            ("TWILIO_FROM", sender)):
            if value is None:
                raise SettingsError(f"{name} is not set; HOTLINE_PROVIDER=twilio needs it.")
    return {
        "provider": provider,
        "twilio_account_sid": sid,
        "twilio_auth_token": token,
        "twilio_from": sender,
        "outbox_lease_seconds": _positive_int(env, "HOTLINE_OUTBOX_LEASE_SECONDS", 300),
        "outbox_poll_seconds": _positive_int(env, "HOTLINE_OUTBOX_POLL_SECONDS", 2),
        "outbox_settle_seconds": _positive_int(env, "HOTLINE_OUTBOX_SETTLE_SECONDS", 60),
    }


def language_code_of(value: str) -> str:
    """A language code from a code or a catalog locale (``zh_Hans``, ``zh-Hans`` -> ``zh``)."""
    by_locale = {locale.lower(): code for code, locale in LOCALE_IDENTIFIERS.items()}
    value = value.strip().replace("-", "_")
    return by_locale.get(value.lower(), value.lower())


def parse_languages(raw: str) -> tuple[str, ...]:
    """HOTLINE_LANGUAGES: language codes, comma-separated; a catalog's locale
    (``zh_Hans``, ``zh-Hans``) is taken for its language (``zh``)."""
    codes: list[str] = []
    for item in raw.split(","):
        code = language_code_of(item)
        if not code or code in codes:
            continue
        if code not in ALL_LANGUAGES:
            raise SettingsError(f"HOTLINE_LANGUAGES: {item.strip()!r} is not a language this "
                                f"service knows ({', '.join(ALL_LANGUAGES)}).")
        codes.append(code)
    if not codes:
        raise SettingsError("HOTLINE_LANGUAGES must name at least one language.")
    return tuple(codes)


def read_environment(instance_path: Path | None = None,
                     environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The process environment over the instance's env file."""
    environ = os.environ if environ is None else environ
    instance_path = instance_path or Path(
        environ.get("HOTLINE_INSTANCE", "instance")).resolve()
    merged: dict[str, str] = {}
    env_file = instance_path / ENV_FILE_NAME
    if env_file.is_file():
        merged.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    merged.update(environ)
    return merged


def load_settings(environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Build Settings from the environment; ``overrides`` win (tests use them)."""
    base_env = os.environ if environ is None else environ
    instance_path = Path(base_env.get("HOTLINE_INSTANCE", "instance")).resolve()
    env = read_environment(instance_path, base_env)
    environment = _choice(env, "HOTLINE_ENV", "production", ENVIRONMENTS)
    argon2_profile = _choice(env, "HOTLINE_ARGON2", "rfc9106-low-memory", ARGON2_PROFILES)
    if argon2_profile == "insecure-test" and environment != "testing":
        raise SettingsError("HOTLINE_ARGON2=insecure-test is only allowed with HOTLINE_ENV=testing.")
    languages = parse_languages(env.get("HOTLINE_LANGUAGES", ",".join(DEFAULT_LANGUAGES)))
    default_language = env.get("HOTLINE_DEFAULT_LANGUAGE", "en").strip() or "en"
    default_language = language_code_of(default_language)
    if default_language not in languages:
        raise SettingsError("HOTLINE_DEFAULT_LANGUAGE must be one of HOTLINE_LANGUAGES.")
    values: dict[str, object] = {
        "instance_path": instance_path,
        "database_url": env.get("DATABASE_URL") or f"sqlite:///{instance_path / 'hotline.db'}",
        "secret_key": decode_secret("HOTLINE_SECRET_KEY", env.get("HOTLINE_SECRET_KEY")),
        "pepper": decode_secret("HOTLINE_PEPPER", env.get("HOTLINE_PEPPER")),
        "relay_key": decode_secret("HOTLINE_RELAY_KEY", env.get("HOTLINE_RELAY_KEY")),
        "environment": environment,
        "kem_suite": _choice(env, "HOTLINE_KEM", "x25519", KEM_SUITES),
        "argon2_profile": argon2_profile,
        "languages": languages,
        "default_language": default_language,
        "exit_url": env.get("HOTLINE_EXIT_URL", "https://www.bbc.co.uk/weather"),
        "public_url": env.get("HOTLINE_PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/"),
        "session_idle_minutes": _positive_int(env, "HOTLINE_SESSION_IDLE_MINUTES", 15),
        "max_report_chars": _positive_int(env, "HOTLINE_MAX_REPORT_CHARS", 20_000),
        "log_level": env.get("HOTLINE_LOG_LEVEL", "INFO").upper(),
        "sms_window_days": _positive_int(env, "HOTLINE_SMS_WINDOW_DAYS", 30),
        "relay_idle_days": _positive_int(env, "HOTLINE_RELAY_IDLE_DAYS", 30),
        "provider_purge": _flag(env, "HOTLINE_PROVIDER_PURGE", True),
        "max_mms_bytes": _positive_int(env, "HOTLINE_MAX_MMS_BYTES", 5 * 1024 * 1024),
        "organisation_name": env.get("HOTLINE_ORGANISATION_NAME", "Hotline").strip() or "Hotline",
        "export_link_days": _positive_int(env, "HOTLINE_EXPORT_LINK_DAYS", 30),
        "retention_closed_days": _days(env, "HOTLINE_RETENTION_CLOSED_DAYS", 365),
        "retention_inbox_days": _days(env, "HOTLINE_RETENTION_INBOX_DAYS", 180),
        "voice_max_record_seconds": min(3600, _positive_int(
            env, "HOTLINE_VOICE_MAX_RECORD_SECONDS", 300)),
        "voice_keep_original": _flag(env, "HOTLINE_VOICE_KEEP_ORIGINAL", False),
    }
    values.update(_provider_values(env, environment))
    values.update(overrides)
    secrets = {values[name] for name in ("secret_key", "pepper", "relay_key")}
    if len(secrets) != 3:
        raise SettingsError("The three server secrets must differ from each other.")
    return Settings(**values)  # type: ignore[arg-type]
