"""``X-Twilio-Signature`` validation with the official SDK.

The URL Twilio signed is rebuilt from ``HOTLINE_PUBLIC_URL`` plus the path
and query string of the request, never from ``Host`` or forwarding headers:
behind a proxy (nginx, a Tor onion service) the app sees an internal host,
and a client-chosen ``Host`` must not be able to change what is verified.

Without ``TWILIO_AUTH_TOKEN`` every webhook is refused (fail closed), except
in development, where a token derived from the secret key lets the
development phone sign exactly as Twilio would with no Twilio account.
"""

from __future__ import annotations

from collections.abc import Mapping

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from twilio.request_validator import (
    SIGNATURE_HEADER,
    SIGNATURE_SETTINGS_HEADER,
    RequestValidator,
    get_signature_algorithm,
)

from hotline.settings import Settings

SUPPORTED_ALGORITHMS = ("HMAC_SHA1", "HMAC_SHA256")

__all__ = ["SIGNATURE_HEADER", "SIGNATURE_SETTINGS_HEADER", "public_url", "sign", "valid",
           "webhook_token"]


def webhook_token(settings: Settings) -> str | None:
    token = getattr(settings, "twilio_auth_token", None)
    if token:
        return str(token)
    if settings.development:
        derived = HKDF(algorithm=hashes.SHA256(), length=24, salt=None,
                       info=b"hotline/dev-twilio-token/v1").derive(settings.secret_key)
        return derived.hex()
    return None


def public_url(settings: Settings, path: str, query_string: bytes | str = b"") -> str:
    query = query_string.decode("latin-1") if isinstance(query_string, bytes) else query_string
    return settings.public_url + path + (f"?{query}" if query else "")


def valid(settings: Settings, url: str, params: Mapping[str, object], signature: str | None,
          signature_settings: str | None = None) -> bool:
    """Whether ``signature`` is Twilio's for ``url`` and the POST ``params``."""
    token = webhook_token(settings)
    if not token or not signature:
        return False
    algorithm = get_signature_algorithm(signature_settings).upper()
    if algorithm not in SUPPORTED_ALGORITHMS:
        return False  # checked here: the SDK would log the header's value
    return bool(RequestValidator(token).validate(url, params, signature, algorithm))


def sign(settings: Settings, url: str, params: Mapping[str, object]) -> str:
    """What Twilio would send as ``X-Twilio-Signature`` (development phone)."""
    token = webhook_token(settings)
    if token is None:
        raise RuntimeError("no Twilio auth token configured")
    return RequestValidator(token).compute_signature(url, params)
