"""Response hardening and the Argon2 profile in force."""

from __future__ import annotations

from flask import Flask, Response

from hotline.crypto.passwords import INSECURE_TEST_PARAMS, RFC9106_LOW_MEMORY, Argon2Params
from hotline.settings import Settings

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "media-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
])


def argon2_params(settings: Settings) -> Argon2Params:
    if settings.argon2_profile == "insecure-test":
        return INSECURE_TEST_PARAMS
    return RFC9106_LOW_MEMORY


def configure_security_headers(app: Flask, settings: Settings) -> None:
    @app.after_request
    def _headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers["Referrer-Policy"] = "no-referrer"
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Cross-Origin-Resource-Policy"] = "same-origin"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        if settings.secure_cookies:
            headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
        # Nothing this service serves should outlive the visit on a shared or
        # seized device: reporters' pages and staff pages alike. Static files
        # carry no report content and may be cached.
        if not response.headers.get("Cache-Control"):
            headers["Cache-Control"] = "no-store"
        headers.pop("Server", None)
        return response
